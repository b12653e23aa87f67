import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { readDoc } from './graph-docs.js';

/**
 * The dev tenant's user tokens for an API (/_dev/user-token) against Microsoft's documented v1.0 and v2.0
 * example tokens (graph-docs/user-access-token-claims.json): the same claims, of the same types, the
 * version-only claims only in their version, the documented issuer and audience forms.
 */

interface TokenExample {
  jwt_header: Record<string, unknown>;
  jwt_payload: Record<string, unknown>;
  not_in_member_tokens?: string[];
  member_only?: string[];
}
const doc = readDoc('user-access-token-claims.json') as ReturnType<typeof readDoc> & {
  v1: TokenExample;
  v2: TokenExample;
  only_v1: string[];
  only_v2: string[];
};
const payloadOnly = (claims: string[]) => claims.filter((c) => !c.includes('(header)'));

const API = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const METTE = { id: '22222222-2222-4222-8222-222222222222', upn: 'mette@itguy.dk' };

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ apis: [{ clientId: API, secret: 'the-api-secret' }] });
});
afterAll(async () => {
  await t?.close();
});

async function mint(body: Record<string, unknown>): Promise<Response> {
  return t.dev('/user-token', { method: 'POST', body: JSON.stringify({ user: METTE.upn, audience: `api://${API}`, ...body }) });
}
async function token(body: Record<string, unknown> = {}): Promise<string> {
  const response = await mint(body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The type of each claim as JSON has it (an array is not an object here). */
const shape = (claims: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? 'array' : typeof v]));

function expectDocumentedShape(header: Record<string, unknown>, payload: JWTPayload, example: TokenExample): void {
  expect(shape(header)).toEqual(shape(example.jwt_header));
  const expected = { ...example.jwt_payload };
  for (const claim of example.not_in_member_tokens ?? []) delete expected[claim];
  const documented = shape(expected);
  for (const claim of example.member_only ?? []) documented[claim] = 'string';
  expect(shape(payload as Record<string, unknown>)).toEqual(documented);
}

describe('user tokens for an API, as Microsoft documents them', () => {
  it('v1.0: the claims of the documented example (for a member: upn, no guest-only idp or email), issuer sts.windows.net', async () => {
    const jwt = await token({ version: '1.0' });
    const header = decodeProtectedHeader(jwt);
    const payload = decodeJwt(jwt);
    expectDocumentedShape(header, payload, doc.v1);
    expect(header.x5t).toBe(header.kid);
    expect(payload).toMatchObject({
      iss: `https://sts.windows.net/${t.tenant.tenantId}/`,
      ver: '1.0',
      aud: `api://${API}`,
      tid: t.tenant.tenantId,
      oid: METTE.id,
      upn: METTE.upn,
      unique_name: METTE.upn,
      scp: 'Cases.ReadWrite',
      acr: '1',
      appidacr: '0',
      given_name: 'Mette',
      family_name: 'Ravn',
    });
    for (const claim of payloadOnly(doc.only_v2)) expect(payload, claim).not.toHaveProperty(claim);
    // The documented example's issuer has the same form: the tenant id between sts.windows.net/ and a trailing slash.
    expect(String(doc.v1.jwt_payload.iss)).toMatch(/^https:\/\/sts\.windows\.net\/[0-9a-f-]+\/$/);
  });

  it('v2.0 (the default here): the claims of the documented example, issuer ending in /v2.0', async () => {
    const jwt = await token();
    const header = decodeProtectedHeader(jwt);
    const payload = decodeJwt(jwt);
    expectDocumentedShape(header, payload, doc.v2);
    expect(payload).toMatchObject({
      iss: `${t.tenant.authorityHost}/${t.tenant.tenantId}/v2.0`,
      ver: '2.0',
      oid: METTE.id,
      preferred_username: METTE.upn,
      azpacr: '0',
    });
    for (const claim of payloadOnly(doc.only_v1)) expect(payload, claim).not.toHaveProperty(claim);
    expect(header).not.toHaveProperty('x5t');
  });

  it('both verify against the published JWKS; a v1.0 token may name the API by its bare client id', async () => {
    const jwks = createRemoteJWKSet(new URL(`${t.tenant.authorityHost}/${t.tenant.tenantId}/discovery/v2.0/keys`));
    const bare = await token({ version: '1.0', audience: API });
    const { payload } = await jwtVerify(bare, jwks, { issuer: `https://sts.windows.net/${t.tenant.tenantId}/`, audience: API });
    expect(payload.ver).toBe('1.0');
    const v2 = await token();
    await expect(
      jwtVerify(v2, jwks, { issuer: `${t.tenant.authorityHost}/${t.tenant.tenantId}/v2.0`, audience: `api://${API}` }),
    ).resolves.toBeDefined();
  });

  it('a renamed sign-in name changes only the mutable claims, never oid', async () => {
    const v2 = decodeJwt(await token({ username: 'support@itguy.dk' }));
    expect(v2).toMatchObject({ preferred_username: 'support@itguy.dk', oid: METTE.id });
    const v1 = decodeJwt(await token({ version: '1.0', username: 'support@itguy.dk' }));
    expect(v1).toMatchObject({ upn: 'support@itguy.dk', unique_name: 'support@itguy.dk', oid: METTE.id });
  });

  it('refuses an unknown version or an empty username with 400 and the reason', async () => {
    const version = await mint({ version: '3.0' });
    expect(version.status).toBe(400);
    expect(JSON.stringify(await version.json())).toContain("version must be '1.0' or '2.0'");
    const username = await mint({ username: ' ' });
    expect(username.status).toBe(400);
    expect(JSON.stringify(await username.json())).toContain('username must be a non-empty string');
  });
});
