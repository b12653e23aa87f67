/**
 * OData v4 `$filter` and `$orderby` as Microsoft Graph v1.0 accepts them on messages and users.
 * Pure: parse into an AST, evaluate against the plain JSON objects Graph would return.
 */

export class ODataQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataQueryError';
  }
}

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LiteralValue = string | number | boolean | null;

/** A property path; `variable` is set inside a lambda when the path starts at its range variable. */
export interface PathRef {
  kind: 'path';
  variable?: string;
  path: string[];
}
export interface Literal {
  kind: 'literal';
  value: LiteralValue;
}
/** An unquoted DateTimeOffset (or Date) literal, kept raw and compared as an instant. */
export interface DateTimeLiteral {
  kind: 'datetime';
  raw: string;
}
export interface CallNode {
  kind: 'call';
  name: 'startswith' | 'endswith' | 'contains';
  args: [Operand, Operand];
}
export interface LambdaNode {
  kind: 'lambda';
  quantifier: 'any' | 'all';
  collection: PathRef;
  variable?: string;
  body?: FilterNode;
}
export type Operand = PathRef | Literal | DateTimeLiteral | CallNode | LambdaNode;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'in'; left: Operand; values: Operand[] }
  /** A bare boolean operand such as `isRead` or `true`. */
  | { kind: 'value'; operand: Operand }
  | CallNode
  | LambdaNode;

// ---------------------------------------------------------------- lexer

type TokType = 'lp' | 'rp' | 'comma' | 'colon' | 'slash' | 'str' | 'num' | 'date' | 'ident' | 'eof';
interface Tok {
  type: TokType;
  text: string;
  pos: number;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?/i;
const NUM_RE = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/i;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
const PUNCT: Record<string, TokType> = { '(': 'lp', ')': 'rp', ',': 'comma', ':': 'colon', '/': 'slash' };

// Dates before numbers: 2026-11-20 would otherwise lex as the number 2026.
const LEXEMES = [
  ['date', DATE_RE],
  ['num', NUM_RE],
  ['ident', IDENT_RE],
] as const;

function tokenize(expr: string, fail: (msg: string) => never): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  outer: while (i < expr.length) {
    const ch = expr[i]!;
    const punct = PUNCT[ch];
    if (/\s/.test(ch)) {
      i++;
    } else if (punct) {
      toks.push({ type: punct, text: ch, pos: i++ });
    } else if (ch === "'") {
      // '' is an escaped quote inside a string literal.
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= expr.length) fail(`There is an unterminated string literal at position ${i} in '${expr}'.`);
        if (expr[j] === "'") {
          if (expr[j + 1] !== "'") break;
          j++;
        }
        text += expr[j++];
      }
      toks.push({ type: 'str', text, pos: i });
      i = j + 1;
    } else {
      for (const [type, re] of LEXEMES) {
        const m = re.exec(expr.slice(i));
        if (m) {
          toks.push({ type, text: m[0], pos: i });
          i += m[0].length;
          continue outer;
        }
      }
      fail(`Syntax error: character '${ch}' is not valid at position ${i} in '${expr}'.`);
    }
  }
  toks.push({ type: 'eof', text: '', pos: expr.length });
  return toks;
}

// ---------------------------------------------------------------- parser

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set<string>(['startswith', 'endswith', 'contains']);

/** Graph's OData parser gives up on deeper expressions; it also keeps us off the stack limit. */
const MAX_DEPTH = 100;

class Parser {
  private i = 0;
  private depth = 0;
  private readonly vars: string[] = [];
  constructor(
    private readonly toks: Tok[],
    private readonly expr: string,
    private readonly prefix: string,
  ) {}

