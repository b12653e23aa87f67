import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ApiConfig } from '../config/config.js';

/**
 * Validates the Entra ID access tokens the Outlook add-in sends (nested app authentication): signature
 * against the tenant's published keys (JWKS, fetched and cached by jose), issuer, audience = this API,
 * lifetime, and the delegated scope or app role Cases.ReadWrite. v1.0 and v2.0 tokens alike (Entra issues
 * the version the API registration asks for). Who the caller is comes from `oid`, never from a sign-in name.
 */

export const API_SCOPE = 'Cases.ReadWrite';

export interface Caller {
  /** Entra object id (immutable): what DPO access and "own mailbox" are decided on. */
  oid: string;
  /** For display only: mutable, and not in every token. */
  name?: string;
  /** The sign-in name, for display only: mutable (a rename changes it), never for an authorisation decision. */
  username?: string;
}

export class TokenRejected extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function accessTokenValidator(api: ApiConfig) {
  const base = `${api.authorityHost}/${api.tenantId}`;
  const jwks = createRemoteJWKSet(new URL(`${base}/discovery/v2.0/keys`), { cooldownDuration: 30_000, cacheMaxAge: 12 * 3600_000 });
  // v2.0 tokens (what NAA gets when the API's manifest asks for them) and v1.0 tokens (Entra's default),
  // each with the issuer of its version; v1.0 audiences are the app id URI or the client id, v2.0 the client id.
  const v2Issuer = `${base}/v2.0`;
  const v1Issuer = `https://sts.windows.net/${api.tenantId}/`;
  const audiences = [`api://${api.clientId}`, api.clientId];

  return async function validate(authorization: string | undefined): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new TokenRejected(401, 'missing_token', 'Sign in: the request has no bearer token.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: [v2Issuer, v1Issuer],
        audience: audiences,
        algorithms: ['RS256'],
        clockTolerance: 60,
        requiredClaims: ['exp', 'oid', 'tid', 'ver'],
      }));
    } catch (error) {
      // The tenant's keys could not be fetched: nothing is wrong with the token, so 503, not 401.
      if (keysUnreachable(error)) throw new SigningKeysUnavailable(error);
      throw new TokenRejected(401, 'invalid_token', reason(error));
    }
    if (String(payload.tid).toLowerCase() !== api.tenantId)
      throw new TokenRejected(401, 'invalid_token', 'The token is from another tenant.');
    // Entra puts a v1.0 token's issuer on sts.windows.net and a v2.0 token's under /v2.0: never the other way.
    if (payload.ver !== (payload.iss === v1Issuer ? '1.0' : '2.0'))
      throw new TokenRejected(401, 'invalid_token', "The token's ver claim does not match its issuer.");
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    const roles = Array.isArray(payload.roles) ? (payload.roles as string[]) : [];
    if (!scopes.includes(API_SCOPE) && !roles.includes(API_SCOPE)) {
      throw new TokenRejected(403, 'insufficient_scope', `The token does not grant ${API_SCOPE}.`);
    }
    return {
      oid: String(payload.oid).toLowerCase(),
      ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
      ...usernameOf(payload),
    };
  };
}

/**
 * The caller's sign-in name, for display: v2.0 tokens carry preferred_username, v1.0 tokens upn (or
 * unique_name for guests and some accounts). Only an address-like value is kept.
 */
function usernameOf(payload: JWTPayload): { username?: string } {
  for (const claim of ['preferred_username', 'upn', 'unique_name']) {
    const value = payload[claim];
    if (typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value.trim())) return { username: value.trim() };
  }
  return {};
}

/** Entra ID's signing keys (JWKS) could not be fetched; platform/outage.ts answers it with 503 and Retry-After. */
export class SigningKeysUnavailable extends Error {
  override readonly name = 'SigningKeysUnavailable';
  constructor(cause: unknown) {
    super("Entra ID's signing keys could not be fetched", { cause });
  }
}

/** A timeout, a network failure (not a jose error at all) or a key set answer that is not 200. */
function keysUnreachable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  if (!(error instanceof errors.JOSEError)) return true;
  return error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set HTTP response/.test(error.message);
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted here.`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return 'The token signature is not valid.';
  if (error instanceof errors.JOSEError) return 'The token is not valid.';
  return 'The token could not be checked.';
}
