import type { ColleagueDirectory } from '../app/ports.js';
import {
  DomainError,
  LEGAL_TIME_ZONE,
  RIGHTS,
  Temporal,
  parseAuthorityKind,
  parseCaseId,
  type Actor,
  type CaseCommand,
  type Case,
  type CaseId,
  type NewCaseInput,
  type Right,
  type Text,
} from '../domain/index.js';
import type { ActionName } from './intents.js';
import { TEXTS, say, type Lang } from './texts.js';

/**
 * What the DPO filled in: a card's data (its inputs merged in) or the free text after a typed action,
 * read into the values the domain takes. Everything here comes from the client and is checked.
 */

/** A card's data as sent by the client: strings and numbers only, and only a well-formed case id. */
export class CardData {
  constructor(private readonly data: Record<string, unknown>) {}

  text(key: string): string | undefined {
    const value = this.data[key];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  }

  /** The card's text inputs, as a typed action's would be. */
  inputs(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.data).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  }

  caseId(): CaseId | undefined {
    const text = this.text('caseId');
    if (!text) return undefined;
    try {
      return parseCaseId(text);
    } catch {
      return undefined;
    }
  }

  page(): number {
    return Math.max(1, Number(this.text('page') ?? 1) || 1);
  }
}

function isAuthorityWord(text: string): boolean {
  try {
    parseAuthorityKind(text);
    return true;
  } catch {
    return false;
  }
}

/** The assignee picker's choice for whoever acts on the card. */
export const ME = 'me';
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An action's required text is missing: the message says what to write, with an example. */
export class MissingInput extends Error {}

/** An action's inputs against the case it is for, read into a CaseCommand's values. */
export class ActionForm {
  constructor(
    readonly c: Case,
    readonly action: ActionName,
    readonly inputs: Readonly<Record<string, string>>,
    private readonly lang: Lang,
    private readonly context: { domain: string; colleagues?: ColleagueDirectory | undefined; me: Actor },
  ) {}

  /** A required input, trimmed; missing, the DPO is told what to write, e.g. `example`. */
  need(value: string | undefined, what: Text, example: Text): string {
    if (value?.trim()) return value.trim();
    const { lang, c, action } = this;
    const params = { id: c.id, action: say(lang, TEXTS.action[action]).toLowerCase(), domain: this.context.domain };
    throw new MissingInput(
      say(lang, TEXTS.needsText, {
        action: say(lang, TEXTS.action[action]),
        what: say(lang, what).toLowerCase(),
        example: say(lang, example, params),
      }),
    );
  }

  /** The reason most actions need. */
  reason(): string {
    return this.need(this.inputs.reason, TEXTS.field.reason, TEXTS.example.action);
  }

  /** Why a case is not a request: the picked reason, or the text written with "Andet" (or typed). */
  dismissReason(): string {
    const picked = this.inputs.dismissReason?.trim();
    if (picked && picked !== 'other') return picked;
    return this.need(this.inputs.dismissOther ?? this.inputs.reason, TEXTS.field.reason, TEXTS.example.action);
  }

