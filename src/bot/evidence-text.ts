import { RIGHT_INFO, isRight, type Right } from '../domain/index.js';
import type { Lang } from './texts.js';

/**
 * The classifier's evidence lines ("access: "…"", "request wording: "…"") in the card's language. The case
 * keeps them in English (they are the classifier's record, compared in tests and logs); a Danish card shows
 * Danish labels around the mail's own words, which stay as written.
 */

const KINDS_DA: Record<string, string> = {
  auto_reply: 'autosvar',
  bounce: 'returmail',
  calendar: 'kalender',
  dpa_agreement: 'databehandleraftale',
  event: 'arrangement',
  invoice: 'faktura',
  newsletter: 'nyhedsbrev',
  phishing: 'phishing',
  processor_instruction: 'instruks som databehandler',
  questionnaire: 'spørgeskema',
  security_incident: 'sikkerhedshændelse',
  subprocessor_notice: 'besked om underdatabehandler',
  vendor_marketing: 'markedsføring fra en leverandør',
  other: 'andet',
};

const kindDa = (kind: string) => KINDS_DA[kind] ?? kind;

const UNCERTAIN_DA: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^a right is asked for, but the mail reads as (\w+) too$/, (m) => `der bedes om en rettighed, men mailen ligner også ${kindDa(m[1]!)}`],
  [/^a right is asked for, but not firmly enough to be sure$/, () => 'der bedes om en rettighed, men ikke tydeligt nok til at være sikker'],
  [/^a right is named, not clearly asked for$/, () => 'en rettighed nævnes, men der bedes ikke tydeligt om den'],
  [/^the sender writes about their own data$/, () => 'afsenderen skriver om sine egne oplysninger'],
];

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^(\w+): (".*")$/s, (m) => (isRight(m[1]!) ? `${RIGHT_INFO[m[1] as Right].name.da}: ${m[2]}` : m[0])],
  [/^request wording: (.*)$/s, (m) => `ordlyd som en anmodning: ${m[1]}`],
  [/^about their own data: (.*)$/s, (m) => `om egne oplysninger: ${m[1]}`],
  [
    /^uncertain: (.*)$/s,
    (m) =>
      `usikker: ${m[1]!
        .split('; ')
        .map((part) => translate(part, UNCERTAIN_DA))
        .join('; ')}`,
  ],
  [
    /^not a request \((\w+)\): (.*)$/s,
    (m) =>
      `ikke en anmodning (${kindDa(m[1]!)}): ${m[2]!
        .split(', ')
        .map((part) => translate(part, NEGATIVE_DA))
        .join(', ')}`,
  ],
  [/^identity document sent in answer \((.*)\)$/s, (m) => `ID-dokument sendt som svar (${m[1]})`],
  [/^identity sent in answer: (.*)$/s, (m) => `identitet oplyst som svar: ${m[1]}`],
  [/^on behalf of someone else: (.*)$/s, (m) => `på vegne af en anden: ${m[1]}`],
  [/^held for a customer: (.*)$/s, (m) => `oplysninger ITGuy behandler for en kunde: ${translate(m[1]!, ELSEWHERE_DA)}`],
  [/^asked clearly; the context does not change that$/, () => 'tydeligt spurgt; sammenhængen ændrer ikke på det'],
  [/^Art\. (\d+)(?:\((\d+)\))? cited$/, (m) => `artikel ${m[1]}${m[2] ? `, stk. ${m[2]}` : ''} nævnt`],
  [/^case number (\S+) quoted$/, (m) => `sagsnummer ${m[1]} nævnt`],
  [/^reply to (.+)'s mail on a case$/, (m) => `svar på ${m[1]}s mail i en sag`],
  [/^asks about an earlier request: (.*)$/s, (m) => `spørger til en tidligere anmodning: ${m[1]}`],
  [/^internal mail from (.*)$/, (m) => `intern mail fra ${m[1]}`],
  [
    /^sent through a form by (\S+); requester from the form's e-mail field$/,
    (m) => `sendt via en formular af ${m[1]}; anmoderen er taget fra formularens e-mailfelt`,
  ],
  [/^sent by (\S+) on behalf of Reply-To (\S+)$/, (m) => `sendt af ${m[1]} på vegne af svaradressen ${m[2]}`],
  [
    /^forwarded by (\S+); requester is the original sender (\S+)$/,
    (m) => `videresendt af ${m[1] === 'someone' ? 'nogen' : m[1]}; anmoderen er den oprindelige afsender ${m[2]}`,
  ],
  [/^(.*) \(in reply to or about marketing\)$/s, (m) => `${translate(m[1]!, RULES)} (som svar på eller om markedsføring)`],
];

const NEGATIVE_DA: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^(.+) header \(mass mailing\)$/, (m) => `${m[1]}-header (masseudsendelse)`],
  [/^sent by a mass mailer \((.*)\)$/, (m) => `sendt af et masseudsendelsesprogram (${m[1]})`],
  [/^sender (\S+)$/, (m) => `afsender ${m[1]}`],
  [/^sent by (\S+)$/, (m) => `sendt af ${m[1]}`],
  [/^subject (".*")$/s, (m) => `emne ${m[1]}`],
  [/^attachment (.+)$/s, (m) => `vedhæftet ${m[1]}`],
  [/^amounts and payment terms$/, () => 'beløb og betalingsbetingelser'],
  [/^auto-reply subject (".*")$/s, (m) => `emne som et autosvar ${m[1]}`],
  [/^bounce subject (".*")$/s, (m) => `emne som en returmail ${m[1]}`],
  [/^delivery report \((.*)\)$/s, (m) => `leveringsrapport (${m[1]})`],
  [/^(".*") writes from (\S+)$/, (m) => `${m[1]} skriver fra ${m[2]}`],
  [/^a calendar message \(text\/calendar\)$/, () => 'en kalenderbesked (text/calendar)'],
  [/^meeting invitation \((.*)\)$/, (m) => `mødeindkaldelse (${m[1]})`],
  [/^calendar subject (".*")$/, (m) => `emne som en kalenderbesked ${m[1]}`],
  [/^out-of-office text: (.*)$/s, (m) => `autosvar: ${m[1]}`],
];

const ELSEWHERE_DA: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /^asks about data in their organisation's systems (\(".*"\)) that the company runs (\(".*"\))$/s,
    (m) => `spørger om oplysninger i sin organisations systemer ${m[1]}, som ITGuy driver ${m[2]}`,
  ],
];

function translate(line: string, rules: readonly [RegExp, (m: RegExpMatchArray) => string][]): string {
  for (const [re, da] of rules) {
    const m = line.match(re);
    if (m) return da(m);
  }
  return line;
}

/** One evidence line in `lang`; a line no rule knows is shown as the classifier wrote it. */
export function evidenceText(line: string, lang: Lang): string {
  return lang === 'da' ? translate(line, RULES) : line;
}
