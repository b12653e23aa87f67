import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFromMessage } from '../../src/api/case-from-message.js';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { eml, graphEnv, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/**
 * "Own mailbox" through the real API, decided by identity: the mailbox's Entra user (asked of the dev
 * tenant's Graph) against the token's oid, for v1.0 and v2.0 tokens as Entra issues them. No API secret
 * here, so no on-behalf-of check can stand in: own mailbox and DPO mailbox are the only ways in.
 */

const API_CLIENT_ID = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const METTE = '22222222-2222-4222-8222-222222222222';
// A DPO whose mail address (what Outlook names the mailbox by) is not her userPrincipalName.
const KAREN = {
  id: '44444444-4444-4444-8444-444444444444',
  displayName: 'Karen Dahl',
  givenName: 'Karen',
  surname: 'Dahl',
  mail: 'karen@itguy.dk',
  userPrincipalName: 'karen.dahl@itguy.onmicrosoft.com',
  mailboxType: 'user' as const,
};
// A DPO used only where Graph is down, so no cached answer can hide the failure.
const LARS = {
  id: '55555555-5555-4555-8555-555555555555',
  displayName: 'Lars Berg',
  mail: 'lars@itguy.dk',
  userPrincipalName: 'lars@itguy.dk',
  mailboxType: 'user' as const,
};

type Logged = Awaited<ReturnType<CaseFromMessage['log']>>;

let tenant: TestTenant;
let app: RunningApp;
const ids: Record<string, string> = {};

async function token(o: { user: string; version?: '1.0' | '2.0'; username?: string; audience?: string; issuer?: string }) {
  const response = await tenant.dev('/user-token', {
    method: 'POST',
    body: JSON.stringify({ audience: `api://${API_CLIENT_ID}`, ...o }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const lookup = (bearer: string, mailbox: string, messageId = ids[mailbox] ?? 'AAMkAGI2TG93AAA=') =>
  fetch(`${app.url}/api/cases/by-message?${new URLSearchParams({ mailbox, messageId })}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
const log = (bearer: string, mailbox: string) =>
  fetch(`${app.url}/api/cases/from-message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ mailbox, messageId: ids[mailbox] }),
  });
const setFaults = (faults: Record<string, unknown>) => tenant.dev('/faults', { method: 'PUT', body: JSON.stringify(faults) });

beforeAll(async () => {
  const seed = smallSeed();
  seed.users.push(KAREN, LARS);
  tenant = await startTestTenant({ seed, apis: [{ clientId: API_CLIENT_ID, secret: 'the-api-secret' }] });
  const deliver = async (mailbox: string, from: string, subject: string, body: string) => {
    const r = await tenant.dev(`/mailboxes/${mailbox}/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: eml({ from, to: mailbox, subject, body }),
    });
    expect(r.status).toBe(201);
    ids[mailbox] = ((await r.json()) as { id: string }).id;
  };
  const access = 'Hej\n\nJeg vil gerne have indsigt i de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen';
  await deliver('mette@itguy.dk', 'Jens Hansen <jens@example.com>', 'Indsigt', `${access}\nJens Hansen`);
  await deliver('karen@itguy.dk', 'Ole Nielsen <ole@example.com>', 'Indsigt', `${access}\nOle Nielsen`);
  await deliver('lars@itguy.dk', 'Eva Holm <eva@example.com>', 'Indsigt', `${access}\nEva Holm`);
  await deliver('support@itguy.dk', 'kunde@example.com', 'Printer', 'Printeren virker ikke.');
  await deliver('dpa@itguy.dk', 'Bo Lind <bo@example.com>', 'Indsigt', `${access}\nBo Lind`);
  const config = loadConfig({
    ...storeEnv(uniquePrefix()),
    PORT: String(await freePort()),
    ...graphEnv(tenant),
    DSAR_API_CLIENT_ID: API_CLIENT_ID,
    DSAR_DPO_USER_IDS: [METTE, KAREN.id, LARS.id].join(','),
  });
  app = await runApp(config, createLogger('silent'));
});
afterAll(async () => {
  await app?.close();
  await tenant?.close();
});

describe('own mailbox, by identity', () => {
  it("a v1.0 token (sts.windows.net issuer, upn, appid) of the mailbox's owner logs a message from it", async () => {
    const bearer = await token({ user: METTE, version: '1.0' });
    const first = await log(bearer, 'mette@itguy.dk');
    expect(first.status).toBe(201);
    const logged = (await first.json()) as Logged;
    expect(logged).toMatchObject({ created: true, case: { requester: { email: 'jens@example.com' } } });
    expect(await app.cases.get(logged.case.id)).toMatchObject({ createdBy: { kind: 'user', id: METTE } });
    // A v1.0 token may name the API by its bare client id.
    const bare = await token({ user: METTE, version: '1.0', audience: API_CLIENT_ID });
    expect(await (await lookup(bare, 'mette@itguy.dk')).json()).toMatchObject({ logged: true, case: { id: logged.case.id } });
  });

  it('a mailbox named by its mail address, not the userPrincipalName, is still its owner', async () => {
    for (const version of ['1.0', '2.0'] as const) {
      const response = await lookup(await token({ user: KAREN.id, version }), 'karen@itguy.dk');
      // The decision lets her in. Reading the message afterwards names the mailbox by that address, which
      // the dev tenant (like Graph's documented /users/{id | userPrincipalName}) does not resolve: 404.
      const { code } = (await response.json()) as { code?: string };
      expect(['mailbox_not_allowed', 'mailbox_not_found', 'mailbox_check_failed'], version).not.toContain(code);
      expect(response.status, version).not.toBe(403);
    }
    // Named by her userPrincipalName, the same decision, and the message is read.
    const byUpn = await lookup(await token({ user: KAREN.id, version: '1.0' }), KAREN.userPrincipalName, ids['karen@itguy.dk']);
    expect(byUpn.status).toBe(200);
    expect(await byUpn.json()).toMatchObject({ logged: false, reading: { requester: { email: 'ole@example.com' } } });
  });

  it("a token whose sign-in name claims someone else's mailbox is refused: only oid counts", async () => {
    for (const version of ['2.0', '1.0'] as const) {
      const forged = await token({ user: METTE, version, username: 'support@itguy.dk' });
      const response = await lookup(forged, 'support@itguy.dk');
      expect(response.status, version).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'mailbox_not_allowed' });
      expect((await log(forged, 'support@itguy.dk')).status, version).toBe(403);
    }
    // And the other way: a sign-in name that names nothing takes nothing from the owner.
    const renamed = await token({ user: METTE, username: 'mette.ravn@example.org' });
    expect((await lookup(renamed, 'mette@itguy.dk')).status).toBe(200);
  });

  it('the DPO mailbox stays open to every DPO', async () => {
    const response = await lookup(await token({ user: KAREN.id, version: '1.0' }), 'dpa@itguy.dk');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ logged: false, reading: { requester: { email: 'bo@example.com' } } });
  });

  it('an address no mailbox has is 404 mailbox_not_found, with the reason', async () => {
    const response = await lookup(await token({ user: METTE }), 'nobody@itguy.dk');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'mailbox_not_found', message: 'No mailbox in your organisation has that address.' });
  });

  it('when Graph cannot say whose the mailbox is: 503 with Retry-After, never allowed; fine again once it answers', async () => {
    const bearer = await token({ user: LARS.id, version: '1.0' });
    for (const faults of [{ rate500: 1 }, { rate503: 1, retryAfterSeconds: 0 }]) {
      expect((await setFaults({ ...faults, pathPattern: '^/users/lars' })).status).toBe(200);
      try {
        for (const response of [await lookup(bearer, 'lars@itguy.dk'), await log(bearer, 'lars@itguy.dk')]) {
          expect(response.status, JSON.stringify(faults)).toBe(503);
          expect(response.headers.get('retry-after')).toBe('30');
          expect(await response.json()).toMatchObject({ code: 'mailbox_check_failed', message: expect.stringContaining('try again') });
        }
      } finally {
        await setFaults({});
      }
    }
    expect((await app.cases.casesOf('eva@example.com')).open).toEqual([]);
    expect((await log(bearer, 'lars@itguy.dk')).status).toBe(201);
  });
});

describe('v1.0 and v2.0 tokens keep their own issuers', () => {
  it('refuses a token whose ver does not match its issuer (401), whatever else is right', async () => {
    const v2OnV1Issuer = await token({ user: METTE, issuer: `https://sts.windows.net/${tenant.tenant.tenantId}/` });
    const v1OnV2Issuer = await token({
      user: METTE,
      version: '1.0',
      issuer: `${tenant.tenant.authorityHost}/${tenant.tenant.tenantId}/v2.0`,
    });
    for (const bearer of [v2OnV1Issuer, v1OnV2Issuer]) {
      const response = await lookup(bearer, 'mette@itguy.dk');
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 'invalid_token', message: "The token's ver claim does not match its issuer." });
    }
  });

  it('refuses a v1.0 token from another tenant, for another API, without the scope or expired', async () => {
    const cases: [string, Record<string, unknown>, number][] = [
      ['other tenant issuer', { issuer: 'https://sts.windows.net/00000000-0000-4000-8000-000000000bad/' }, 401],
      ['other API', { audience: 'api://00000000-0000-0000-0000-000000000bad' }, 401],
      ['no scope', { scopes: ['User.Read'] }, 403],
      ['expired', { expiresInSeconds: -300 }, 401],
    ];
    for (const [what, extra, status] of cases) {
      const response = await tenant.dev('/user-token', {
        method: 'POST',
        body: JSON.stringify({ user: METTE, version: '1.0', audience: `api://${API_CLIENT_ID}`, ...extra }),
      });
      const bearer = ((await response.json()) as { access_token: string }).access_token;
      expect((await lookup(bearer, 'mette@itguy.dk')).status, what).toBe(status);
    }
  });
});
