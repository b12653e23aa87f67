import type { IncomingMessage } from 'node:http';

/**
 * The one way a route reads a request body: JSON objects only, in memory, never on disk. Everything that
 * can be refused without reading (content type, encoding, declared length) is refused before the first
 * byte is read, so a route can call `refuseBeforeReading` ahead of authentication and read afterwards.
 * The size limit is enforced while streaming, so a chunked body without Content-Length is counted too.
 */

export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyRefused';
  }
}

/** `application/json`, optionally with `charset=utf-8` (what Graph and the Bot Framework send). */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-?8"?$/.test(p));
}

/** Refuses what needs no reading: a non-JSON content type (415), a compressed body (415), a declared length over the limit (413). */
export function refuseBeforeReading(req: IncomingMessage, maxBytes: number): void {
  if (!isJson(req.headers['content-type']))
    throw new BodyRefused(415, 'unsupported_media_type', 'The body must be JSON: send Content-Type: application/json (UTF-8).');
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity')
    throw new BodyRefused(415, 'unsupported_media_type', 'Compressed bodies are not accepted: send the JSON uncompressed.');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

const tooLarge = (maxBytes: number) =>
  new BodyRefused(413, 'body_too_large', `The body is larger than the ${Math.floor(maxBytes / 1024)} KiB this route accepts.`);

/**
 * The body's bytes, up to maxBytes. Not `for await`: leaving that loop early destroys the request and with
 * it the socket, so the 413 could not be sent; pausing keeps the socket for the answer.
 */
function collect(req: IncomingMessage, maxBytes: number): Promise<{ chunks: Buffer[]; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: Error) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      if (error) {
        req.pause();
        reject(error);
      } else resolve({ chunks, size });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = () => done(new BodyRefused(400, 'body_incomplete', 'The body was cut off before it ended.'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the body as one JSON object (not null, not an array, not a string or number). Throws BodyRefused
 * with the reason; a refused request's connection is closed rather than reading the rest of its body.
 */
export async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  refuseBeforeReading(req, maxBytes);
  const { chunks, size } = await collect(req, maxBytes);
  if (size === 0) throw new BodyRefused(400, 'invalid_json', 'The body is empty: send a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(Buffer.concat(chunks, size)));
  } catch {
    throw new BodyRefused(400, 'invalid_json', 'The body is not valid JSON (UTF-8).');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BodyRefused(400, 'invalid_json', 'The body must be a JSON object, not null, an array or a single value.');
  return value as Record<string, unknown>;
}

/** The HTTP answer for a refused body; closes the connection so an unread remainder is not read. */
export function refusal(error: BodyRefused): { status: number; headers: Record<string, string>; body: { code: string; message: string } } {
  return {
    status: error.status,
    headers: { Connection: 'close', 'Cache-Control': 'no-store' },
    body: { code: error.code, message: error.message },
  };
}
