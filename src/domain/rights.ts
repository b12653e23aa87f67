import { invalidInput } from './errors.js';
import type { Text } from './text.js';

/** What a data-subject request can ask for (gdpr-rules §2). */
export const RIGHTS = [
  'access',
  'information',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'marketing_opt_out',
] as const;

export type Right = (typeof RIGHTS)[number];

export interface RightInfo {
  article: string;
  name: Text;
  /** What the company must do, in a sentence the DPO sees on the case. */
  duty: Text;
}

export const RIGHT_INFO: Record<Right, RightInfo> = {
  access: {
    article: '15',
    name: { da: 'Indsigt', en: 'Access' },
    duty: {
      da: 'Bekræft behandlingen, giv en kopi (første kopi gratis) og oplysningerne i artikel 15, stk. 1, litra a-h, og stk. 2.',
      en: 'Confirm the processing, give a copy (the first free of charge) and the information in Art. 15(1)(a)-(h) and 15(2).',
    },
  },
  information: {
    article: '13/14',
    name: { da: 'Oplysning', en: 'Information' },
    duty: {
      da: 'Giv oplysningerne om behandlingen af personens egne data (som i artikel 15, stk. 1).',
      en: "Give the information about the processing of the person's own data (as in Art. 15(1)).",
    },
  },
  rectification: {
    article: '16',
    name: { da: 'Berigtigelse', en: 'Rectification' },
    duty: {
      da: 'Ret urigtige oplysninger uden unødig forsinkelse; der er ingen afslagsgrunde.',
      en: 'Correct inaccurate data without undue delay; there are no grounds for refusal.',
    },
  },
  erasure: {
    article: '17',
    name: { da: 'Sletning', en: 'Erasure' },
    duty: {
      da: 'Slet, medmindre artikel 17, stk. 3, gælder (fx bogføring: 5 år fra regnskabsårets udløb); fortæl hvad der er bevaret og hvorfor.',
      en: 'Erase unless Art. 17(3) applies (e.g. bookkeeping: 5 years from the end of the financial year); say what was kept and why.',
    },
  },
  restriction: {
    article: '18',
    name: { da: 'Begrænsning', en: 'Restriction' },
    duty: {
      da: 'Kun opbevaring mens begrænsningen gælder; giv besked før den ophæves (artikel 18, stk. 3).',
      en: 'Storage only while restricted; tell the person before lifting it (Art. 18(3)).',
    },
  },
  portability: {
    article: '20',
    name: { da: 'Dataportabilitet', en: 'Portability' },
    duty: {
      da: 'Udlevér de data personen selv har givet, i et struktureret maskinlæsbart format (JSON/CSV, ikke PDF).',
      en: 'Hand over the data the person provided in a structured, machine-readable format (JSON/CSV, not PDF).',
    },
  },
  objection: {
    article: '21(1)',
    name: { da: 'Indsigelse', en: 'Objection' },
    duty: {
      da: 'Stop behandlingen, medmindre der er vægtige legitime grunde, som virksomheden kan påvise.',
      en: 'Stop the processing unless the company can demonstrate compelling legitimate grounds.',
    },
  },
  marketing_opt_out: {
    article: '21(2)-(3)',
    name: { da: 'Afmelding af markedsføring', en: 'Marketing opt-out' },
    duty: {
      da: 'Ubetinget: stop direkte markedsføring straks og registrér afmeldingen på spærrelisten (2 år).',
      en: 'Absolute: stop direct marketing at once and keep a suppression record (2 years).',
    },
  },
};

// Words a DPO types on the command line or in chat for each right, besides the canonical id.
const ALIASES: Record<string, Right> = {
  indsigt: 'access',
  oplysning: 'information',
  info: 'information',
  berigtigelse: 'rectification',
  rettelse: 'rectification',
  sletning: 'erasure',
  delete: 'erasure',
  deletion: 'erasure',
  begrænsning: 'restriction',
  dataportabilitet: 'portability',
  indsigelse: 'objection',
  afmelding: 'marketing_opt_out',
  'opt-out': 'marketing_opt_out',
  optout: 'marketing_opt_out',
  marketing: 'marketing_opt_out',
};

export function isRight(value: string): value is Right {
  return (RIGHTS as readonly string[]).includes(value);
}

export function parseRight(text: string): Right {
  const key = text.trim().toLowerCase().replace(/-/g, '_');
  if (isRight(key)) return key;
  const alias = ALIASES[text.trim().toLowerCase()] ?? ALIASES[key];
  if (alias) return alias;
  throw invalidInput(
    `unknown right "${text}"; use one of ${RIGHTS.join(', ')}`,
    `Ukendt rettighed »${text}«; skriv fx indsigt, sletning, berigtigelse, begrænsning, dataportabilitet eller indsigelse.`,
  );
}

/** Parses a comma-separated list, dropping repeats and keeping the canonical order. */
export function parseRights(text: string): Right[] {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0)
    throw invalidInput('no rights given; use e.g. access,erasure', 'Der er ikke angivet nogen rettighed; skriv fx indsigt,sletning.');
  return normalizeRights(parts.map(parseRight));
}

export function normalizeRights(rights: readonly Right[]): Right[] {
  return RIGHTS.filter((right) => rights.includes(right));
}
