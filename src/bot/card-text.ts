/**
 * Text taken from e-mail (subjects, names, quotes) goes onto cards through here, so a message cannot
 * inject markdown, links or layout into a card the DPO acts on. Cards show such text only in TextRuns
 * (which Adaptive Cards never parse as markdown, unlike TextBlock and FactSet), one line each.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it exists to remove.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const WHITESPACE = /\s+/g;
// Teams turns bare URLs into links even in plain text; a zero-width joiner after the scheme breaks that.
const SCHEME = /\b([a-z][a-z0-9+.-]{1,20}:\/\/|(?:mailto|tel|sms|callto|javascript|data|msteams):|www\.)/gi;

/** One line of plain, bounded text: controls and bidi overrides removed, whitespace collapsed, links defused. */
export function plain(value: string | undefined | null, max = 200): string {
  if (!value) return '';
  const text = value
    .replace(CONTROL, '')
    .replace(WHITESPACE, ' ')
    .trim()
    .replace(SCHEME, (scheme: string) => `${scheme.slice(0, -1)}\u200D${scheme.slice(-1)}`);
  return truncate(text, max);
}

/** Cuts at a word boundary near `max` and marks the cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
