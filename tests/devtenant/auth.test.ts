import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenIssuer } from 'm365-dev-tenant/testing';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { readDoc } from './graph-docs.js';

/** The dev tenant's identity platform: discovery, JWKS, the client-credentials grant, and Graph's 401/403. */

let t: TestTenant;
let limited: TestTenant;
beforeAll(async () => {
  [t, limited] = await Promise.all([startTestTenant(), startTestTenant({ app: { roles: ['User.Read.All'] } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), limited?.close()]);
});

const tokenRequest = (fields: Record<string, string>) =>
  fetch(`${t.tenant.authorityHost}/${t.tenant.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

describe('token endpoint (client credentials)', () => {
  it('issues a v1 app-only Graph token with the documented response and claims', async () => {
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: t.tenant.clientId,
      client_secret: t.tenant.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    const doc = readDoc('token-client-credentials.json');
    expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(Object.keys(doc.response.body as object).sort()));
    expect(body.token_type).toBe('Bearer');
    const claims = decodeJwt(body.access_token as string);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${t.tenant.tenantId}/`,
      appid: t.tenant.clientId,
      idtyp: 'app',
      tid: t.tenant.tenantId,
      ver: '1.0',
    });
    expect(claims.roles).toEqual(expect.arrayContaining(['Mail.ReadWrite', 'Files.Read.All', 'User.Read.All']));
    expect(claims).not.toHaveProperty('scp');
  });

  it('publishes discovery and JWKS that verify its tokens', async () => {
    const config = (await (
      await fetch(`${t.tenant.authorityHost}/${t.tenant.tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(config.token_endpoint).toBe(`${t.tenant.authorityHost}/${t.tenant.tenantId}/oauth2/v2.0/token`);
    const jwks = createRemoteJWKSet(new URL(config.jwks_uri!));
    const { payload } = await jwtVerify(await t.token(), jwks, {
      audience: 'https://graph.microsoft.com',
      issuer: `https://sts.windows.net/${t.tenant.tenantId}/`,
    });
    expect(payload.appid).toBe(t.tenant.clientId);
  });

  it('refuses a wrong secret (401 invalid_client, AADSTS7000215), an unknown app and a scope without /.default', async () => {
    const wrong = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: t.tenant.clientId,
      client_secret: 'nope',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const unknown = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: crypto.randomUUID(),
      client_secret: 'x',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    const scope = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: t.tenant.clientId,
      client_secret: t.tenant.clientSecret,
      scope: 'Mail.Read',
    });
    expect(scope.status).toBe(400);
    expect(await scope.json()).toMatchObject({ error: 'invalid_scope' });
    const grant = await tokenRequest({ grant_type: 'password', client_id: t.tenant.clientId });
    expect((await grant.json()) as { error: string }).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('Graph authentication and authorisation', () => {
  it('answers a call without a token with 401 InvalidAuthenticationToken and the Graph error shape', async () => {
    const res = await t.raw('/users', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('InvalidAuthenticationToken');
    expect(body.error.message).toBe('Access token is empty.');
    expect(Object.keys(body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
    expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  });

  it('refuses a token signed by someone else, and a token for another audience', async () => {
    const forged = (await t.token()).replace(/\.[^.]+$/, '.AAAA');
    expect((await t.raw('/users', { token: forged })).status).toBe(401);
    const other = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: t.tenant.clientId,
      client_secret: t.tenant.clientSecret,
      scope: 'api://itguy-dsar/.default',
    });
    const { access_token } = (await other.json()) as { access_token: string };
    const res = await t.raw('/users', { token: access_token });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Invalid audience/);
  });

  it('gives 403 when the app lacks the permission: ErrorAccessDenied for mail, Authorization_RequestDenied would be directory', async () => {
    const mail = await limited.raw('/users/dpa@itguy.dk/messages');
    expect(mail.status).toBe(403);
    expect(((await mail.json()) as { error: { code: string } }).error.code).toBe('ErrorAccessDenied');
    const drive = await limited.raw('/users/dpa@itguy.dk/drive');
    expect(drive.status).toBe(403);
    expect((await limited.raw('/users')).status).toBe(200);
  });

  it('echoes client-request-id and sends request-id, OData-Version and the OData JSON content type', async () => {
    const res = await t.raw('/users', { headers: { 'client-request-id': 'abc-123' } });
    expect(res.headers.get('client-request-id')).toBe('abc-123');
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('odata-version')).toBe('4.0');
    expect(res.headers.get('content-type')).toBe(
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
  });

  it('the product client signs in through @azure/identity and reads the directory', async () => {
    const users = (await t.graph.api('/users').get()) as { value: { userPrincipalName: string }[] };
    expect(users.value.map((u) => u.userPrincipalName)).toContain('dpa@itguy.dk');
  });
});

describe('token verification (the dev tenant checks each signature once)', () => {
  const app = {
    clientId: 'c0ffee00-0000-4000-8000-000000000001',
    displayName: 'test',
    objectId: 'c0ffee00-0000-4000-8000-000000000002',
    secret: 's',
    roles: ['Mail.Read'],
  };
  afterEach(() => vi.useRealTimers());

  it('still refuses a token it accepted before, once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T08:00:00Z') });
    const issuer = await TokenIssuer.create(() => '7d1b4c3e-2f7a-4b8e-9c61-0a5e3d2f1b90');
    const { token } = await issuer.issue(app, 'https://graph.microsoft.com/.default');
    expect(await issuer.verifyGraphToken(token)).toMatchObject({ ok: true, claims: { appid: app.clientId, roles: ['Mail.Read'] } });
    vi.setSystemTime(new Date('2026-12-01T08:59:00Z'));
    expect((await issuer.verifyGraphToken(token)).ok).toBe(true);
    vi.setSystemTime(new Date('2026-12-01T09:00:00Z'));
    expect(await issuer.verifyGraphToken(token)).toEqual({ ok: false, reason: 'Lifetime validation failed, the token is expired.' });
  });

  it('refuses a token whose signature was altered after the genuine one was accepted', async () => {
    const issuer = await TokenIssuer.create(() => '7d1b4c3e-2f7a-4b8e-9c61-0a5e3d2f1b90');
    const { token } = await issuer.issue(app, 'https://graph.microsoft.com/.default');
    expect((await issuer.verifyGraphToken(token)).ok).toBe(true);
    const [header, payload] = token.split('.');
    const widened = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(token), roles: ['Mail.ReadWrite'] })).toString('base64url')}.${token.split('.')[2]}`;
    expect(payload).not.toBe(widened.split('.')[1]);
    expect((await issuer.verifyGraphToken(widened)).ok).toBe(false);
  });

  it('refuses a token of the tenant it was issued for once the tenant is another (a reload)', async () => {
    let tenantId = '7d1b4c3e-2f7a-4b8e-9c61-0a5e3d2f1b90';
    const issuer = await TokenIssuer.create(() => tenantId);
    const { token } = await issuer.issue(app, 'https://graph.microsoft.com/.default');
    expect((await issuer.verifyGraphToken(token)).ok).toBe(true);
    tenantId = '0a0a0a0a-2f7a-4b8e-9c61-0a5e3d2f1b90';
    expect((await issuer.verifyGraphToken(token)).ok).toBe(false);
  });
});
