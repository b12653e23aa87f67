import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { CachedTokenCredential } from '../../src/graph/token-cache.js';

/** The Graph client's token cache: one token request per token lifetime, never an expired token. */

const MINUTE = 60_000;

/** A credential that hands out numbered tokens valid for `lifetime` from the clock's now. */
class CountingCredential implements TokenCredential {
  requests: { scopes: string | string[]; options?: GetTokenOptions }[] = [];
  fail = false;
  constructor(
    private readonly clock: { now: number },
    private readonly lifetime = 60 * MINUTE,
    private readonly refreshAfter?: number,
  ) {}
  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    this.requests.push({ scopes, ...(options ? { options } : {}) });
    const n = this.requests.length;
    await new Promise((r) => setTimeout(r, 5));
    if (this.fail) throw new Error('AADSTS7000215: invalid client secret');
    return {
      token: `token-${n}`,
      expiresOnTimestamp: this.clock.now + this.lifetime,
      ...(this.refreshAfter ? { refreshAfterTimestamp: this.clock.now + this.refreshAfter } : {}),
    };
  }
}

const SCOPE = 'https://graph.microsoft.com/.default';

describe('CachedTokenCredential', () => {
  it('reuses a token until five minutes before it expires, then gets a new one', async () => {
    const clock = { now: Date.parse('2026-12-01T08:00:00Z') };
    const inner = new CountingCredential(clock);
    const cached = new CachedTokenCredential(inner, () => clock.now);
    expect((await cached.getToken(SCOPE))?.token).toBe('token-1');
    clock.now += 54 * MINUTE;
    expect((await cached.getToken([SCOPE]))?.token).toBe('token-1');
    clock.now += 1 * MINUTE;
    expect((await cached.getToken(SCOPE))?.token).toBe('token-2');
    expect(inner.requests).toHaveLength(2);
  });

  it('renews at refreshAfterTimestamp when the identity platform sets one earlier', async () => {
    const clock = { now: Date.parse('2026-12-01T08:00:00Z') };
    const inner = new CountingCredential(clock, 24 * 60 * MINUTE, 30 * MINUTE);
    const cached = new CachedTokenCredential(inner, () => clock.now);
    await cached.getToken(SCOPE);
    clock.now += 30 * MINUTE;
    expect((await cached.getToken(SCOPE))?.token).toBe('token-2');
  });

  it('makes one token request for many callers at once, per set of scopes', async () => {
    const clock = { now: Date.now() };
    const inner = new CountingCredential(clock);
    const cached = new CachedTokenCredential(inner, () => clock.now);
    const tokens = await Promise.all([
      ...Array.from({ length: 20 }, () => cached.getToken(SCOPE)),
      cached.getToken('api://other/.default'),
    ]);
    expect(new Set(tokens.slice(0, 20).map((t) => t?.token))).toEqual(new Set(['token-1']));
    expect(tokens[20]?.token).toBe('token-2');
    expect(inner.requests).toHaveLength(2);
  });

  it('does not keep a failure: the next call asks again', async () => {
    const clock = { now: Date.now() };
    const inner = new CountingCredential(clock);
    inner.fail = true;
    const cached = new CachedTokenCredential(inner, () => clock.now);
    await expect(cached.getToken(SCOPE)).rejects.toThrow(/AADSTS7000215/);
    inner.fail = false;
    expect((await cached.getToken(SCOPE))?.token).toBe('token-2');
  });

  it('passes a claims challenge (Continuous Access Evaluation) through without using or replacing the cache', async () => {
    const clock = { now: Date.now() };
    const inner = new CountingCredential(clock);
    const cached = new CachedTokenCredential(inner, () => clock.now);
    await cached.getToken(SCOPE);
    expect((await cached.getToken(SCOPE, { claims: '{"access_token":{"nbf":{"essential":true}}}' }))?.token).toBe('token-2');
    expect(inner.requests[1]?.options?.claims).toContain('nbf');
    expect((await cached.getToken(SCOPE))?.token).toBe('token-1');
  });

  it('is not cancelled for everyone when the first caller gives up', async () => {
    const clock = { now: Date.now() };
    const inner = new CountingCredential(clock);
    const cached = new CachedTokenCredential(inner, () => clock.now);
    const abort = new AbortController();
    const first = cached.getToken(SCOPE, { abortSignal: abort.signal });
    abort.abort();
    expect(inner.requests[0]?.options?.abortSignal).toBeUndefined();
    expect((await cached.getToken(SCOPE))?.token).toBe('token-1');
    expect((await first)?.token).toBe('token-1');
  });
});
