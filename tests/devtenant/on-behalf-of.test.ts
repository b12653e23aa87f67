import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eml, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * The on-behalf-of grant and delegated Graph tokens: an API redeems its user's token for a Graph token for
 * that user, who reads their own mailbox, and another one only with Full Access (Mail.Read.Shared).
 */

const API = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const API_SECRET = 'api-secret-for-tests';
const METTE = '22222222-2222-4222-8222-222222222222';

let t: TestTenant;
let supportMessage: string;

beforeAll(async () => {
  t = await startTestTenant({ apis: [{ clientId: API, secret: API_SECRET }] });
  const r = await t.dev('/mailboxes/support@itguy.dk/deliver', {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: eml({ from: 'kunde@example.com', to: 'support@itguy.dk', subject: 'Indsigt', body: 'Jeg vil have indsigt.' }),
  });
  supportMessage = ((await r.json()) as { id: string }).id;
});
afterAll(async () => {
  await t?.close();
});

async function userToken(audience = `api://${API}`, user = METTE): Promise<string> {
  const r = await t.dev('/user-token', { method: 'POST', body: JSON.stringify({ user, audience }) });
  return ((await r.json()) as { access_token: string }).access_token;
}

const obo = (fields: Record<string, string>) =>
  fetch(`${t.tenant.authorityHost}/${t.tenant.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: API,
      client_secret: API_SECRET,
      scope: 'https://graph.microsoft.com/.default',
      requested_token_use: 'on_behalf_of',
      ...fields,
    }),
  });

async function delegatedToken(scope = 'https://graph.microsoft.com/.default'): Promise<string> {
  const r = await obo({ assertion: await userToken(), scope });
  expect(r.status).toBe(200);
  return ((await r.json()) as { access_token: string }).access_token;
}

describe('token endpoint (on-behalf-of)', () => {
  it('redeems a user token for the API into a delegated v1 Graph token, with the documented response', async () => {
    const r = await obo({ assertion: await userToken(), scope: 'https://graph.microsoft.com/Mail.Read.Shared offline_access' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    const doc = readDoc('token-on-behalf-of.json');
    expect(Object.keys(body).sort()).toEqual(Object.keys(doc.response.body as object).sort());
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'https://graph.microsoft.com/Mail.Read.Shared' });
    expect(decodeJwt(body.access_token as string)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${t.tenant.tenantId}/`,
      appid: API,
      idtyp: 'user',
      oid: METTE,
      upn: 'mette@itguy.dk',
      scp: 'Mail.Read.Shared',
      ver: '1.0',
    });
    // No offline_access, no refresh token (as documented); .default gives what was consented.
    const plain = (await (await obo({ assertion: await userToken() })).json()) as Record<string, unknown>;
    expect(plain).not.toHaveProperty('refresh_token');
    expect(decodeJwt(plain.access_token as string).scp).toBe('Mail.Read Mail.Read.Shared User.Read');
  });

  it('refuses a token for another app, a forged or missing assertion, the wrong secret and a missing requested_token_use', async () => {
    const other = await obo({ assertion: await userToken('api://00000000-0000-0000-0000-000000000bad') });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
    const forged = await obo({ assertion: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: 'invalid_grant' });
    const secret = await obo({ assertion: await userToken(), client_secret: 'wrong' });
    expect(secret.status).toBe(401);
    expect(await secret.json()).toMatchObject({ error: 'invalid_client' });
    const use = await obo({ assertion: await userToken(), requested_token_use: '' });
    expect(use.status).toBe(400);
    expect(await use.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('Graph with a delegated token', () => {
  it("reads the user's own mailbox; another mailbox only with Full Access; never writes", async () => {
    const token = await delegatedToken();
    const own = await t.raw('/users/mette@itguy.dk/messages?$top=1&$select=id', { token });
    expect(own.status).toBe(200);

    const path = `/users/support@itguy.dk/messages/${supportMessage}?$select=id`;
    await expectGraphError(await t.raw(path, { token }), 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');

    const grant = await t.dev('/mailboxes/support@itguy.dk/permissions', {
      method: 'PUT',
      body: JSON.stringify({ user: 'mette@itguy.dk', accessRights: ['FullAccess'] }),
    });
    expect(grant.status).toBe(200);
    expect(((await (await t.raw(path, { token })).json()) as { id: string }).id).toBe(supportMessage);
    // Mail.Read alone is for the user's own mail (Mail.Read.Shared reads what others share).
    const ownOnly = await delegatedToken('https://graph.microsoft.com/Mail.Read');
    expect((await t.raw(path, { token: ownOnly })).status).toBe(403);

    const patch = await t.raw(`/users/support@itguy.dk/messages/${supportMessage}`, {
      token,
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ categories: ['x'] }),
    });
    expect(patch.status).toBe(403);
    expect((await t.raw('/users', { token })).status).toBe(403);

    await t.dev('/mailboxes/support@itguy.dk/permissions/mette@itguy.dk', { method: 'DELETE' });
    expect((await t.raw(path, { token })).status).toBe(403);
  });
});
