import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, LOG_FILE_ENV } from '../../src/logging/logger.js';
import { errorText } from '../../src/platform/error-text.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

describe('logs', () => {
  const saved = process.env[LOG_FILE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[LOG_FILE_ENV];
    else process.env[LOG_FILE_ENV] = saved;
  });

  it('redact personal data and secrets that slip into a log call', () => {
    const { lines, sink } = capture();
    const logger = createLogger('info', sink);
    logger.info(
      {
        caseId: 'DSAR-2026-0001',
        requester: { email: 'anna@example.com', name: 'Anna' },
        email: 'bo@example.com',
        subject: 'Indsigt',
        config: { connectionString: 'AccountKey=abc' },
        message: { from: 'Kaj Lund', displayName: 'Kaj Lund', headers: { 'x-a': 'b' } },
        token: 'eyJ0eXAi',
      },
      'opened',
    );
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      caseId: 'DSAR-2026-0001',
      requester: '[redacted]',
      email: '[redacted]',
      subject: '[redacted]',
      config: { connectionString: '[redacted]' },
      message: { from: '[redacted]', displayName: '[redacted]', headers: '[redacted]' },
      token: '[redacted]',
    });
    expect(lines[0]).not.toMatch(/anna@|bo@|Indsigt|AccountKey|Kaj|eyJ0/);
  });

  it('scrub error texts, messages and child bindings of addresses, phones and quoted values, wherever they are', () => {
    const { lines, sink } = capture();
    const logger = createLogger('info', sink).child({ via: 'mail from zorro@example' });
    const failure = new Error('requester e-mail ""zorro smith"@example.org" is not an e-mail address');
    logger.error(
      { err: errorText(failure, { firstLine: true }), attempts: 4, detail: { why: 'call +45 12 34 56 78' }, error: failure },
      'intake: message from %s failed for "Zorro Smith"',
      'zorro@example.org',
    );
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      err: 'requester e-mail "<address>" is not an e-mail address',
      attempts: 4,
      detail: { why: 'call <phone>' },
      via: 'mail from <address>',
      msg: 'intake: message from <address> failed for "<text>"',
    });
    expect(line.error.message).toBe('requester e-mail "<address>" is not an e-mail address');
    expect(lines[0]).not.toMatch(/zorro|Zorro|12 34 56 78/);
  });

  it(`copy every line at debug level to ${LOG_FILE_ENV}, also from a silent logger, still scrubbed`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dsar-log-'));
    try {
      process.env[LOG_FILE_ENV] = join(dir, 'all.jsonl');
      const { lines, sink } = capture();
      createLogger('info', sink).debug({ caseId: 'DSAR-2026-0002' }, 'not for the console');
      createLogger('silent').warn({ err: 'anna@example.com refused' }, 'silent here');
      const file = (await readFile(join(dir, 'all.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([]);
      expect(file.map((l) => l.msg)).toEqual(['not for the console', 'silent here']);
      expect(file[1].err).toBe('<address> refused');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
