/**
 * What could not be decoded in a message's source: NUL bytes, unknown charsets, broken base64 or
 * quoted-printable, invalid UTF-8. mailparser reads past all of these (it drops or replaces what it cannot
 * decode), so the text it gives may be missing exactly the sentence that made the mail a request; the
 * classifier then never calls such mail `not_request` (see classify()).
 */

const NUL = 0;
/** A charset name a decoder knows (WHATWG labels: every charset mail software sends in practice). */
function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Removes NUL bytes (they end C strings in mail software and hide what follows); returns the rest and whether there were any. */
export function withoutNul(bytes: Buffer): { bytes: Buffer; hadNul: boolean } {
  if (!bytes.includes(NUL)) return { bytes, hadNul: false };
  return { bytes: Buffer.from(bytes.filter((b) => b !== NUL)), hadNul: true };
}

const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
const BROKEN_QP = /=(?![0-9A-Fa-f]{2}|\r?\n|$)/m;

/**
 * The problems found in the MIME parts of `source` (header blocks and their bodies, split at blank lines
 * and boundary lines). A light pass of its own, because mailparser reports none of them.
 */
export function damageIn(source: string): string[] {
  const found = new Set<string>();
  // Each part: a header block, then its body up to the next boundary line ("--...").
  const parts = source.split(/\r?\n--[^\r\n]*\r?\n/);
  for (const part of parts) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const head = part.slice(0, split.index).replace(/\r?\n[ \t]+/g, ' ');
    const body = part.slice(split.index + split[0].length);
    const charset = /^content-type:[^\r\n]*?charset\s*=\s*"?([^";\s]+)/im.exec(head)?.[1];
    if (charset && !knownCharset(charset)) found.add(`unknown charset ${charset.slice(0, 40)}`);
    const encoding = /^content-transfer-encoding:\s*([^\s;]+)/im.exec(head)?.[1]?.toLowerCase();
    if (encoding === 'base64') {
      const lines = body.split(/\r?\n/).map((l) => l.trim());
      const content = lines.filter(Boolean);
      const broken = content.some((l) => !BASE64_LINE.test(l)) || content.join('').replace(/=+$/, '').length % 4 === 1;
      if (broken) found.add('broken base64');
    }
    if (encoding === 'quoted-printable' && BROKEN_QP.test(body)) found.add('broken quoted-printable');
  }
  return [...found];
}

/** Whether decoded text holds U+FFFD, the mark decoders leave where bytes were not valid in the charset. */
export const hasReplacementCharacters = (text: string): boolean => text.includes('\uFFFD');