  fail(message: string): never {
    throw new ODataQueryError(`${this.prefix}${message}`);
  }
  private syntax(tok = this.peek()): never {
    return this.fail(`Syntax error at position ${tok.pos} in '${this.expr}'.`);
  }
  peek(offset = 0): Tok {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)]!;
  }
  next(): Tok {
    const t = this.peek();
    this.i++;
    return t;
  }
  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail('The recursion limit has been exceeded.');
    const result = parse();
    this.depth--;
    return result;
  }
  expect(type: TokType): Tok {
    return this.peek().type === type ? this.next() : this.syntax();
  }
  /** Operator keywords are case-insensitive, like Graph's parser. */
  keyword(word: string): boolean {
    const t = this.peek();
    if (t.type !== 'ident' || t.text.toLowerCase() !== word) return false;
    this.i++;
    return true;
  }

  or(): FilterNode {
    let left = this.and();
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }
  and(): FilterNode {
    let left = this.unary();
    while (this.keyword('and')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }
  // `not` binds looser than comparisons so `not isRead eq true` reads the way people mean it.
  unary(): FilterNode {
    return this.nested(() => (this.keyword('not') ? { kind: 'not', operand: this.unary() } : this.primary()));
  }
  primary(): FilterNode {
    if (this.peek().type === 'lp') {
      this.next();
      const inner = this.or();
      this.expect('rp');
      return inner;
    }
    const left = this.operand();
    const op = this.peek();
    if (op.type === 'ident' && COMPARE_OPS.has(op.text.toLowerCase())) {
      this.next();
      return { kind: 'compare', op: op.text.toLowerCase() as CompareOp, left, right: this.operand() };
    }
    if (this.keyword('in')) {
      this.expect('lp');
      const values = [this.operand()];
      while (this.peek().type === 'comma') {
        this.next();
        values.push(this.operand());
      }
      this.expect('rp');
      return { kind: 'in', left, values };
    }
    if (left.kind === 'call' || left.kind === 'lambda') return left;
    if (left.kind === 'path' || (left.kind === 'literal' && typeof left.value === 'boolean')) return { kind: 'value', operand: left };
    return this.syntax(op);
  }

  operand(): Operand {
    return this.nested(() => this.operandInner());
  }
  private operandInner(): Operand {
    const t = this.next();
    switch (t.type) {
      case 'str':
        return { kind: 'literal', value: t.text };
      case 'num':
        return { kind: 'literal', value: Number(t.text) };
      case 'date':
        if (!parseInstant(t.text)) this.fail(`The DateTimeOffset text '${t.text}' at position ${t.pos} is not valid.`);
        return { kind: 'datetime', raw: t.text };
      case 'ident':
        break;
      default:
        return this.syntax(t);
    }
    const lower = t.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
    if (lower === 'null') return { kind: 'literal', value: null };
    if (this.peek().type === 'lp') return this.call(t);
    return this.path(t);
  }

  private call(name: Tok): CallNode {
    const lower = name.text.toLowerCase();
    if (!FUNCTIONS.has(lower)) {
      this.fail(
        `An unknown function with name '${name.text}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
      );
    }
    this.expect('lp');
    const first = this.operand();
    this.expect('comma');
    const second = this.operand();
    this.expect('rp');
    return { kind: 'call', name: lower as CallNode['name'], args: [first, second] };
  }

  /** `a/b/c`, possibly ending in a lambda `a/any(x: ...)`. */
  private path(first: Tok): PathRef | LambdaNode {
    const segments = [first.text];
    while (this.peek().type === 'slash') {
      this.next();
      const seg = this.expect('ident');
      const q = seg.text.toLowerCase();
      if ((q === 'any' || q === 'all') && this.peek().type === 'lp') return this.lambda(this.ref(segments), q);
      segments.push(seg.text);
    }
    return this.ref(segments);
  }

  private ref(segments: string[]): PathRef {
    const [head, ...rest] = segments as [string, ...string[]];
    return this.vars.includes(head) ? { kind: 'path', variable: head, path: rest } : { kind: 'path', path: segments };
  }

  private lambda(collection: PathRef, quantifier: 'any' | 'all'): LambdaNode {
    this.expect('lp');
    if (this.peek().type === 'rp') {
      // Only any() may be written without a predicate: "the collection is not empty".
      if (quantifier === 'all') this.syntax();
      this.next();
      return { kind: 'lambda', quantifier, collection };
    }
    const variable = this.expect('ident').text;
    this.expect('colon');
    this.vars.push(variable);
    const body = this.or();
    this.vars.pop();
    this.expect('rp');
    return { kind: 'lambda', quantifier, collection, variable, body };
  }
}

export function parseFilter(expr: string): FilterNode {
  const prefix = 'Invalid filter clause: ';
  const fail = (msg: string): never => {
    throw new ODataQueryError(prefix + msg);
  };
  if (!expr.trim()) fail('The filter expression is empty.');
  const parser = new Parser(tokenize(expr, fail), expr, prefix);
  const node = parser.or();
  parser.expect('eof');
  return node;
}

// ---------------------------------------------------------------- evaluation

/** Instants as [epoch ms, rest of the fraction] so Graph's 7-digit fractions still order correctly. */
type Instant = readonly [number, number];
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?$/i;

export function parseInstant(s: string): Instant | undefined {
  const m = INSTANT_RE.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const frac = m[7] ?? '';
  const zone = (m[8] ?? 'Z').toUpperCase();
  // Date.UTC silently rolls 2026-02-30 over to March; a literal like that is an error, not a date.
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  if (
    wall.getUTCFullYear() !== y ||
    wall.getUTCMonth() !== mo - 1 ||
    wall.getUTCDate() !== d ||
    wall.getUTCHours() !== h ||
    wall.getUTCMinutes() !== mi ||
    wall.getUTCSeconds() !== sec
  )
    return undefined;
  const offsetMin = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return [wall.getTime() - offsetMin * 60_000 + Number(frac.slice(0, 3).padEnd(3, '0')), Number(`0.${frac.slice(3) || '0'}`)];
}

class DateTimeValue {
  constructor(readonly instant: Instant) {}
}

type Scope = ReadonlyMap<string, unknown>;

function resolve(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const seg of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[seg];
  }
  return value;
}

function evalOperand(op: Operand, item: unknown, scope: Scope): unknown {
  switch (op.kind) {
    case 'literal':
      return op.value;
    case 'datetime': {
      const instant = parseInstant(op.raw);
      return instant ? new DateTimeValue(instant) : undefined; // parseFilter already rejected invalid ones
    }
    case 'path':
      return resolve(op.variable === undefined ? item : scope.get(op.variable), op.path);
    default:
      return evalNode(op, item, scope);
  }
}

/** -1/0/1, or undefined when the two values cannot be compared (type mismatch). */
function order(l: unknown, r: unknown): number | undefined {
  if (l instanceof DateTimeValue || r instanceof DateTimeValue) {
    const a = l instanceof DateTimeValue ? l.instant : typeof l === 'string' ? parseInstant(l) : undefined;
    const b = r instanceof DateTimeValue ? r.instant : typeof r === 'string' ? parseInstant(r) : undefined;
    return a && b ? Math.sign(a[0] - b[0] || a[1] - b[1]) : undefined;
  }
  // Exchange and Entra ID compare strings case-insensitively (mail, userPrincipalName, subject).
  if (typeof l === 'string' && typeof r === 'string') {
    const a = l.toLowerCase();
    const b = r.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if ((typeof l === 'number' && typeof r === 'number') || (typeof l === 'boolean' && typeof r === 'boolean')) {
    return Math.sign(Number(l) - Number(r));
  }
  return undefined;
}

function compare(op: CompareOp, l: unknown, r: unknown): boolean {
  // null (or a property the item lacks) only equals null; ordering against null is never true.
  const lNull = l === null || l === undefined;
  const rNull = r === null || r === undefined;
  if (lNull || rNull) return op === 'eq' ? lNull && rNull : op === 'ne' ? !(lNull && rNull) : false;
  const c = order(l, r);
  if (c === undefined) return op === 'ne';
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
  }
}

function evalNode(node: FilterNode, item: unknown, scope: Scope): boolean {
  switch (node.kind) {
    case 'and':
      return evalNode(node.left, item, scope) && evalNode(node.right, item, scope);
    case 'or':
      return evalNode(node.left, item, scope) || evalNode(node.right, item, scope);
    case 'not':
      return !evalNode(node.operand, item, scope);
    case 'compare':
      return compare(node.op, evalOperand(node.left, item, scope), evalOperand(node.right, item, scope));
    case 'in': {
      const left = evalOperand(node.left, item, scope);
      return node.values.some((v) => compare('eq', left, evalOperand(v, item, scope)));
    }
    case 'value':
      return evalOperand(node.operand, item, scope) === true;
    case 'call': {
      const [a, b] = node.args.map((arg) => evalOperand(arg, item, scope));
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      const [x, y] = [a.toLowerCase(), b.toLowerCase()];
      return node.name === 'startswith' ? x.startsWith(y) : node.name === 'endswith' ? x.endsWith(y) : x.includes(y);
    }
    case 'lambda': {
      const list = evalOperand(node.collection, item, scope);
      const elements = Array.isArray(list) ? list : [];
      const { body, variable } = node;
      if (!body || variable === undefined) return elements.length > 0;
      const test = (el: unknown) => evalNode(body, item, new Map(scope).set(variable, el));
      return node.quantifier === 'any' ? elements.some(test) : elements.every(test);
    }
  }
}

export function evaluateFilter(node: FilterNode, item: unknown): boolean {
  return evalNode(node, item, new Map());
}

// ---------------------------------------------------------------- $orderby

export interface OrderTerm {
  path: string[];
  direction: 'asc' | 'desc';
}

export function parseOrderBy(expr: string): OrderTerm[] {
  const prefix = 'The query specified in the URI is not valid. ';
  const fail = (msg: string): never => {
    throw new ODataQueryError(prefix + msg);
  };
  if (!expr.trim()) fail('The $orderby expression is empty.');
  const p = new Parser(tokenize(expr, fail), expr, prefix);
  const terms: OrderTerm[] = [];
  for (;;) {
    const path = [p.expect('ident').text];
    while (p.peek().type === 'slash') {
      p.next();
      path.push(p.expect('ident').text);
    }
    const desc = p.keyword('desc');
    if (!desc) p.keyword('asc');
    terms.push({ path, direction: desc ? 'desc' : 'asc' });
    if (p.peek().type !== 'comma') break;
    p.next();
  }
  p.expect('eof');
  return terms;
}

const TYPE_RANK: Record<string, number> = { boolean: 0, number: 1, string: 2, object: 3 };

/** Total order for sorting: missing/null first, ISO instants chronologically, strings case-insensitively. */
function sortCompare(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
  if (typeof a === 'string' && typeof b === 'string') {
    const [ia, ib] = a.includes('T') && b.includes('T') ? [parseInstant(a), parseInstant(b)] : [];
    if (ia && ib) return Math.sign(ia[0] - ib[0] || ia[1] - ib[1]);
    return order(a, b) ?? 0; // 'beta' and 'BETA' tie, so later $orderby keys decide
  }
  if (typeof a === typeof b && (typeof a === 'number' || typeof a === 'boolean')) return order(a, b) ?? 0;
  return (TYPE_RANK[typeof a] ?? 4) - (TYPE_RANK[typeof b] ?? 4);
}

export function compareByOrder(order: readonly OrderTerm[], a: unknown, b: unknown): number {
  for (const { path, direction } of order) {
    const c = sortCompare(resolve(a, path), resolve(b, path));
    if (c !== 0) return direction === 'desc' ? -c : c;
  }
  return 0;
}
