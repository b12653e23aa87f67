/**
 * The subset of KQL that Outlook's `$search` understands on messages: free terms (word prefixes),
 * phrases, property restrictions, AND/OR/NOT with implicit AND. Pure: parse, then match.
 */

export class KqlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KqlSyntaxError';
  }
}

export interface Address {
  name?: string | undefined;
  address: string;
}

export interface SearchableMessage {
  subject: string;
  /** Plain text. */
  body: string;
  from?: Address | undefined;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  attachmentNames: string[];
  receivedDateTime?: string;
  hasAttachments?: boolean;
}

/** Where a term is looked for; `all` is a free term without a property. */
export type TextScope = 'all' | 'subject' | 'body' | 'attachment' | 'from' | 'to' | 'cc' | 'bcc' | 'participants';

export type KqlNode =
  | { kind: 'and' | 'or'; left: KqlNode; right: KqlNode }
  | { kind: 'not'; operand: KqlNode }
  /** `words` are folded (lower case, no diacritics); `text` is the folded value as written. */
  | { kind: 'term'; scope: TextScope; text: string; words: string[]; phrase: boolean }
  | { kind: 'hasAttachments'; value: boolean }
  /** Inclusive bounds on the UTC calendar date of receipt, as YYYY-MM-DD. */
  | { kind: 'received'; from?: string; to?: string };

// ---------------------------------------------------------------- text folding

/** Case- and diacritics-insensitive form: "Åse Ødegård" -> "ase ødegard" (ø and æ have no decomposition). */
export function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

export function words(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// ---------------------------------------------------------------- lexer

interface Tok {
  type: 'lp' | 'rp' | 'phrase' | 'word';
  text: string;
  pos: number;
  end: number;
}

function tokenize(query: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      toks.push({ type: ch === '(' ? 'lp' : 'rp', text: ch, pos: i, end: ++i });
    } else if (ch === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) throw new KqlSyntaxError(`Unbalanced quotes at position ${i}.`);
      toks.push({ type: 'phrase', text: query.slice(i + 1, close), pos: i, end: close + 1 });
      i = close + 1;
    } else {
      const m = /^[^\s()"]+/.exec(query.slice(i))!;
      const pos = i;
      i += m[0].length;
      toks.push({ type: 'word', text: m[0], pos, end: i });
    }
  }
  return toks;
}

// ---------------------------------------------------------------- parser

type Property = TextScope | 'hasattachments' | 'received';
const PROPERTIES: Record<string, Property> = {
  from: 'from',
  to: 'to',
  cc: 'cc',
  bcc: 'bcc',
  participants: 'participants',
  subject: 'subject',
  body: 'body',
  attachment: 'attachment',
  attachmentnames: 'attachment',
  hasattachment: 'hasattachments',
  hasattachments: 'hasattachments',
  received: 'received',
};
const RESTRICTION_RE = /^([A-Za-z]+)(>=|<=|:|=|>|<)(.*)$/s;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);

function term(scope: TextScope, value: string, phrase: boolean): KqlNode {
  return { kind: 'term', scope, text: fold(value.trim()), words: words(value), phrase };
}

function isoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== value) throw new KqlSyntaxError(`Invalid date '${value}'; use YYYY-MM-DD.`);
  return value;
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function received(op: string, value: string): KqlNode {
  const range = op === ':' || op === '=' ? value.split('..') : undefined;
  if (range && range.length === 2) return { kind: 'received', from: isoDate(range[0]!), to: isoDate(range[1]!) };
  const d = isoDate(value);
  switch (op) {
    case '>=':
      return { kind: 'received', from: d };
    case '>':
      return { kind: 'received', from: addDays(d, 1) };
    case '<=':
      return { kind: 'received', to: d };
    case '<':
      return { kind: 'received', to: addDays(d, -1) };
    default:
      return { kind: 'received', from: d, to: d };
  }
}

