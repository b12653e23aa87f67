import type { AuthorityKind, Case, DataSubject, Person, Task } from './case.js';
import { AUTHORITY_KINDS } from './case.js';
import { invalidInput } from './errors.js';
import type { Text } from './text.js';
import { EMAIL_MAX_LENGTH, isEmailAddress, optionalText } from './validation.js';

/**
 * A request made for someone else (gdpr-rules §3): a lawyer with a fuldmagt, a parent for a child. The case
 * is the data subject's; the representative only receives the answer once their authority is checked, since
 * disclosing to someone without it is a data breach.
 */

/** The task that checks the authority; ticked only by recording its evidence (record_authority). */
export const AUTHORITY_TASK = 'authority';

const AUTHORITY_TITLE: Record<AuthorityKind, Text> = {
  power_of_attorney: {
    da: 'Kontrollér fuldmagten: underskrevet af den registrerede, dækker denne anmodning og er stadig gyldig',
    en: 'Check the power of attorney: signed by the data subject, covering this request and still valid',
  },
  parent: {
    da: 'Kontrollér forældremyndigheden: at anmoderen har forældremyndighed over barnet (og barnets alder)',
    en: "Check the parental authority: that the requester has custody of the child (and the child's age)",
  },
  guardian: {
    da: 'Kontrollér værgemålet: værgebeslutningen og at den dækker personlige forhold',
    en: 'Check the guardianship: the decision and that it covers personal matters',
  },
  other: {
    da: 'Kontrollér hvad der giver anmoderen ret til at handle for den registrerede',
    en: 'Check what entitles the requester to act for the data subject',
  },
};

/** Danish and English names of each kind of authority, for cards and the CLI. */
export const AUTHORITY_NAMES: Record<AuthorityKind, Text> = {
  power_of_attorney: { da: 'fuldmagt', en: 'power of attorney' },
  parent: { da: 'forældremyndighed', en: 'parental authority' },
  guardian: { da: 'værgemål', en: 'guardianship' },
  other: { da: 'andet grundlag', en: 'other authority' },
};

/** The words a DPO types for each kind ("fuldmagt", "forældremyndighed", ...), to the kind. */
export function parseAuthorityKind(text: string): AuthorityKind {
  const t = text.trim().toLowerCase();
  const kind = AUTHORITY_KINDS.find((k) => k === t.replace(/[\s-]+/g, '_'));
  if (kind) return kind;
  if (/^(fuldmagt|power of attorney|poa|advokat|lawyer)/.test(t)) return 'power_of_attorney';
  if (/^(forældremyndighed|forælder|forældre|parent|mor|far|mother|father)/.test(t)) return 'parent';
  if (/^(værge|guardian)/.test(t)) return 'guardian';
  if (/^(andet|other)/.test(t)) return 'other';
  throw invalidInput(
    `unknown authority "${text}"; use fuldmagt, forældremyndighed, værge or andet`,
    `Ukendt grundlag »${text}«; skriv fuldmagt, forældremyndighed, værge eller andet.`,
  );
}

/** The verification task for a data subject's authority, done when its evidence is on record. */
export function authorityTask(subject: DataSubject, now: string, by: Case['createdBy']): Task {
  const done = subject.authorityEvidence !== undefined;
  return {
    id: AUTHORITY_TASK,
    title: AUTHORITY_TITLE[subject.authority],
    note: {
      da: 'Gem ikke kopi af ID; notér hvad der viste retten (fx "fuldmagt af 1. marts 2026, underskrevet").',
      en: 'Keep no copy of an ID; record what showed the authority (e.g. "power of attorney of 1 March 2026, signed").',
    },
    done,
    ...(done ? { doneAt: subject.authorityCheckedAt ?? now, doneBy: subject.authorityCheckedBy ?? by } : {}),
  };
}

/** The tasks with the authority task in line with the data subject (added, refreshed, or removed). */
export function withAuthorityTask(tasks: readonly Task[], subject: DataSubject | undefined, now: string, by: Case['createdBy']): Task[] {
  const others = tasks.filter((t) => t.id !== AUTHORITY_TASK);
  if (!subject) return others;
  // Right after the common tasks (acknowledge, identity): it comes before any work on the person's data.
  const first = others.findIndex((t) => t.id !== 'acknowledge' && t.id !== 'identity');
  const at = first === -1 ? others.length : first;
  return [...others.slice(0, at), authorityTask(subject, now, by), ...others.slice(at)];
}

export function checkedPerson(person: Person, what: string): Person {
  const checked: Person = {};
  const name = optionalText(person.name, `${what} name`, 200);
  const email = optionalText(person.email, `${what} e-mail`, EMAIL_MAX_LENGTH)?.toLowerCase();
  const phone = optionalText(person.phone, `${what} phone`, 40);
  const address = optionalText(person.address, `${what} address`, 500);
  if (email !== undefined && !isEmailAddress(email))
    throw invalidInput(`${what} e-mail "${email}" is not an e-mail address`, `»${email}« er ikke en e-mailadresse.`);
  if (phone !== undefined && !/^\+?[\d\s().-]{5,}$/.test(phone))
    throw invalidInput(`${what} phone "${phone}" is not a phone number`, `»${phone}« er ikke et telefonnummer.`);
  if (name !== undefined) checked.name = name;
  if (email !== undefined) checked.email = email;
  if (phone !== undefined) checked.phone = phone;
  if (address !== undefined) checked.address = address;
  return checked;
}

/** A data subject as a person typed or intake read them: checked, with the authority kind known. */
export function checkedDataSubject(input: DataSubject): DataSubject {
  const { authority, authorityEvidence } = input;
  if (!AUTHORITY_KINDS.includes(authority)) {
    throw invalidInput(
      `unknown authority "${authority}"; use one of ${AUTHORITY_KINDS.join(', ')}`,
      `Ukendt grundlag »${authority}«; vælg fuldmagt, forældremyndighed, værgemål eller andet.`,
    );
  }
  const evidence = optionalText(authorityEvidence, 'authority evidence', 500);
  const customerNumber = optionalText(input.customerNumber, 'customer number', 40);
  const checked: DataSubject = {
    ...checkedPerson(input, 'data subject'),
    ...(customerNumber !== undefined ? { customerNumber } : {}),
    authority,
    ...(evidence !== undefined ? { authorityEvidence: evidence } : {}),
  };
  if (!checked.name && !checked.email && !checked.phone && !checked.address && !checked.customerNumber)
    throw invalidInput(
      'the data subject needs a name or an identifier (e-mail, phone, address, customer number)',
      'Den registrerede skal have et navn eller et kendetegn (e-mail, telefon, adresse, kundenummer).',
    );
  return checked;
}

/** Who a case is about: the data subject when someone asks for them, else the requester. */
export function personConcerned(c: Pick<Case, 'requester' | 'dataSubject'>): Person & { customerNumber?: string } {
  return c.dataSubject ?? c.requester;
}
