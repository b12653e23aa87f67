import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { ApiConfig } from '../config/config.js';

/**
 * Validates the Entra ID access tokens the Outlook add-in sends (nested app authentication): signature
 * against the tenant's published keys (JWKS, fetched and cached by jose), issuer, audience = this API,
 * lifetime, and the delegated scope or app role Cases.ReadWrite.
 */

export const API_SCOPE = 'Cases.ReadWrite';

export interface Caller {
  /** Entra object id: what DPO access is decided on. */
  oid: string;
  name?: string;
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
  // v2.0 tokens (what NAA gets when the API's manifest asks for them) and v1.0 tokens (the default).
  const issuers = [`${base}/v2.0`, `https://sts.windows.net/${api.tenantId}/`];
  const audiences = [`api://${api.clientId}`, api.clientId];

  return async function validate(authorization: string | undefined): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new TokenRejected(401, 'missing_token', 'Sign in: the request has no bearer token.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: issuers,
        audience: audiences,
        algorithms: ['RS256'],
        clockTolerance: 60,
        requiredClaims: ['exp', 'oid', 'tid'],
      }));
    } catch (error) {
      throw new TokenRejected(401, 'invalid_token', reason(error));
    }
    if (String(payload.tid).toLowerCase() !== api.tenantId)
      throw new TokenRejected(401, 'invalid_token', 'The token is from another tenant.');
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
 * The caller's sign-in name: v2.0 tokens carry preferred_username, v1.0 tokens upn (or unique_name for
 * guests and some accounts). An absent or empty claim gives no username, so it can never match a mailbox.
 */
function usernameOf(payload: JWTPayload): { username?: string } {
  for (const claim of ['preferred_username', 'upn', 'unique_name']) {
    const value = payload[claim];
    if (typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value.trim())) return { username: value.trim() };
  }
  return {};
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted here.`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return 'The token signature is not valid.';
  if (error instanceof errors.JOSEError) return 'The token is not valid.';
  return 'The token could not be checked.';
}
