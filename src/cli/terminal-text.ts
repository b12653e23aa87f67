/**
 * Text from cases (names, subjects, reasons: what a requester or a mail wrote) made safe to print on a
 * terminal: C0 and C1 controls, DEL and the bidirectional overrides are shown as visible escapes, so a
 * name cannot move the cursor, rewrite a line, colour the screen or reorder what the DPO reads.
 * An ANSI escape sequence therefore prints as \x1b[31m: visible, and inert.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const visible = (char: string): string => {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/** One line of text with every control character shown as an escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Text of several lines: each line made safe, the line breaks kept (for messages the CLI itself wrote). */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
