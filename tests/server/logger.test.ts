import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';

describe('logs', () => {
  it('redact personal data and secrets that slip into a log call', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _enc, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        caseId: 'DSAR-2026-0001',
        requester: { email: 'anna@example.com', name: 'Anna' },
        email: 'bo@example.com',
        subject: 'Indsigt',
        config: { connectionString: 'AccountKey=abc' },
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
    });
    expect(lines[0]).not.toMatch(/anna@|bo@|Indsigt|AccountKey/);
  });
});
