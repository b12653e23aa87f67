import fc from 'fast-check';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { invalidInput } from '../../src/domain/index.js';
import { DEFAULT_RETRY, PermanentFailure, isDefect, isPermanent, retryDelayMs, failureReason } from '../../src/intake/retry-policy.js';

describe('retry policy', () => {
  it('backs off 30 s, 2 min, 10 min, 30 min, then hourly', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => retryDelayMs(DEFAULT_RETRY, n) / 1000)).toEqual([30, 120, 600, 1800, 3600, 3600, 3600]);
  });

  it('property: the delay never shrinks as attempts grow', () => {
    fc.assert(fc.property(fc.nat(100), (n) => retryDelayMs(DEFAULT_RETRY, n + 1) >= retryDelayMs(DEFAULT_RETRY, n)));
  });

  it('Graph refusing the id, and the domain refusing the input, are permanent; throttling, outages and storage are not', () => {
    expect(isPermanent(new GraphError(400, 'ErrorInvalidIdMalformed'))).toBe(true);
    expect(isPermanent(new GraphError(404))).toBe(true);
    expect(isPermanent(invalidInput('bad'))).toBe(true);
    expect(isPermanent(new PermanentFailure('gone'))).toBe(true);
    expect(isPermanent(new GraphError(429))).toBe(false);
    expect(isPermanent(new GraphError(503))).toBe(false);
    expect(isPermanent(new GraphError(403))).toBe(false);
    // The table store's errors have a statusCode too: a 404 there is not Graph's.
    expect(isPermanent(Object.assign(new Error('ResourceNotFound'), { statusCode: 404 }))).toBe(false);
  });
});

describe('isDefect', () => {
  it('a TypeError, RangeError or SyntaxError is a defect; a network failure wearing a TypeError, an outage and Graph are not', () => {
    expect(isDefect(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(true);
    expect(isDefect(new RangeError('Invalid time value'))).toBe(true);
    expect(isDefect(new SyntaxError('Unexpected token'))).toBe(true);
    expect(isDefect(new TypeError('fetch failed'))).toBe(false);
    expect(
      isDefect(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })),
    ).toBe(false);
    expect(isDefect(new GraphError(500))).toBe(false);
    expect(isDefect(new Error('StoreUnavailable'))).toBe(false);
  });
});

describe('failureReason', () => {
  it('is the log scrubber on the first line: no address or quoted value, no control characters, short', () => {
    expect(failureReason(invalidInput('requester e-mail "zorro smith@example.org" is not an e-mail address'))).not.toContain('zorro');
    const text = failureReason(new Error('could not reach anna.hansen@example.com\u0007 now\r\nsecond line'));
    expect(text).not.toContain('anna.hansen');
    expect(text).not.toMatch(/\p{Cc}|second line/u);
    expect(failureReason(new Error('x'.repeat(5000))).length).toBeLessThanOrEqual(300);
  });

  it('property: no address survives', () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), fc.string(), (before, address, after) => {
        expect(failureReason(new Error(`${before} ${address} ${after}`.replace(/[\r\n]/g, ' ')))).not.toContain(address);
      }),
    );
  });
});
