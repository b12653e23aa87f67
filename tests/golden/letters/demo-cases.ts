import {
  ITGUY_REGISTER,
  registerAssumptions,
  systemsHoldingRequesterData,
  type Case,
  type CaseCommand,
  type LetterFacts,
  type LetterLang,
  type LetterTemplate,
  type RegisterConfirmation,
} from '../../../src/domain/index.js';
import { openedCase, run } from '../../helpers/cases.js';

/**
 * Fixed demo cases, one per letter kind, from which the golden files are rendered. Each is built through the
 * domain's own commands, so the letters show what a real case in that state gives.
 */

const at = (n: number) => `2026-03-${String(6 + Math.floor(n / 50)).padStart(2, '0')}T10:${String(n % 50).padStart(2, '0')}:00Z`;
const tick = (ids: readonly string[]): [string, CaseCommand][] => ids.map((taskId, n) => [at(n), { type: 'set_task', taskId, done: true }]);
const started = (c: Case) => run(c, ['2026-03-05T11:00:00Z', { type: 'start', identity: { notNeeded: true } }]);
const systems = systemsHoldingRequesterData(ITGUY_REGISTER).map((p) => p.id);

const facts = (extra: Partial<LetterFacts> = {}): LetterFacts => ({ register: ITGUY_REGISTER, date: '2026-03-20', ...extra });

type Say = Record<LetterLang, string>;

const DPO = { kind: 'user' as const, id: '00000000-0000-0000-0000-0000000000d1', name: 'Lasse' };
const REGISTER_ANSWERS: RegisterConfirmation[] = registerAssumptions(ITGUY_REGISTER).map((a) =>
  a.id === 'transfer:xena'
    ? {
        id: a.id,
        decision: 'edited',
        text: { da: 'Data behandles i Danmark.', en: 'Data is processed in Denmark.' },
        by: DPO,
        at: '2026-03-10T09:00:00Z',
      }
    : { id: a.id, decision: a.id === 'purpose:employment' ? 'rejected' : 'confirmed', by: DPO, at: '2026-03-10T09:00:00Z' },
);

export interface Demo {
  template: LetterTemplate;
  /** The case in the language of its golden file: reasons a DPO records are written in the letter's language. */
  case: Case | ((lang: LetterLang) => Case);
  facts: LetterFacts | ((lang: LetterLang) => LetterFacts);
  langs: readonly LetterLang[];
  /** A second demo of the same kind gets its own file name. */
  variant?: string;
}

const ALL: readonly LetterLang[] = ['da', 'en', 'de', 'sv'];

const GROUNDS: Say = {
  da: 'oplysningerne om driftshændelsen i dit firmas netværk er nødvendige for at dokumentere vores leverance over for kunden',
  en: "the records of the incident in your company's network are needed to document our service to the customer",
  de: 'die Aufzeichnungen über den Vorfall im Netzwerk Ihres Unternehmens sind nötig, um unsere Leistung gegenüber dem Kunden zu belegen',
  sv: 'uppgifterna om incidenten i ditt företags nätverk behövs för att dokumentera vår leverans till kunden',
};
const REPEATED: Say = {
  da: 'du fik fuld indsigt den 2. marts 2026, og der er ikke kommet nye oplysninger om dig til siden',
  en: 'you were given full access on 2 March 2026, and we have recorded no new data about you since',
  de: 'Sie haben am 2. März 2026 vollständige Auskunft erhalten, und seitdem sind keine neuen Daten über Sie hinzugekommen',
  sv: 'du fick full tillgång den 2 mars 2026, och inga nya uppgifter om dig har tillkommit sedan dess',
};
const MANY: Say = {
  da: 'anmodningen omfatter mange års supportsager i flere systemer, som skal gennemgås én for én',
  en: 'the request covers many years of support tickets in several systems, which must be reviewed one by one',
  de: 'der Antrag umfasst Supportfälle aus vielen Jahren in mehreren Systemen, die einzeln geprüft werden müssen',
  sv: 'begäran omfattar många års supportärenden i flera system, som måste gås igenom ett i taget',
};
const NO_OTHERS: Say = {
  da: 'ingen andre har modtaget oplysningerne',
  en: 'nobody else has received the data',
  de: 'niemand sonst die Daten erhalten hat',
  sv: 'ingen annan har tagit emot uppgifterna',
};
const WITHHELD: Say = {
  da: 'intern juridisk vurdering (databeskyttelseslovens § 22)',
  en: 'internal legal assessment (section 22 of the Danish Data Protection Act)',
  de: 'interne rechtliche Bewertung (§ 22 des dänischen Datenschutzgesetzes)',
  sv: 'intern juridisk bedömning (22 § i den danska dataskyddslagen)',
};

const jens = { name: 'Jens Møller', email: 'jens.moller@example.dk' };

