import type { Case } from '../case.js';
import type { ProcessingRegister } from '../register/types.js';
import { RIGHT_INFO } from '../rights.js';

/**
 * The confirmation for erasure, rectification and restriction requests: per system what was done (from
 * the case's ticked tasks and the register's erasure method), what was kept under Art. 17(3) and until
 * when (bookkeeping: 5 years from the end of the financial year), and the Art. 19 notifications to each
 * recipient. The DPO reviews and sends it.
 */

export interface ConfirmationInput {
  case: Case;
  register: ProcessingRegister;
  /** The letter's date (YYYY-MM-DD); "kept until" is counted from the financial year it falls in. */
  date: string;
  /** The last month of the financial year (12 for a calendar year). */
  financialYearEndMonth?: number;
}

/** End of the financial year a date falls in, plus `years`: the last day data under the exception is kept. */
export function keptUntil(date: string, years: number, financialYearEndMonth = 12): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const endYear = m > financialYearEndMonth ? y + 1 : y;
  const lastDay = new Date(Date.UTC(endYear + years, financialYearEndMonth, 0)).getUTCDate();
  return `${endYear + years}-${String(financialYearEndMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

export function confirmationLetter(input: ConfirmationInput): {
  subject: string;
  body: string;
  lang: 'da' | 'en';
  art19: { recipient: string; right: string; done: boolean }[];
} {
  const { case: c, register: r } = input;
  const lang = c.language === 'en' ? 'en' : 'da';
  const da = lang === 'da';
  const rights = c.rights.filter((x) => x === 'erasure' || x === 'rectification' || x === 'restriction');
  const systems = r.processors.filter((p) => p.mayHoldRequesterData);
  const done = (id: string) => c.tasks.some((t) => t.id === id && t.done);
  const lines: string[] = [];
  for (const right of rights) {
    lines.push(`${RIGHT_INFO[right].name[lang]} (${da ? 'art.' : 'Art.'} ${RIGHT_INFO[right].article})`);
    for (const p of systems) {
      const status = done(`${right}:${p.id}`) ? (da ? 'udført' : 'done') : da ? 'under behandling' : 'in progress';
      const how = right === 'erasure' ? ` – ${p.erasure.note[lang]}` : '';
      lines.push(`- ${p.name}: ${status}${how}`);
    }
    lines.push('');
  }
  const kept = rights.includes('erasure')
    ? r.retentionExceptions.map(
        (e) =>
          `- ${e.law[lang]} (${da ? 'art.' : 'Art.'} ${e.article}): ${e.rule[lang]} ${da ? 'Opbevares til og med' : 'Kept until'} ${keptUntil(input.date, e.years, input.financialYearEndMonth)}.`,
      )
    : [];
  const art19 = rights.flatMap((right) => [
    ...systems.map((p) => ({ recipient: p.name, right, done: done(`art19:${p.id}`) })),
    { recipient: da ? 'Øvrige modtagere' : 'Other recipients', right, done: done('art19:other_recipients') },
  ]);
  const body = [
    `${r.controller.name}, ${r.controller.address.street}, ${r.controller.address.postalCode} ${r.controller.address.city}, CVR ${r.controller.cvr}`,
    `${input.date}    ${da ? 'Sag' : 'Case'} ${c.id}`,
    '',
    da ? `${`Kære ${c.requester.name ?? ''}`.trim()},` : `Dear ${c.requester.name ?? 'Sir or Madam'},`,
    '',
    da
      ? `Vi har behandlet din anmodning, som vi modtog ${c.deadlines.receivedDate}. Her er hvad vi har gjort:`
      : `We have handled your request, received on ${c.deadlines.receivedDate}. This is what we did:`,
    '',
    ...lines,
    ...(kept.length
      ? [
          da ? 'Hvad vi har bevaret, og hvorfor (art. 17(3))' : 'What we have kept, and why (Art. 17(3))',
          ...kept,
          da
            ? 'Oplysningerne bruges ikke til andet og slettes, når fristen udløber.'
            : 'The data is used for nothing else and is erased when the period ends.',
          '',
        ]
      : []),
    da ? 'Underretning af modtagere (art. 19)' : 'Notifying recipients (Art. 19)',
    da
      ? 'Vi har givet de modtagere, der har fået oplysningerne, besked om ændringen. Du kan få at vide, hvem de er.'
      : 'We have told the recipients who received the data about the change. You can ask us who they are.',
    '',
    da
      ? `Du kan klage til ${r.supervisoryAuthority.name}, ${r.supervisoryAuthority.address.street}, ${r.supervisoryAuthority.address.postalCode} ${r.supervisoryAuthority.address.city}, ${r.supervisoryAuthority.email}.`
      : `You can complain to ${r.supervisoryAuthority.name}, ${r.supervisoryAuthority.address.street}, ${r.supervisoryAuthority.address.postalCode} ${r.supervisoryAuthority.address.city}, Denmark, ${r.supervisoryAuthority.email}.`,
    '',
    da ? 'Med venlig hilsen' : 'Kind regards',
    `${r.dpo.name}, ${r.dpo.role[lang]}`,
  ].join('\n');
  return { subject: `${da ? 'Bekræftelse af din anmodning' : 'Confirmation of your request'} (${c.id})`, body, lang, art19 };
}
