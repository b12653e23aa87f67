import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/**
 * Keeps a credential's access token until shortly before it expires (or until its refreshOn), so a
 * search sending a thousand Graph requests asks MSAL once, not a thousand times; concurrent requests
 * share one pending token request. Requests carrying claims (a Continuous Access Evaluation challenge)
 * always go to the credential.
 */

/** Tokens are renewed this long before they expire, so none expires in flight. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export class CachedTokenCredential implements TokenCredential {
  private readonly cache = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly inner: TokenCredential,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    if (options?.claims) return this.inner.getToken(scopes, options);
    const key = [scopes].flat().sort().join(' ');
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      const token = await cached.catch(() => undefined);
      if (token && this.now() < renewAt(token)) return token;
      // Several requests may find it stale at once: only the first replaces it.
      if (this.cache.get(key) !== cached) return this.getToken(scopes, options);
    }
    // Shared by every caller, so no single caller's abort signal may cancel it.
    const { abortSignal: _callersSignal, ...shared } = options ?? {};
    const pending = this.inner.getToken(scopes, shared).then((token) => {
      if (!token) throw new Error('The credential returned no access token');
      return token;
    });
    this.cache.set(key, pending);
    pending.catch(() => {
      if (this.cache.get(key) === pending) this.cache.delete(key);
    });
    return pending;
  }
}

function renewAt(token: AccessToken): number {
  const expiry = token.expiresOnTimestamp - RENEW_BEFORE_MS;
  return token.refreshAfterTimestamp ? Math.min(token.refreshAfterTimestamp, expiry) : expiry;
}
