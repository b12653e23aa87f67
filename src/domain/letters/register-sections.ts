import type { ProcessingRegister } from '../register/types.js';
import type { LetterBlock, LetterFacts } from './letter-model.js';
import { registerFacts } from '../register/assumptions.js';
import { citeBases as basisCite, joinList, longDate } from './long-date.js';

/**
 * The access (Art. 15) and information (Art. 13/14) letters' body: items (a)-(h) and 15(2) from the register,
 * and for access the copy (15(3)) and what was withheld. The register's texts exist in Danish and English only,
 * so these letters are written in one of the two (letter-for.ts says why to a German or Swedish requester).
 */

type Lang = 'da' | 'en';

const REDACTED_WORDS = {
  name: { da: 'navne', en: 'names' },
  email: { da: 'e-mailadresser', en: 'e-mail addresses' },
  phone: { da: 'telefonnumre', en: 'phone numbers' },
  cpr: { da: 'CPR-numre', en: 'CPR numbers' },
} as const;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function registerSections(
  template: 'access' | 'information',
  lang: Lang,
  who: string,
  r: ProcessingRegister,
  facts: LetterFacts,
  blocks: LetterBlock[],
): void {
  const da = lang === 'da';
  const h = (text: string) => blocks.push({ type: 'heading', text });
  const para = (text: string) => blocks.push({ type: 'paragraph', text });
  const list = (items: string[]) => blocks.push({ type: 'list', items });
  const t = (x: { da: string; en: string }) => x[lang];

  if (template === 'access') {
    para(
      da
        ? `Vi bekræfter, at ${r.controller.name} behandler personoplysninger om ${who}. Her er en kopi af oplysningerne og de oplysninger, som databeskyttelsesforordningens artikel 15 giver ret til.`
        : `We confirm that ${r.controller.name} processes personal data about ${who}. Here is a copy of the data and the information Article 15 of the General Data Protection Regulation entitles you to.`,
    );
  } else {
    para(
      da
        ? `Her er oplysningerne om, hvordan ${r.controller.name} behandler personoplysninger om ${who} (databeskyttelsesforordningens artikel 13 og 14). Brevet indeholder ikke en kopi af oplysningerne; den kan du få ved at bede om indsigt (artikel 15).`
        : `Here is the information on how ${r.controller.name} processes personal data about ${who} (Articles 13 and 14 of the General Data Protection Regulation). This letter does not include a copy of the data; you can have one by asking for access (Article 15).`,
    );
  }
  // Only what the policy states or the DPO confirmed: the product's own assumptions wait for the DPO.
  const known = registerFacts(r, facts.confirmations);
  // Categories and sources that only unconfirmed purposes use (staff data for a customer) are held back too.
  const only = (key: 'dataCategories' | 'sources') => {
    const used = new Set(known.purposes.flatMap((p) => p[key]));
    const held = new Set(r.purposes.flatMap((p) => p[key]));
    return (id: string) => used.has(id) || !held.has(id);
  };
  // The heading promises legal bases only when the letter states at least one.
  const anyBasis = known.purposes.some((p) => known.edited[`purpose:${p.id}`] === undefined && !known.basisUnconfirmed.has(p.id));
  h(anyBasis ? (da ? 'Formål og retsgrundlag' : 'Purposes and legal bases') : da ? 'Formål' : 'Purposes');
  list(
    known.purposes.map((p) => {
      // The DPO's own words replace the assumption; an unconfirmed basis is left out rather than guessed.
      const edited = known.edited[`purpose:${p.id}`];
      if (edited) return `${t(p.name)}: ${t(edited)}`;
      const basis = known.basisUnconfirmed.has(p.id) ? '' : ` ${da ? 'Retsgrundlag' : 'Legal basis'}: ${basisCite(p.legalBases, lang)}.`;
      return `${t(p.name)}: ${t(p.description)}${basis}`;
    }),
  );
  h(da ? 'Kategorier af personoplysninger' : 'Categories of personal data');
  list(r.dataCategories.filter((c) => only('dataCategories')(c.id)).map((c) => `${t(c.name)} (${t(c.examples)})`));
  h(da ? 'Modtagere' : 'Recipients');
  list([
    ...r.processors.filter((p) => p.mayHoldRequesterData).map((p) => `${p.name}: ${t(p.does)}`),
    ...r.recipientCategories.map((rc) => `${t(rc.name)} (${t(rc.examples)})`),
  ]);
  h(da ? 'Overførsel til lande uden for EU/EØS' : 'Transfers outside the EU/EEA');
  para(t(r.thirdCountryTransfers));
  const transfers = known.transfers.flatMap((x) => (x.text ? [`${x.processor}: ${t(x.text)}`] : []));
  if (transfers.length) list(transfers);
  h(da ? 'Hvor længe vi opbevarer oplysningerne' : 'How long we keep the data');
  list([...new Set(known.purposes.flatMap((p) => p.retention.map((x) => `${t(p.name)}: ${t(x.rule)}`)))]);
  h(da ? 'Hvor oplysningerne kommer fra' : 'Where the data comes from');
  list(r.sources.filter((x) => only('sources')(x.id)).map((s) => t(s.name)));
  h(da ? 'Automatiske afgørelser' : 'Automated decisions');
  para(t(r.automatedDecisionMaking));
  h(da ? 'Øvrige rettigheder' : 'Other rights');
  para(
    da
      ? 'Der er ret til at få urigtige oplysninger berigtiget (artikel 16), til at få oplysninger slettet (artikel 17), til at få behandlingen begrænset (artikel 18), til dataportabilitet (artikel 20) og til at gøre indsigelse mod behandlingen (artikel 21). Skriv til os for at bruge dem.'
      : 'There is a right to have inaccurate data rectified (Article 16), to have data erased (Article 17), to have processing restricted (Article 18), to data portability (Article 20) and to object to processing (Article 21). Write to us to use any of them.',
  );

  if (template !== 'access') return;
  h(da ? 'Kopi af oplysningerne (artikel 15, stk. 3)' : 'Copy of the data (Article 15(3))');
  const copy = facts.copy;
  if (!copy) {
    para(da ? 'Kopien sendes sammen med dette brev, når den er samlet.' : 'The copy follows with this letter once it is put together.');
    return;
  }
  const parts = [
    ...(copy.messages ? [da ? plural(copy.messages, 'e-mail', 'e-mails') : plural(copy.messages, 'e-mail', 'e-mails')] : []),
    ...(copy.files ? [da ? plural(copy.files, 'dokument', 'dokumenter') : plural(copy.files, 'document', 'documents')] : []),
    ...(copy.teams
      ? [da ? plural(copy.teams, 'Teams-besked', 'Teams-beskeder') : plural(copy.teams, 'Teams message', 'Teams messages')]
      : []),
    ...(copy.events
      ? [da ? plural(copy.events, 'kalenderaftale', 'kalenderaftaler') : plural(copy.events, 'calendar event', 'calendar events')]
      : []),
    ...(copy.contacts
      ? [da ? plural(copy.contacts, 'kontaktkort', 'kontaktkort') : plural(copy.contacts, 'contact card', 'contact cards')]
      : []),
    ...(copy.copilot
      ? [da ? plural(copy.copilot, 'Copilot-besked', 'Copilot-beskeder') : plural(copy.copilot, 'Copilot message', 'Copilot messages')]
      : []),
  ];
  para(
    parts.length
      ? da
        ? `Vedlagt er ${joinList(parts, 'da')} med oplysningerne samt en oversigt (index.csv).`
        : `Enclosed are ${joinList(parts, 'en')} holding the data, with an index (index.csv).`
      : da
        ? 'Vi har ikke fundet e-mails eller dokumenter med oplysningerne.'
        : 'We have found no e-mails or documents holding the data.',
  );
  h(da ? 'Hvad vi ikke har udleveret, og hvorfor' : 'What we have not included, and why');
  const itemWord = (kind: string) => (kind === 'message' ? 'e-mail' : da ? 'dokument' : 'document');
  if (copy.withheld.length)
    list(copy.withheld.map((w) => `${itemWord(w.kind)} ${da ? 'af' : 'of'} ${longDate(w.date, lang)}: ${w.reason}`));
  else para(da ? 'Vi har ikke tilbageholdt noget.' : 'We have not withheld anything.');
  if (copy.redactedOthers) {
    const kinds = (copy.redactedKinds ?? []).map((k) => REDACTED_WORDS[k][lang]);
    para(
      da
        ? `Kopien indeholder også oplysninger om andre personer end dig. Dem har vi fjernet${kinds.length ? ` (${joinList(kinds, 'da')})` : ''}, fordi retten til en kopi ikke må krænke andres rettigheder (artikel 15, stk. 4). De berørte e-mails og dokumenter er derfor vedlagt som PDF-kopier, hvor oplysningerne er erstattet af en markering; en oversigt står i redaction-log.csv.`
        : `The copy also holds data about people other than you. We have removed it${kinds.length ? ` (${joinList(kinds, 'en')})` : ''}, because the right to a copy must not adversely affect the rights of others (Article 15(4)). Those e-mails and documents are therefore enclosed as PDF copies in which the data is replaced by a marker; redaction-log.csv lists what was removed.`,
    );
  }
}
