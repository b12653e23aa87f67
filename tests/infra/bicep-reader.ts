/**
 * Just enough of a Bicep reader for tests/infra: the Bicep compiler is not available offline, so the tests
 * read the templates' structure themselves. It knows comments, strings (with escapes and `${...}`
 * interpolation, and ''' multi-line strings), brackets and Bicep's newline-terminated statements; it does
 * not type-check anything. Every view of a file has the same length as the file, so indices are shared.
 */

export interface BicepText {
  source: string;
  /** Comments blanked out (newlines kept); strings as written. For reading values. */
  code: string;
  /** Comments and the insides of strings (interpolations too) blanked out. For structure: brackets, `=`, keys. */
  skeleton: string;
  /** Comments and literal string text blanked out, interpolated expressions kept. For finding identifiers in use. */
  identifiers: string;
}

type Frame = { kind: 'string' } | { kind: 'interpolation'; depth: number };

export function readBicep(source: string): BicepText {
  const code = source.split('');
  const skeleton = source.split('');
  const identifiers = source.split('');
  const blank = (view: string[], i: number) => {
    if (view[i] !== '\n') view[i] = ' ';
  };
  const blankAll = (i: number) => {
    blank(code, i);
    blank(skeleton, i);
    blank(identifiers, i);
  };
  const stack: Frame[] = [];
  let i = 0;
  while (i < source.length) {
    const top = stack[stack.length - 1];
    const c = source[i]!;
    if (top?.kind === 'string') {
      // Inside a string: nothing is structure; only interpolations are code.
      skeleton[i] = ' ';
      if (c === '\\') {
        skeleton[i + 1] = ' ';
        identifiers[i] = ' ';
        identifiers[i + 1] = ' ';
        i += 2;
      } else if (c === '$' && source[i + 1] === '{') {
        skeleton[i + 1] = ' ';
        identifiers[i] = ' ';
        identifiers[i + 1] = ' ';
        stack.push({ kind: 'interpolation', depth: 0 });
        i += 2;
      } else if (c === "'") {
        stack.pop();
        // A string nested in an interpolation is all inside the outer string: no quote in the skeleton.
        skeleton[i] = stack.length === 0 ? "'" : ' ';
        i += 1;
      } else {
        identifiers[i] = c === '\n' ? '\n' : ' ';
        i += 1;
      }
      continue;
    }
    // Code: top level, or inside an interpolation (whose code is blanked in the skeleton).
    const inInterpolation = top?.kind === 'interpolation';
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') blankAll(i++);
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      while (i < stop) blankAll(i++);
      continue;
    }
    if (source.startsWith("'''", i)) {
      // Multi-line string: no escapes, no interpolation.
      const end = source.indexOf("'''", i + 3);
      const stop = end === -1 ? source.length : end + 3;
      for (let j = i; j < stop; j++) {
        const quote = j < i + 3 || j >= stop - 3;
        skeleton[j] = quote && !inInterpolation ? "'" : ' ';
        if (!quote) identifiers[j] = ' ';
      }
      i = stop;
      continue;
    }
    if (inInterpolation) skeleton[i] = ' ';
    if (c === "'") {
      stack.push({ kind: 'string' });
    } else if (inInterpolation && c === '{') {
      top.depth += 1;
    } else if (inInterpolation && c === '}') {
      if (top.depth === 0) {
        stack.pop();
        identifiers[i] = ' ';
      } else {
        top.depth -= 1;
      }
    }
    i += 1;
  }
  return { source, code: code.join(''), skeleton: skeleton.join(''), identifiers: identifiers.join('') };
}

const OPEN: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** Index of the bracket closing the one at `open` (in the skeleton), or -1. */
export function matchingBracket(skeleton: string, open: number): number {
  const closers: string[] = [];
  for (let i = open; i < skeleton.length; i++) {
    const c = skeleton[i]!;
    if (OPEN[c]) closers.push(OPEN[c]);
    else if (c === '}' || c === ']' || c === ')') {
      if (closers.pop() !== c) return -1;
      if (closers.length === 0) return i;
    }
  }
  return -1;
}

/** End (exclusive) of the expression starting at `from`: the first newline or `stopAt` character outside brackets. */
export function expressionEnd(skeleton: string, from: number, stopAt = ''): number {
  let i = from;
  while (i < skeleton.length) {
    const c = skeleton[i]!;
    if (OPEN[c]) {
      const close = matchingBracket(skeleton, i);
      if (close === -1) return skeleton.length;
      i = close + 1;
    } else if (c === '\n' || stopAt.includes(c)) {
      return i;
    } else {
      i += 1;
    }
  }
  return i;
}

/** The assignment `=` in [from, to) of the skeleton (not `==`, `!=`, `<=`, `>=` or `=>`), or -1. */
function assignment(skeleton: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = skeleton[i]!;
    if (OPEN[c]) {
      const close = matchingBracket(skeleton, i);
      if (close === -1 || close >= to) return -1;
      i = close;
      continue;
    }
    if (c === '=' && skeleton[i + 1] !== '=' && skeleton[i + 1] !== '>' && !'=!<>'.includes(skeleton[i - 1] ?? '')) return i;
  }
  return -1;
}

