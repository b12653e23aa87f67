import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type CryptoKey } from 'jose';
import { TOKEN_REJECTED } from '../errors.js';
import type { DevApp } from '../model.js';
import { newGuid, newToken } from '../state/ids.js';

/**
 * Access tokens shaped like Entra ID's app-only v1 tokens for Graph, signed with a key made at start-up
 * and published as JWKS, so anything that validates Entra tokens can validate these.
 */

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const LIFETIME_S = 3599;

export interface TokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  /** Application permissions (app-only tokens). */
  roles?: string[];
  /** Delegated permissions, space-separated (tokens for a signed-in user, e.g. from on-behalf-of). */
  scp?: string;
  idtyp?: 'app' | 'user';
}

/** What a user's token for an API says, once its signature and lifetime are checked. */
export interface UserAssertion {
  aud: string;
  oid: string;
  tid: string;
  scp: string;
}

/** Verified tokens kept at once; the cache is emptied when it fills (tokens are few: one per app per hour). */
const VERIFIED_CACHE = 1000;

export class TokenIssuer {
  private readonly verified = new Map<string, { claims: TokenClaims; issuer: string; exp: number }>();

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwk: JWK,
    readonly tenantId: () => string,
  ) {}

  static async create(tenantId: () => string): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: newToken(20), use: 'sig', alg: 'RS256' };
    return new TokenIssuer(privateKey, publicKey, jwk, tenantId);
  }

  issuer(): string {
    return `https://sts.windows.net/${this.tenantId()}/`;
  }

  /** A token for `scope` (e.g. https://graph.microsoft.com/.default) for a registered app. */
  async issue(app: DevApp, scope: string): Promise<{ token: string; expiresIn: number }> {
    const resource = scope.replace(/\/\.default$/, '');
    const graph = resource === GRAPH_AUDIENCE || resource === GRAPH_APP_ID || resource === `${GRAPH_AUDIENCE}/`;
    const token = await new SignJWT({
      aio: newToken(40),
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: '1',
      idp: this.issuer(),
      idtyp: 'app',
      oid: app.objectId,
      rh: newToken(30),
      roles: graph ? app.roles : [],
      sub: app.objectId,
      tid: this.tenantId(),
      uti: newToken(16),
      ver: '1.0',
      xms_tcdt: 1_700_000_000,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.jwk.kid!, x5t: this.jwk.kid! })
      .setIssuer(this.issuer())
      .setAudience(graph ? GRAPH_AUDIENCE : resource)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${LIFETIME_S}s`)
      .setJti(newGuid())
      .sign(this.privateKey);
    return { token, expiresIn: LIFETIME_S };
  }

  /**
   * A delegated access token for a user, as Entra issues to a client (the Outlook add-in through nested
   * app authentication) for an API. v2.0 (the API's manifest asks for it): `azp`, `preferred_username`,
   * issuer `{origin}/{tenant}/v2.0`. v1.0 (Entra's default for an API): `appid`, `upn` and `unique_name`,
   * `acr`/`amr`, the names, issuer `https://sts.windows.net/{tenant}/` and an `x5t` header, as in the
   * access-token claims reference. `username` stands in for a renamed account: the sign-in name claims then
   * say something other than the directory (they are mutable; `oid` is not).
   */
  async issueUserToken(o: {
    origin: string;
    user: { id: string; displayName: string; userPrincipalName: string; givenName?: string | null; surname?: string | null };
    audience: string;
    scopes: readonly string[];
    clientId?: string;
    lifetimeS?: number;
    issuer?: string;
    version?: '1.0' | '2.0';
    username?: string;
  }): Promise<{ token: string; expiresIn: number }> {
    const lifetime = o.lifetimeS ?? LIFETIME_S;
    const now = Math.floor(Date.now() / 1000);
    const client = o.clientId ?? '00000000-0000-0000-0000-0000000000ad';
    const username = o.username ?? o.user.userPrincipalName;
    const common = { aio: newToken(40), name: o.user.displayName, oid: o.user.id, rh: newToken(30), scp: o.scopes.join(' ') };
    const v1 = o.version === '1.0';
    const claims = v1
      ? {
          ...common,
          acr: '1',
          amr: ['pwd'],
          appid: client,
          // A public client (the add-in's single-page app registration) has no secret.
          appidacr: '0',
          ...(o.user.surname ? { family_name: o.user.surname } : {}),
          ...(o.user.givenName ? { given_name: o.user.givenName } : {}),
          ipaddr: '127.0.0.1',
          sub: newToken(43),
          tid: this.tenantId(),
          unique_name: username,
          upn: username,
          uti: newToken(16),
          ver: '1.0',
        }
      : {
          ...common,
          azp: client,
          azpacr: '0',
          preferred_username: username,
          sub: newToken(43),
          tid: this.tenantId(),
          uti: newToken(16),
          ver: '2.0',
        };
    const issued = Math.min(now, now + lifetime - 60);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.jwk.kid!, ...(v1 ? { x5t: this.jwk.kid! } : {}) })
      .setIssuer(o.issuer ?? (v1 ? this.issuer() : `${o.origin}/${this.tenantId()}/v2.0`))
      .setAudience(o.audience)
      .setIssuedAt(issued)
      .setNotBefore(issued)
      .setExpirationTime(now + lifetime)
      .sign(this.privateKey);
    return { token, expiresIn: lifetime };
  }

  /**
   * A delegated v1 Graph token for a user, as Entra issues one to a middle-tier API through the on-behalf-of
   * flow: `scp` instead of `roles`, `idtyp` user, the user's `oid` and `upn`, the API as `appid`.
   */
  async issueDelegatedGraphToken(
    app: DevApp,
    user: { id: string; displayName: string; userPrincipalName: string },
    scopes: readonly string[],
  ): Promise<{ token: string; expiresIn: number }> {
    const token = await new SignJWT({
      acr: '1',
      aio: newToken(40),
      amr: ['pwd'],
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: '1',
      idtyp: 'user',
      name: user.displayName,
      oid: user.id,
      rh: newToken(30),
      scp: scopes.join(' '),
      sub: newToken(43),
      tid: this.tenantId(),
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      uti: newToken(16),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.jwk.kid!, x5t: this.jwk.kid! })
      .setIssuer(this.issuer())
      .setAudience(GRAPH_AUDIENCE)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${LIFETIME_S}s`)
      .setJti(newGuid())
      .sign(this.privateKey);
    return { token, expiresIn: LIFETIME_S };
  }

  /** A user's token this tenant issued for an API (the on-behalf-of assertion), or why it is not one. */
  async verifyUserAssertion(token: string): Promise<{ ok: true; claims: UserAssertion } | { ok: false; expired: boolean }> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ['RS256'], requiredClaims: ['aud', 'oid', 'tid', 'scp'] });
      if (String(payload.tid) !== this.tenantId()) return { ok: false, expired: false };
      return { ok: true, claims: payload as unknown as UserAssertion };
    } catch (error) {
      return { ok: false, expired: (error as { code?: string }).code === 'ERR_JWT_EXPIRED' };
    }
  }

  /** The claims of a valid Graph token, or a reason it is not one. */
  async verifyGraphToken(token: string): Promise<{ ok: true; claims: TokenClaims } | { ok: false; reason: string }> {
    // A client sends the same token for an hour; checking its RSA signature once is enough (as a resource
    // server's token cache does), while the lifetime and issuer are checked on every request.
    const known = this.verified.get(token);
    if (known && known.issuer === this.issuer() && known.exp > Date.now() / 1000) return { ok: true, claims: known.claims };
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer(), algorithms: ['RS256'] });
      if (payload.aud !== GRAPH_AUDIENCE) return { ok: false, reason: TOKEN_REJECTED.audience };
      const claims = payload as unknown as TokenClaims;
      if (this.verified.size >= VERIFIED_CACHE) this.verified.clear();
      this.verified.set(token, { claims, issuer: this.issuer(), exp: payload.exp ?? 0 });
      return { ok: true, claims };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: TOKEN_REJECTED.expired };
      return { ok: false, reason: TOKEN_REJECTED.invalid };
    }
  }
}
