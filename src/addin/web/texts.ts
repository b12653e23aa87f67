/** The add-in's words in Danish and English, picked by Office's display language. */

export type Lang = 'da' | 'en';

export const lang = (): Lang =>
  typeof Office !== 'undefined' && Office.context?.displayLanguage?.toLowerCase().startsWith('da') ? 'da' : 'en';

const TEXTS = {
  title: { da: 'GDPR-anmodning', en: 'GDPR request' },
  loading: { da: 'Læser beskeden …', en: 'Reading the message …' },
  detected: { da: 'Det ligner en GDPR-anmodning.', en: 'This looks like a data-subject request.' },
  notDetected: {
    da: 'Det ligner ikke en anmodning, men du kan logge den alligevel.',
    en: 'This does not look like a request, but you can log it anyway.',
  },
  uncertain: {
    da: 'Det kan være en anmodning. Se ordlyden nedenfor, og log den, hvis personen spørger til sine egne data.',
    en: 'This may be a request. Read the wording below, and log it if the person asks about their own data.',
  },
  setAside: {
    da: 'Assistenten lagde denne mail til side som {kind} den {at}: {reason}. Er det alligevel en anmodning, så log den her.',
    en: 'The assistant set this mail aside as {kind} on {at}: {reason}. If it is a request after all, log it here.',
  },
  rights: { da: 'Rettigheder', en: 'Rights' },
  requesterName: { da: 'Anmoderens navn', en: "Requester's name" },
  requesterEmail: { da: 'Anmoderens e-mail', en: "Requester's e-mail" },
  dataSubject: { da: 'På vegne af (den registrerede, hvis en anden)', en: 'On behalf of (the data subject, if someone else)' },
  language: { da: 'Svarsprog', en: 'Answer language' },
  evidence: { da: 'Grundlag for vurderingen', en: 'What decided it' },
  log: { da: 'Log som GDPR-anmodning', en: 'Log as GDPR request' },
  logging: { da: 'Logger …', en: 'Logging …' },
  logged: { da: 'Logget som {id} — svarfrist {due}', en: 'Logged as {id} — answer due {due}' },
  already: { da: 'Allerede logget som {id} — svarfrist {due}', en: 'Already logged as {id} — answer due {due}' },
  status: { da: 'Status', en: 'Status' },
  due: { da: 'Frist', en: 'Due' },
  extendedDue: { da: 'Forlænget frist', en: 'Extended due' },
  received: { da: 'Modtaget', en: 'Received' },
  openInTeams: { da: 'Åbn sagen i Teams', en: 'Open the case in Teams' },
  chooseRight: { da: 'Vælg mindst én rettighed.', en: 'Choose at least one right.' },
  failed: { da: 'Det lykkedes ikke: {reason}', en: 'That did not work: {reason}' },
  noItem: { da: 'Vælg en besked først.', en: 'Select a message first.' },
  personHasOpenCase: {
    da: '{id} er åben for denne person (modtaget {date}). Hører beskeden til den sag?',
    en: '{id} is open for this person (received {date}). Does this message belong to that case?',
  },
  addToOpen: { da: 'Føj til den åbne sag', en: 'Add to the open case' },
  logAnyway: { da: 'Log som ny sag alligevel', en: 'Log as a new case anyway' },
  adding: { da: 'Føjer til sagen …', en: 'Adding to the case …' },
  addedTo: { da: 'Føjet til {id} som opfølgning', en: 'Added to {id} as a follow-up' },
  openCaseNotice: {
    da: '{id} er åben for denne person. Åbn GDPR-ruden for at føje beskeden til sagen eller logge en ny.',
    en: '{id} is open for this person. Open the GDPR pane to add the message to it or log a new case.',
  },
  signIn: { da: 'Du skal logge ind for at fortsætte.', en: 'You need to sign in to continue.' },
} as const;

export const RIGHT_NAMES: Record<string, { da: string; en: string }> = {
  access: { da: 'Indsigt (artikel 15)', en: 'Access (Art. 15)' },
  information: { da: 'Oplysning (artikel 13 og 14)', en: 'Information (Art. 13/14)' },
  rectification: { da: 'Berigtigelse (artikel 16)', en: 'Rectification (Art. 16)' },
  erasure: { da: 'Sletning (artikel 17)', en: 'Erasure (Art. 17)' },
  restriction: { da: 'Begrænsning (artikel 18)', en: 'Restriction (Art. 18)' },
  portability: { da: 'Dataportabilitet (artikel 20)', en: 'Portability (Art. 20)' },
  objection: { da: 'Indsigelse (artikel 21)', en: 'Objection (Art. 21)' },
  marketing_opt_out: { da: 'Afmelding af markedsføring', en: 'Marketing opt-out' },
};

export function t(key: keyof typeof TEXTS, params: Record<string, string> = {}): string {
  return TEXTS[key][lang()].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** "7. april 2026" / "7 April 2026". */
export function date(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(lang() === 'da' ? 'da-DK' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