export interface Statement {
  keyword: string;
  /** The declared name (param, var, output, resource and module symbol); empty for others. */
  name: string;
  /** The decorators above it, as written (`@secure()`, `@description('...')`). */
  decorators: string[];
  start: number;
  end: number;
  /** The text between the name and the `=` (a type, or a resource's 'type@version' and `existing`). */
  head: string;
  /** The expression after `=`, trimmed; undefined when there is none (a param without default). */
  value?: string;
  valueStart?: number;
  valueEnd?: number;
}

/** Top-level statements (Bicep ends each at a newline outside brackets), with their decorators. */
export function statements(text: BicepText): Statement[] {
  const { code, skeleton } = text;
  const result: Statement[] = [];
  let decorators: string[] = [];
  let i = 0;
  while (i < skeleton.length) {
    if (/\s/.test(skeleton[i]!)) {
      i += 1;
      continue;
    }
    if (skeleton[i] === '@') {
      let j = i + 1;
      while (j < skeleton.length && /[\w.]/.test(skeleton[j]!)) j += 1;
      while (skeleton[j] === ' ') j += 1;
      if (skeleton[j] === '(') j = matchingBracket(skeleton, j) + 1;
      decorators.push(code.slice(i, j).trim());
      i = j;
      continue;
    }
    const end = expressionEnd(skeleton, i);
    const keyword = /^[A-Za-z]+/.exec(skeleton.slice(i, end))?.[0] ?? '';
    const nameMatch = /^[A-Za-z]+\s+([A-Za-z_]\w*)/.exec(skeleton.slice(i, end));
    const declares = ['param', 'var', 'output', 'resource', 'module', 'type', 'func'].includes(keyword);
    const name = declares ? (nameMatch?.[1] ?? '') : '';
    const eq = assignment(skeleton, i, end);
    const afterName = declares && nameMatch ? i + nameMatch[0].length : i + keyword.length;
    const statement: Statement = {
      keyword,
      name,
      decorators,
      start: i,
      end,
      head: code.slice(afterName, eq === -1 ? end : eq).trim(),
    };
    if (eq !== -1) {
      statement.value = code.slice(eq + 1, end).trim();
      statement.valueStart = eq + 1;
      statement.valueEnd = end;
    }
    result.push(statement);
    decorators = [];
    i = end;
  }
  return result;
}

export interface Entry {
  key: string;
  /** The value as written (comments removed), trimmed. */
  value: string;
  valueStart: number;
  valueEnd: number;
}

/** The entries of the object literal whose `{` is at `open`. Keys are unquoted (`'${x}'` stays as written). */
export function objectEntries(text: BicepText, open: number): Entry[] {
  const { code, skeleton } = text;
  const close = matchingBracket(skeleton, open);
  if (skeleton[open] !== '{' || close === -1) throw new Error(`no object literal at ${open}`);
  const entries: Entry[] = [];
  let i = open + 1;
  while (i < close) {
    if (/[\s,]/.test(skeleton[i]!)) {
      i += 1;
      continue;
    }
    const end = Math.min(expressionEnd(skeleton, i, ','), close);
    const colon = skeleton.indexOf(':', i);
    if (colon === -1 || colon >= end) throw new Error(`not a key: value entry: ${code.slice(i, end)}`);
    const rawKey = code.slice(i, colon).trim();
    const key = /^'.*'$/.test(rawKey) ? rawKey.slice(1, -1) : rawKey;
    entries.push({ key, value: code.slice(colon + 1, end).trim(), valueStart: colon + 1, valueEnd: end });
    i = end;
  }
  return entries;
}

/** The first `{` in [from, to) of the skeleton: the object of a resource or module body. */
export function firstObject(text: BicepText, from: number, to: number): number {
  const open = text.skeleton.indexOf('{', from);
  if (open === -1 || open >= to) throw new Error(`no object in ${text.code.slice(from, to)}`);
  return open;
}

/**
 * The value at a dotted path inside the object literal at `open` (`properties.siteConfig.alwaysOn`), as
 * written, or undefined when any step is missing.
 */
export function valueAt(text: BicepText, open: number, path: string): string | undefined {
  let objectStart = open;
  const steps = path.split('.');
  for (const [index, step] of steps.entries()) {
    const entry = objectEntries(text, objectStart).find((e) => e.key === step);
    if (!entry) return undefined;
    if (index === steps.length - 1) return entry.value;
    const next = text.skeleton.indexOf('{', entry.valueStart);
    if (next === -1 || next >= entry.valueEnd) return undefined;
    objectStart = next;
  }
  return undefined;
}

/** The string literal's text when `value` is exactly one plain string ('...'), else undefined. */
export function stringLiteral(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(value);
  return match ? match[1]!.replace(/\\(.)/g, '$1') : undefined;
}