export const DEMOS: readonly Demo[] = [
  {
    template: 'access',
    case: started(openedCase({ requester: jens, rights: ['access'] })),
    facts: (lang) =>
      facts({
        found: 14,
        copy: {
          messages: 12,
          files: 1,
          withheld: [{ kind: 'file', date: '2026-11-03', reason: WITHHELD[lang] }],
          redactedOthers: true,
          redactedKinds: ['name', 'email', 'phone'],
        },
      }),
    langs: ALL,
  },
  {
    template: 'information',
    case: started(openedCase({ requester: jens, rights: ['information'] })),
    facts: facts({ found: 3 }),
    langs: ['da', 'en'],
  },
  {
    // The DPO has answered the register: every assumption confirmed, Xena's transfer in their own words, the
    // staff purpose rejected (as for a customer it does not apply), so the letter states bases and transfers.
    template: 'information',
    variant: 'register-confirmed',
    case: started(openedCase({ requester: jens, rights: ['information'] })),
    facts: facts({ found: 3, confirmations: REGISTER_ANSWERS }),
    langs: ['da', 'en'],
  },
  {
    template: 'portability',
    case: started(openedCase({ requester: jens, rights: ['portability'] })),
    facts: facts({ found: 4, portability: { files: ['portability/provided-data.json', 'portability/provided-data.csv'], messages: 4 } }),
    langs: ['da', 'en'],
  },
  {
    // Half-way: 2 of 13 systems done, one Art. 19 notice sent; the person has accounting records from 2025.
    template: 'erasure',
    case: run(
      started(openedCase({ requester: { name: 'Bo Rasmussen', email: 'bo@example.com' }, rights: ['erasure'] })),
      ...tick(['erasure:microsoft_365', 'erasure:xena', 'art19:microsoft_365']),
    ),
    facts: facts({ accounting: { latestRecord: '2025-11-14' } }),
    langs: ALL,
    variant: 'in-progress',
  },
  {
    // Everything done and every recipient told; no accounting records.
    template: 'erasure',
    case: run(
      started(openedCase({ requester: { name: 'Bo Rasmussen', email: 'bo@example.com' }, rights: ['erasure'] })),
      ...tick([...systems.map((s) => `erasure:${s}`), ...systems.map((s) => `art19:${s}`), 'art19:other_recipients']),
    ),
    facts: facts({ accounting: 'none' }),
    langs: ['da', 'en'],
  },
  {
    template: 'rectification',
    case: run(
      started(openedCase({ requester: jens, rights: ['rectification'] })),
      ...tick([...systems.map((s) => `rectification:${s}`), 'art19:microsoft_365', 'art19:datto']),
    ),
    facts: (lang) => facts({ art19Exempt: { other_recipients: NO_OTHERS[lang] } }),
    langs: ['da', 'en'],
  },
  {
    template: 'restriction',
    case: run(started(openedCase({ requester: jens, rights: ['restriction'] })), ...tick(systems.map((s) => `restriction:${s}`))),
    facts: facts(),
    langs: ['da', 'en'],
  },
  {
    template: 'objection',
    case: run(started(openedCase({ requester: jens, rights: ['objection'] })), ...tick(['objection:assess'])),
    facts: facts(),
    langs: ['da', 'en'],
    variant: 'stopped',
  },
  {
    template: 'objection',
    case: (lang) =>
      run(started(openedCase({ requester: jens, rights: ['objection'] })), [
        '2026-03-10T09:00:00Z',
        { type: 'reject', basis: '21(1)', reason: GROUNDS[lang], override: 'demo' },
      ]),
    facts: facts(),
    langs: ['da', 'en'],
  },
  {
    template: 'marketing_opt_out',
    case: run(
      started(
        openedCase({ requester: { name: 'Karin Lindqvist', email: 'karin@example.se' }, rights: ['marketing_opt_out'], language: 'sv' }),
      ),
      ...tick(['marketing:stop', 'marketing:suppress']),
    ),
    facts: facts(),
    langs: ALL,
  },
  {
    template: 'refusal',
    case: (lang) =>
      run(started(openedCase({ requester: jens, rights: ['access'], earlierCases: ['DSAR-2026-0000'] })), [
        '2026-03-10T09:00:00Z',
        { type: 'reject', basis: '12(5)', reason: REPEATED[lang], override: 'demo' },
      ]),
    facts: facts(),
    langs: ALL,
  },
  {
    // A lawyer writing for a client, asking for identity and the power of attorney.
    template: 'identity_request',
    case: run(
      openedCase({
        requester: { name: 'Mette Kjær', email: 'mk@advokatfirma.dk' },
        dataSubject: { name: 'Jens Møller', authority: 'power_of_attorney' },
        rights: ['access'],
      }),
      ['2026-03-06T09:00:00Z', { type: 'start' }],
      ['2026-03-06T09:05:00Z', { type: 'pause', kind: 'identity', reason: 'fuldmagt og identitet mangler' }],
    ),
    facts: facts({ date: '2026-03-06' }),
    langs: ALL,
  },
  {
    template: 'extension_notice',
    case: (lang) =>
      run(started(openedCase({ requester: jens, rights: ['access', 'erasure'] })), [
        '2026-03-20T09:00:00Z',
        { type: 'extend', reason: MANY[lang] },
      ]),
    facts: facts(),
    langs: ALL,
  },
  {
    template: 'forwarded',
    case: run(
      openedCase({
        requester: { name: 'Sofie Berg', email: 'sofie@kunde.dk' },
        rights: ['access'],
        controllerElsewhere: { name: 'Kunde A/S', reason: 'medarbejder hos en kunde, hvis tenant vi drifter' },
      }),
      ['2026-03-06T09:00:00Z', { type: 'record_forwarding', to: 'privacy@kunde.dk' }],
    ),
    facts: facts(),
    langs: ['da', 'en'],
  },
  {
    template: 'no_data',
    case: run(started(openedCase({ requester: { name: 'Anders Holm', email: 'anders@example.org' }, rights: ['access'] }))),
    facts: facts({ found: 0 }),
    langs: ALL,
  },
];

export const goldenName = (demo: Demo, lang: LetterLang) => `${demo.template}${demo.variant ? `-${demo.variant}` : ''}.${lang}.txt`;

/** The demo's case and facts in one language. */
export function demoIn(demo: Demo, lang: LetterLang): { case: Case; facts: LetterFacts } {
  return {
    case: typeof demo.case === 'function' ? demo.case(lang) : demo.case,
    facts: typeof demo.facts === 'function' ? demo.facts(lang) : demo.facts,
  };
}
