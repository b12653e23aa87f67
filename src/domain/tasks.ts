import type { Task } from './case.js';
import { systemsHoldingRequesterData, type ProcessingRegister, type Processor } from './register/index.js';
import type { Right } from './rights.js';
import type { Text } from './text.js';

/**
 * The checklist a case starts with, generated from the rights asked for and the processing register.
 * Task ids are stable (`<area>:<what>[:<processor>]`), so regenerating after a change of rights keeps
 * what was already ticked, and a task two rights share (an Art. 19 notice) appears once.
 */

/**
 * The task the search of Microsoft 365 does (mailboxes and OneDrives of the tenant): ticked by the system
 * when a case's search has run to the end.
 */
export const SEARCHED_TASK = 'access:collect:microsoft_365';

export type TaskTemplate = Omit<Task, 'done' | 'doneAt' | 'doneBy'>;

const task = (id: string, title: Text, extra: Partial<TaskTemplate> = {}): TaskTemplate => ({ id, title, ...extra });

const COMMON: TaskTemplate[] = [
  task('acknowledge', {
    da: 'Send kvittering for modtagelsen med sagsnummer og svarfrist',
    en: 'Send an acknowledgement with the case number and the answer date',
  }),
  task('identity', {
    da: 'Vurdér identiteten — kun ved rimelig tvivl, og gem aldrig kopi af ID',
    en: 'Assess identity — only where there is reasonable doubt, and never keep a copy of an ID',
  }),
];

const ANSWER = task('answer', {
  da: 'Send svaret senest på fristen (ved afslag: begrundelse og klageadgang til Datatilsynet)',
  en: 'Send the answer by the deadline (if refusing: reasons and the right to complain to Datatilsynet)',
});

function perSystem(
  register: ProcessingRegister,
  right: Right,
  area: string,
  title: (p: Processor) => Text,
  note?: (p: Processor) => Text,
): TaskTemplate[] {
  return systemsHoldingRequesterData(register).map((p) =>
    task(`${area}:${p.id}`, title(p), { right, processorId: p.id, ...(note ? { note: note(p) } : {}) }),
  );
}

/** Art. 19: every recipient is told of a rectification, erasure or restriction, or the file says why not. */
function art19(register: ProcessingRegister, right: Right): TaskTemplate[] {
  return [
    ...perSystem(register, right, 'art19', (p) => ({
      da: `Artikel 19: underret ${p.name} eller bekræft at ændringen er gennemført i deres system`,
      en: `Art. 19: notify ${p.name} or confirm the change was made in their system`,
    })),
    task(
      'art19:other_recipients',
      {
        da: 'Artikel 19: underret øvrige modtagere (leverandører, myndigheder) — eller notér hvorfor det er umuligt eller uforholdsmæssigt',
        en: 'Art. 19: notify other recipients (suppliers, authorities) — or record why that is impossible or disproportionate',
      },
      { right },
    ),
  ];
}

const ERASURE_TITLE: Record<Processor['erasure']['method'], (name: string) => Text> = {
  erase: (name) => ({ da: `Slet personens data i ${name}`, en: `Erase the person's data in ${name}` }),
  retain: (name) => ({ da: `${name}: bevar det loven kræver, slet resten`, en: `${name}: keep what the law requires, erase the rest` }),
  expires: (name) => ({ da: `${name}: hold data ude af brug til det udløber`, en: `${name}: keep the data beyond use until it expires` }),
};

