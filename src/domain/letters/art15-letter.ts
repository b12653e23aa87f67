import type { Case } from '../case.js';
import { RIGHT_INFO } from '../rights.js';
import type { ProcessingRegister } from '../register/types.js';
import type { Text } from '../text.js';

/**
 * The answer to an access request (Art. 15), in the requester's language, from the processing register:
 * confirmation, (a) purposes, (b) categories, (c) recipients by name, (d) retention, (e) the other rights,
 * (f) the right to complain to Datatilsynet, (g) sources, (h) automated decisions, 15(2) transfers, and
 * what was withheld or redacted and why (15(4)). Plain text: the DPO reviews and sends it; nothing is sent
 * automatically.
 */

export interface Withheld {
  /** The item (a subject or a file name) and why it is not in the copy. */
  title: string;
  reason: string;
}

export interface LetterInput {
  case: Case;
  register: ProcessingRegister;
  /** Items in the copy (the package's index), and what was left out. */
  included: number;
  withheld: readonly Withheld[];
  /** Other people's data redacted in the copy (Art. 15(4)). */
  redactedOthers: boolean;
  /** The date of the letter (YYYY-MM-DD). */
  date: string;
}

const L = (da: string, en: string): Text => ({ da, en });

const H = {
  subject: L('Svar på din anmodning om indsigt', 'Answer to your request for access'),
  intro: (controller: string) =>
    L(
      `Vi bekræfter, at ${controller} behandler personoplysninger om dig. Her er en kopi af oplysningerne og de oplysninger, du har ret til efter databeskyttelsesforordningens artikel 15.`,
      `We confirm that ${controller} processes personal data about you. Here is a copy of the data and the information you are entitled to under Article 15 of the General Data Protection Regulation.`,
    ),
  a: L('a) Formål og retsgrundlag', 'a) Purposes and legal bases'),
  b: L('b) Kategorier af personoplysninger', 'b) Categories of personal data'),
  c: L('c) Modtagere (databehandlere og andre)', 'c) Recipients (processors and others)'),
  d: L('d) Hvor længe vi opbevarer oplysningerne', 'd) How long we keep the data'),
  e: L('e) Dine øvrige rettigheder', 'e) Your other rights'),
  eText: L(
    'Du har ret til at få urigtige oplysninger berigtiget (art. 16), til at få oplysninger slettet (art. 17), til at få behandlingen begrænset (art. 18) og til at gøre indsigelse mod behandlingen (art. 21). Skriv til os, hvis du vil bruge en af dem.',
    'You have the right to have inaccurate data rectified (Art. 16), to have data erased (Art. 17), to have processing restricted (Art. 18) and to object to processing (Art. 21). Write to us if you want to use any of them.',
  ),
  f: L('f) Klage til Datatilsynet', 'f) Complaint to Datatilsynet'),
  g: L('g) Hvor oplysningerne kommer fra', 'g) Where the data comes from'),
  h: L('h) Automatiske afgørelser', 'h) Automated decisions'),
  transfers: L('Overførsel til lande uden for EU/EØS (art. 15(2))', 'Transfers outside the EU/EEA (Art. 15(2))'),
  copy: L('Kopi af dine oplysninger (art. 15(3))', 'Copy of your data (Art. 15(3))'),
  copyText: L(
    'Vedlagt er {n} dokumenter og e-mails med dine oplysninger samt en oversigt (index.csv).',
    'Enclosed are {n} documents and e-mails containing your data, with an index (index.csv).',
  ),
  withheld: L('Hvad vi ikke har udleveret, og hvorfor', 'What we have not included, and why'),
  redacted: L(
    'Oplysninger om andre personer er overstreget i kopien af hensyn til deres rettigheder (art. 15(4)).',
    "Other people's data has been redacted in the copy to protect their rights (Art. 15(4)).",
  ),
  nothingWithheld: L('Vi har ikke tilbageholdt noget.', 'We have not withheld anything.'),
  regards: L('Med venlig hilsen', 'Kind regards'),
  complaint: L(
    'Du kan klage til {name}, {street}, {postal} {city}, {email}, tlf. {phone}, {web}.',
    'You can complain to {name}, {street}, {postal} {city}, Denmark, {email}, tel. {phone}, {web}.',
  ),
};

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (w, k: string) => String(values[k] ?? w));

export function accessLetter(input: LetterInput): { subject: string; body: string; lang: 'da' | 'en' } {
  const { case: c, register: r } = input;
  const lang = c.language === 'en' ? 'en' : 'da';
  const t = (x: Text) => x[lang];
  const purposes = r.purposes.map(
    (p) =>
      `- ${t(p.name)}: ${t(p.description)} (${lang === 'da' ? 'retsgrundlag' : 'legal basis'}: ${p.legalBases.map((b) => `art. ${b}`).join(', ')})`,
  );
  const categories = r.dataCategories.map((d) => `- ${t(d.name)} (${t(d.examples)})`);
  const recipients = [
    ...r.processors.filter((p) => p.mayHoldRequesterData).map((p) => `- ${p.name}: ${t(p.does)}`),
    ...r.recipientCategories.map((rc) => `- ${t(rc.name)} (${t(rc.examples)})`),
  ];
  const retention = [...new Set(r.purposes.flatMap((p) => p.retention.map((x) => `- ${t(p.name)}: ${t(x.rule)}`)))];
  const sources = r.sources.map((s) => `- ${t(s.name)}`);
  const sa = r.supervisoryAuthority;
  const withheld = input.withheld.length ? input.withheld.map((w) => `- ${w.title}: ${w.reason}`) : [t(H.nothingWithheld)];
  const greeting = lang === 'da' ? `Kære ${c.requester.name ?? ''}`.trim() : `Dear ${c.requester.name ?? 'Sir or Madam'}`;
  const rights = c.rights.map((right) => RIGHT_INFO[right].name[lang].toLowerCase()).join(', ');
  const body = [
    `${r.controller.name}, ${r.controller.address.street}, ${r.controller.address.postalCode} ${r.controller.address.city}, CVR ${r.controller.cvr}`,
    `${input.date}    ${lang === 'da' ? 'Sag' : 'Case'} ${c.id}`,
    '',
    `${greeting},`,
    '',
    `${lang === 'da' ? `Tak for din anmodning (${rights}), som vi modtog` : `Thank you for your request (${rights}), which we received on`} ${c.deadlines.receivedDate}.`,
    t(H.intro(r.controller.name)),
    '',
    t(H.a),
    ...purposes,
    '',
    t(H.b),
    ...categories,
    '',
    t(H.c),
    ...recipients,
    '',
    t(H.d),
    ...retention,
    '',
    t(H.e),
    t(H.eText),
    '',
    t(H.f),
    fill(t(H.complaint), {
      name: sa.name,
      street: sa.address.street,
      postal: sa.address.postalCode,
      city: sa.address.city,
      email: sa.email,
      phone: sa.phone,
      web: sa.website,
    }),
    '',
    t(H.g),
    ...sources,
    '',
    t(H.h),
    t(r.automatedDecisionMaking),
    '',
    t(H.transfers),
    t(r.thirdCountryTransfers),
    '',
    t(H.copy),
    fill(t(H.copyText), { n: input.included }),
    '',
    t(H.withheld),
    ...withheld,
    ...(input.redactedOthers ? [t(H.redacted)] : []),
    '',
    t(H.regards),
    `${r.dpo.name}, ${t(r.dpo.role)}`,
    `${r.controller.name} · ${r.controller.email} · ${r.controller.phone}`,
  ].join('\n');
  return { subject: `${t(H.subject)} (${c.id})`, body, lang };
}