  /**
   * The data subject from the card's fields, or from typed text: "Freja Lindholm; fuldmagt; freja@x.dk;
   * +45 31 22 40 17; kundenr K-10482; Vestergade 12, 8000 Aarhus C" (parts in any order, name first of the
   * rest); "ingen"/"none": the requester asks for themselves.
   */
  dataSubject(): Exclude<Extract<CaseCommand, { type: 'set_data_subject' }>['dataSubject'], undefined> {
    const i = this.inputs;
    const typed = i.subject?.trim();
    if (typed && /^(ingen|none|nej|no)$/i.test(typed)) return null;
    // The card's fields start empty (see case-view.ts): one left empty keeps what the case has.
    const was = this.c.dataSubject;
    const keep = (typed: string | undefined, current: string | undefined) => (typed?.trim() ? typed : current);
    const fields: Record<string, string | undefined> = {
      name: keep(i.subjectName, was?.name),
      email: keep(i.subjectEmail, was?.email),
      phone: keep(i.subjectPhone, was?.phone),
      address: keep(i.subjectAddress, was?.address),
      customerNumber: keep(i.subjectCustomerNumber, was?.customerNumber),
      authority: i.authority,
    };
    if (typed) {
      // Typed, the text says it all: nothing is kept from before.
      for (const k of Object.keys(fields)) fields[k] = undefined;
      const rest: string[] = [];
      for (const part of typed.split(/\s*;\s*/).filter(Boolean)) {
        const customer = /^(kundenr\.?|kundenummer|customer (no\.?|number))\s*:?\s*/i.exec(part);
        if (customer) fields.customerNumber = part.slice(customer[0].length);
        else if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(part)) fields.email = part;
        else if (/^\+?[\d\s().-]{8,}$/.test(part)) fields.phone = part;
        else if (!fields.authority && isAuthorityWord(part)) fields.authority = part;
        else rest.push(part);
      }
      [fields.name, fields.address] = [fields.name ?? rest[0], fields.address ?? rest[1]];
    }
    const authority = parseAuthorityKind(this.need(fields.authority, TEXTS.field.authority, TEXTS.example.set_data_subject));
    const given = Object.fromEntries(
      Object.entries(fields)
        .filter(([k, v]) => k !== 'authority' && v?.trim())
        .map(([k, v]) => [k, v!.trim()]),
    );
    if (!Object.keys(given).length) this.need(undefined, TEXTS.field.subjectName, TEXTS.example.set_data_subject);
    return { ...given, authority };
  }

  /** The corrected moment of receipt: a date and an optional time in Copenhagen (00:00 when none is given). */
  receivedAt(): string {
    const date = this.need(this.inputs.correctedDate, TEXTS.field.receivedAt, TEXTS.example.correct_receipt);
    return copenhagenInstant(date, this.inputs.correctedTime?.trim() || '00:00');
  }

  optional(key: string): string | undefined {
    return this.inputs[key]?.trim() || undefined;
  }

  /**
   * A colleague: "me" (the card's own choice, or typed, also "mig") is whoever acts; an object id (what
   * the card's typeahead sends) is looked up; an e-mail or a full name (typed) is searched for and taken
   * only when exactly that. Anything else is kept as written, as without a directory.
   */
  async colleague(text: string): Promise<Actor> {
    const folded = text.trim().toLowerCase();
    if (folded === ME || folded === 'mig') return this.context.me;
    const directory = this.context.colleagues;
    if (!directory) return { kind: 'user', id: text };
    if (OBJECT_ID.test(folded)) {
      const found = await directory.get(folded);
      return found ? { kind: 'user', id: found.id, name: found.name } : { kind: 'user', id: text };
    }
    const match = (await directory.search(text, 5)).find((p) => p.email?.toLowerCase() === folded || p.name.toLowerCase() === folded);
    return match ? { kind: 'user', id: match.id, name: match.name } : { kind: 'user', id: text };
  }

  /** A task by id, by its number on the card (1-based), or by words from its title. */
  task(text: string): string {
    const { c } = this;
    const byId = c.tasks.find((t) => t.id === text);
    if (byId) return byId.id;
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= c.tasks.length) return c.tasks[n - 1]!.id;
    const folded = text.toLowerCase();
    const byTitle = c.tasks.find((t) => t.title.da.toLowerCase().includes(folded) || t.title.en.toLowerCase().includes(folded));
    return byTitle?.id ?? text;
  }
}

/** A date and a wall-clock time in Copenhagen as an instant. */
function copenhagenInstant(date: string, time: string): string {
  try {
    return Temporal.PlainDateTime.from(`${date.trim()}T${time.length === 4 ? `0${time}` : time}`)
      .toZonedDateTime(LEGAL_TIME_ZONE)
      .toInstant()
      .toString();
  } catch {
    throw new DomainError('invalid_input', `"${date} ${time}" is not a date and time`).saying(
      `»${date} ${time}« er ikke en dato og et klokkeslæt.`,
    );
  }
}

/** The new-case form's inputs as a NewCaseInput; the domain validates the rest. */
export function newCaseInput(v: Record<string, string>): NewCaseInput {
  const date = v.receivedDate?.trim();
  if (!date)
    throw new DomainError('invalid_input', 'the date the request was received is required').saying(
      'Skriv datoen, hvor anmodningen blev modtaget.',
    );
  const receivedAt = copenhagenInstant(date, v.receivedTime?.trim() || '12:00');
  const rights = (v.rights ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = rights.filter((r) => !(RIGHTS as readonly string[]).includes(r));
  if (unknown.length || !rights.length)
    throw new DomainError('invalid_input', 'choose at least one right').saying('Vælg mindst én rettighed.');
  const channel = v.channel === 'letter' || v.channel === 'manual' ? v.channel : 'phone';
  const requester = {
    ...(v.name?.trim() ? { name: v.name } : {}),
    ...(v.email?.trim() ? { email: v.email } : {}),
    ...(v.phone?.trim() ? { phone: v.phone } : {}),
    ...(v.address?.trim() ? { address: v.address } : {}),
  };
  if (!Object.keys(requester).length)
    throw new DomainError('invalid_input', 'give at least the requester’s name, e-mail, phone or address').saying(
      'Skriv mindst anmoderens navn, e-mail, telefon eller adresse.',
    );
  return {
    receivedAt,
    channel,
    requester,
    // The authority is checked afterwards, on the case (its evidence ticks the authority task).
    ...(v.subjectName?.trim() ? { dataSubject: { name: v.subjectName, authority: 'other' as const } } : {}),
    rights: rights as Right[],
    language: v.language === 'en' ? 'en' : 'da',
  };
}