function tasksForRight(right: Right, register: ProcessingRegister): TaskTemplate[] {
  switch (right) {
    case 'access':
      return [
        ...perSystem(register, right, 'access:collect', (p) => ({
          da: `Find personens data i ${p.name}`,
          en: `Find the person's data in ${p.name}`,
        })),
        task(
          'access:redact',
          {
            da: 'Overstreg andre personers oplysninger i kopien (artikel 15, stk. 4)',
            en: "Redact other people's data in the copy (Art. 15(4))",
          },
          { right },
        ),
        task(
          'access:letter',
          {
            da: 'Skriv svaret med oplysningerne i artikel 15, stk. 1, litra a-h, og stk. 2, og en kopi af data (artikel 15, stk. 3)',
            en: 'Write the answer with Art. 15(1)(a)-(h), 15(2) and a copy of the data (Art. 15(3))',
          },
          { right },
        ),
      ];
    case 'information':
      return [
        task(
          'information:letter',
          {
            da: 'Send oplysningerne efter artikel 13 og 14 om personens egne data (formål, kategorier, modtagere, opbevaring, rettigheder, kilde)',
            en: "Send the Art. 13/14 information about the person's own data (purposes, categories, recipients, retention, rights, source)",
          },
          { right },
        ),
      ];
    case 'rectification':
      return [
        ...perSystem(register, right, 'rectification', (p) => ({
          da: `Ret oplysningerne i ${p.name}`,
          en: `Correct the data in ${p.name}`,
        })),
        ...art19(register, right),
      ];
    case 'erasure':
      return [
        ...perSystem(
          register,
          right,
          'erasure',
          (p) => ERASURE_TITLE[p.erasure.method](p.name),
          (p) => p.erasure.note,
        ),
        ...art19(register, right),
        // The letter states bookkeeping retention only from the DPO's answer here (letter facts `accounting`).
        task(
          'erasure:accounting_records',
          {
            da: 'Afklar, om personen har regnskabsmateriale (fakturaer, bilag), og hvilket regnskabsår det seneste vedrører; planlæg sletningen til 5 år efter det regnskabsårs udløb',
            en: 'Find out whether the person has accounting records (invoices, vouchers) and which financial year the latest relates to; schedule their deletion 5 years after that year ends',
          },
          { right },
        ),
        task(
          'erasure:explain_kept',
          {
            da: 'Fortæl personen hvad der er bevaret og hvorfor (fx bogføring, artikel 17, stk. 3, litra b)',
            en: 'Tell the person what was kept and why (e.g. bookkeeping, Art. 17(3)(b))',
          },
          { right },
        ),
      ];
    case 'restriction':
      return [
        ...perSystem(register, right, 'restriction', (p) => ({
          da: `Markér data som begrænset i ${p.name} (kun opbevaring)`,
          en: `Mark the data as restricted in ${p.name} (storage only)`,
        })),
        ...art19(register, right),
        task(
          'restriction:before_lifting',
          {
            da: 'Giv personen besked før begrænsningen ophæves (artikel 18, stk. 3)',
            en: 'Tell the person before the restriction is lifted (Art. 18(3))',
          },
          { right },
        ),
      ];
    case 'portability':
      return [
        task(
          'portability:export',
          {
            da: 'Udlevér de data personen selv har givet (samtykke/kontrakt, automatisk behandlet) som JSON/CSV — ikke PDF',
            en: 'Hand over the data the person provided (consent/contract, processed automatically) as JSON/CSV — not PDF',
          },
          { right },
        ),
      ];
    case 'objection':
      return [
        task(
          'objection:assess',
          {
            da: 'Vurdér om der er vægtige legitime grunde, som kan påvises (artikel 21, stk. 1); ellers stop behandlingen',
            en: 'Assess whether there are compelling legitimate grounds that can be demonstrated (Art. 21(1)); otherwise stop the processing',
          },
          { right },
        ),
      ];
    case 'marketing_opt_out':
      return [
        task(
          'marketing:stop',
          { da: 'Stop al direkte markedsføring til personen straks', en: 'Stop all direct marketing to the person at once' },
          { right },
        ),
        task(
          'marketing:suppress',
          { da: 'Registrér afmeldingen på spærrelisten (opbevares 2 år)', en: 'Record the opt-out on the suppression list (kept 2 years)' },
          { right },
        ),
      ];
  }
}

export function taskTemplates(rights: readonly Right[], register: ProcessingRegister): TaskTemplate[] {
  const all = [...COMMON, ...rights.flatMap((right) => tasksForRight(right, register)), ANSWER];
  const seen = new Set<string>();
  return all.filter((t) => !seen.has(t.id) && seen.add(t.id));
}

/** Fresh tasks for the rights, carrying over the done state of tasks that already existed. */
export function tasksForRights(rights: readonly Right[], register: ProcessingRegister, existing: readonly Task[] = []): Task[] {
  const previous = new Map(existing.map((t) => [t.id, t]));
  return taskTemplates(rights, register).map((template) => {
    const before = previous.get(template.id);
    return before?.done
      ? {
          ...template,
          done: true,
          ...(before.doneAt ? { doneAt: before.doneAt } : {}),
          ...(before.doneBy ? { doneBy: before.doneBy } : {}),
        }
      : { ...template, done: false };
  });
}