/** Deep enough for any real query; stops pathological input before the stack does. */
const MAX_DEPTH = 100;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t?.type === 'word' && t.text === word;
  }
  atEnd(): boolean {
    return this.i >= this.toks.length;
  }

  // Precedence NOT > AND > OR; only upper-case keywords are operators, as in KQL.
  or(scope: TextScope): KqlNode {
    let left = this.and(scope);
    while (this.isKeyword('OR')) {
      this.i++;
      left = { kind: 'or', left, right: this.and(scope) };
    }
    return left;
  }
  private and(scope: TextScope): KqlNode {
    let left = this.unary(scope);
    for (;;) {
      const t = this.peek();
      if (this.isKeyword('AND')) this.i++;
      else if (!t || t.type === 'rp' || this.isKeyword('OR')) return left;
      left = { kind: 'and', left, right: this.unary(scope) };
    }
  }
  private unary(scope: TextScope): KqlNode {
    if (++this.depth > MAX_DEPTH) throw new KqlSyntaxError('The query is nested too deeply.');
    let node: KqlNode;
    if (this.isKeyword('NOT')) {
      this.i++;
      node = { kind: 'not', operand: this.unary(scope) };
    } else {
      node = this.primary(scope);
    }
    this.depth--;
    return node;
  }
  private primary(scope: TextScope): KqlNode {
    const t = this.toks[this.i++];
    if (!t) throw new KqlSyntaxError('Expected a search term at the end of the query.');
    if (t.type === 'rp') throw new KqlSyntaxError(`Expected a search term before ')' at position ${t.pos}.`);
    if (t.type === 'lp') return this.group(scope, t);
    if (t.type === 'phrase') return term(scope, t.text, true);
    if (KEYWORDS.has(t.text)) throw new KqlSyntaxError(`Expected a search term before '${t.text}' at position ${t.pos}.`);
    const m = RESTRICTION_RE.exec(t.text);
    const property = m ? PROPERTIES[m[1]!.toLowerCase()] : undefined;
    return m && property ? this.restriction(property, m[2]!, m[3]!, t) : term(scope, t.text, false);
  }
  private group(scope: TextScope, open: Tok): KqlNode {
    const inner = this.or(scope);
    if (this.peek()?.type !== 'rp') throw new KqlSyntaxError(`Unbalanced parentheses at position ${open.pos}.`);
    this.i++;
    return inner;
  }

  /** `prop:value`, `prop:"a phrase"`, `prop:(a OR b)` for text properties, `received>=date`. */
  private restriction(property: Property, op: string, value: string, t: Tok): KqlNode {
    const next = this.peek();
    const attached = !value && next && next.pos === t.end ? next : undefined;
    if (!value && attached?.type === 'lp' && property !== 'received' && property !== 'hasattachments') {
      this.i++;
      return this.group(property, attached);
    }
    const phrase = !value && attached?.type === 'phrase';
    if (phrase) this.i++;
    const text = phrase ? attached.text : value;
    if (!text) throw new KqlSyntaxError(`Missing value for property '${property}' at position ${t.pos}.`);
    if (property === 'received') return received(op, text.trim());
    if (op !== ':' && op !== '=') throw new KqlSyntaxError(`Property '${property}' does not support '${op}'.`);
    if (property !== 'hasattachments') return term(property, text, phrase);
    const flag = text.trim().toLowerCase();
    if (!['true', 'false', 'yes', 'no'].includes(flag)) throw new KqlSyntaxError(`hasattachments expects true or false, not '${text}'.`);
    return { kind: 'hasAttachments', value: flag === 'true' || flag === 'yes' };
  }
}

export function parseKql(query: string): KqlNode {
  // Inside $search="..." phrases arrive escaped as \"...\".
  const toks = tokenize(query.replace(/\\(["\\])/g, '$1'));
  if (toks.length === 0) throw new KqlSyntaxError('The search query is empty.');
  const parser = new Parser(toks);
  const node = parser.or('all');
  if (!parser.atEnd()) throw new KqlSyntaxError("Unbalanced parentheses: unexpected ')'.");
  return node;
}

// ---------------------------------------------------------------- matching

/** One searchable piece of text; `address` is a whole e-mail address, also matchable as one token. */
export interface Field {
  words: string[];
  address?: string;
}

interface Target {
  fields(scope: TextScope): Field[];
  hasAttachments?: boolean;
  receivedDate?: string | undefined;
}

const ADDRESS_SCOPES = new Set<TextScope>(['from', 'to', 'cc', 'bcc', 'participants']);

/** Does `needle` occur as consecutive words of `hay`, the last one possibly as a prefix? */
function containsSequence(hay: string[], needle: string[], prefixLast: boolean): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      const w = hay[i + j]!;
      const n = needle[j]!;
      if (w !== n && !(prefixLast && j === needle.length - 1 && w.startsWith(n))) continue outer;
    }
    return true;
  }
  return false;
}

function matchTerm(node: Extract<KqlNode, { kind: 'term' }>, fields: Field[]): boolean {
  // An address value in an address restriction means exactly that mailbox, not anna@example.com.evil.
  if (ADDRESS_SCOPES.has(node.scope) && node.text.includes('@')) return fields.some((f) => f.address === node.text);
  // Punctuation-only terms carry nothing searchable; like a search engine, ignore them.
  if (node.words.length === 0) return true;
  return fields.some((f) => containsSequence(f.words, node.words, !node.phrase));
}

function evaluate(node: KqlNode, target: Target): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, target) && evaluate(node.right, target);
    case 'or':
      return evaluate(node.left, target) || evaluate(node.right, target);
    case 'not':
      return !evaluate(node.operand, target);
    case 'term':
      return matchTerm(node, target.fields(node.scope));
    case 'hasAttachments':
      return target.hasAttachments !== undefined && target.hasAttachments === node.value;
    case 'received': {
      const d = target.receivedDate;
      return d !== undefined && (node.from === undefined || d >= node.from) && (node.to === undefined || d <= node.to);
    }
  }
}

function addressFields(list: (Address | undefined)[]): Field[] {
  return list.flatMap((a) => (a ? [{ words: words(a.name ?? '') }, { words: words(a.address), address: fold(a.address.trim()) }] : []));
}

function utcDate(iso: string | undefined): string | undefined {
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

const fieldCache = new WeakMap<SearchableMessage, Map<TextScope, Field[]>>();

/** The folded words a free term is matched against (from, subject, body), computed once per message. */
export function freeTextWords(msg: SearchableMessage): string[][] {
  const all = fieldCache.get(msg)?.get('all');
  if (all) return all.map((f) => f.words);
  matchesKql({ kind: 'term', scope: 'all', text: '', words: [], phrase: false }, msg);
  return fieldCache
    .get(msg)!
    .get('all')!
    .map((f) => f.words);
}

export function matchesKql(node: KqlNode, msg: SearchableMessage): boolean {
  const byScope = (scope: Exclude<TextScope, 'all'>): Field[] => {
    switch (scope) {
      case 'subject':
        return [{ words: words(msg.subject) }];
      case 'body':
        return [{ words: words(msg.body) }];
      case 'attachment':
        return msg.attachmentNames.map((n) => ({ words: words(n) }));
      case 'from':
        return addressFields([msg.from]);
      case 'to':
        return addressFields(msg.to);
      case 'cc':
        return addressFields(msg.cc);
      case 'bcc':
        return addressFields(msg.bcc);
      case 'participants':
        return addressFields([msg.from, ...msg.to, ...msg.cc, ...msg.bcc]);
    }
  };
  // Folding the body is the expensive part, so each scope is computed once per message (and kept while
  // the caller keeps the same SearchableMessage object).
  let cache = fieldCache.get(msg);
  if (!cache) {
    cache = new Map<TextScope, Field[]>();
    fieldCache.set(msg, cache);
  }
  const fields = (scope: TextScope): Field[] => {
    let f = cache.get(scope);
    if (!f) {
      // Graph: a term without a property prefix searches from, subject and body (not recipients or attachments).
      f = scope === 'all' ? (['subject', 'body', 'from'] as const).flatMap((s) => fields(s)) : byScope(scope);
      cache.set(scope, f);
    }
    return f;
  };
  return evaluate(node, {
    fields,
    hasAttachments: msg.hasAttachments ?? msg.attachmentNames.length > 0,
    receivedDate: utcDate(msg.receivedDateTime),
  });
}

/** A text prepared for free-text matching: its folded words and the e-mail addresses in it. */
export interface FreeText {
  readonly fields: readonly Field[];
}

export function freeText(text: string): FreeText {
  const addresses = (text.match(/[^\s<>()[\],;:"']+@[^\s<>()[\],;:"']+/g) ?? []).map((a) => ({
    words: [],
    address: fold(a.replace(/\.+$/, '')),
  }));
  return { fields: [{ words: words(text) }, ...addresses] };
}

/**
 * The same query over one text (OneDrive: name + content): every text property looks at the whole
 * text; hasattachments and received have nothing to match and are false.
 */
export function matchesFreeText(node: KqlNode, text: string | FreeText): boolean {
  const all = (typeof text === 'string' ? freeText(text) : text).fields as Field[];
  return evaluate(node, { fields: () => all });
}
