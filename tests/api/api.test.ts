import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFromMessage } from '../../src/api/case-from-message.js';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { eml, graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/**
 * The add-in's API with the real validation path: tokens issued and signed by the dev tenant, checked
 * against its published JWKS; messages read through Graph; cases in Azurite.
 */

const API_CLIENT_ID = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const AUDIENCE = `api://${API_CLIENT_ID}`;
const API_SECRET = 'the-api-secret';
/** What GET /api/cases/by-message and POST /api/cases/from-message answer. */
type Lookup = Awaited<ReturnType<CaseFromMessage['lookup']>>;
type Logged = Awaited<ReturnType<CaseFromMessage['log']>>;

const METTE = '22222222-2222-4222-8222-222222222222'; // the DPO
const SUPPORT = '33333333-3333-4333-8333-333333333333'; // not a DPO

let tenant: TestTenant;
let app: RunningApp;
let requestId: string;
let otherId: string;

async function token(
  o: { user?: string; audience?: string; scopes?: string[]; expiresInSeconds?: number; issuer?: string } = {},
): Promise<string> {
  const response = await tenant.dev('/user-token', {
    method: 'POST',
    body: JSON.stringify({ user: o.user ?? METTE, audience: o.audience ?? AUDIENCE, ...o }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const call = (path: string, init: RequestInit & { bearer?: string } = {}) =>
  fetch(`${app.url}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.bearer ? { authorization: `Bearer ${init.bearer}` } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
const log = (bearer: string | undefined, body: unknown) =>
  call('/api/cases/from-message', { method: 'POST', body: JSON.stringify(body), ...(bearer ? { bearer } : {}) });

beforeAll(async () => {
  tenant = await startTestTenant({ apis: [{ clientId: API_CLIENT_ID, secret: API_SECRET }] });
  const deliver = async (mailbox: string, source: string) => {
    const r = await tenant.dev(`/mailboxes/${mailbox}/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: source,
    });
    return ((await r.json()) as { id: string }).id;
  };
  requestId = await deliver(
    'mette@itguy.dk',
    eml({
      from: 'Jens Hansen <jens@example.com>',
      to: 'mette@itguy.dk',
      subject: 'Indsigt',
      body: 'Hej Mette\n\nJeg vil gerne have indsigt i de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen\nJens Hansen',
    }),
  );
  otherId = await deliver(
    'support@itguy.dk',
    eml({ from: 'kunde@example.com', to: 'support@itguy.dk', subject: 'Printer', body: 'Printeren virker ikke.' }),
  );
  const config = loadConfig({
    ...storeEnv(uniquePrefix()),
    PORT: String(await freePort()),
    ...graphEnv(tenant),
    DSAR_API_CLIENT_ID: API_CLIENT_ID,
    DSAR_API_CLIENT_SECRET: API_SECRET,
    DSAR_DPO_USER_IDS: METTE,
  });
  app = await runApp(config, createLogger('silent'));
});
afterAll(async () => {
  await app?.close();
  await tenant?.close();
});

describe('the add-in API: who gets in', () => {
  const body = () => ({ mailbox: 'mette@itguy.dk', messageId: requestId });

  it('refuses a missing token, a bad signature, a wrong audience, a wrong issuer and an expired token with 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ oid: METTE, tid: tenant.tenant.tenantId, scp: 'Cases.ReadWrite' })
      .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
      .setIssuer(`${tenant.tenant.authorityHost}/${tenant.tenant.tenantId}/v2.0`)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    const cases: [string, string | undefined, RegExp][] = [
      ['missing', undefined, /no bearer token/],
      ['bad signature', forged, /signature is not valid/],
      ['wrong audience', await token({ audience: 'api://00000000-0000-0000-0000-000000000bad' }), /aud claim/],
      ['wrong issuer', await token({ issuer: `https://login.microsoftonline.com/${tenant.tenant.tenantId}/v2.0` }), /iss claim/],
      ['expired', await token({ expiresInSeconds: -300 }), /expired/],
    ];
    for (const [what, bearer, message] of cases) {
      const response = await log(bearer, body());
      expect(response.status, what).toBe(401);
      const json = (await response.json()) as { code: string; message: string };
      expect(json.message, what).toMatch(message);
    }
  });

  it('refuses a token without Cases.ReadWrite, and a user who is not a DPO, with 403', async () => {
    const noScope = await log(await token({ scopes: ['User.Read'] }), body());
    expect(noScope.status).toBe(403);
    expect(await noScope.json()).toMatchObject({ code: 'insufficient_scope' });
    const stranger = await log(await token({ user: SUPPORT }), { mailbox: 'support@itguy.dk', messageId: otherId });
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ code: 'not_a_dpo' });
  });

  it("refuses another person's mailbox, even to a DPO", async () => {
    const response = await log(await token(), { mailbox: 'support@itguy.dk', messageId: otherId });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'mailbox_not_allowed' });
  });

  it('lets a DPO log from any mailbox Graph says they can read (Full Access), checked as them', async () => {
    const permissions = (method: string, path = '') =>
      tenant.dev(`/mailboxes/support@itguy.dk/permissions${path}`, {
        method,
        ...(method === 'PUT' ? { body: JSON.stringify({ user: 'mette@itguy.dk', accessRights: ['FullAccess'] }) } : {}),
      });
    const bearer = await token();
    const query = `/api/cases/by-message?mailbox=support%40itguy.dk&messageId=${encodeURIComponent(otherId)}`;
    const denied = await call(query, { bearer });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({
      code: 'mailbox_not_allowed',
      message: 'You can log messages only from mailboxes you can read.',
    });

    expect((await permissions('PUT')).status).toBe(200);
    try {
      const seen = await call(query, { bearer });
      expect(seen.status).toBe(200);
      expect(await seen.json()).toMatchObject({ logged: false, reading: { subject: 'Printer' } });
      // A token for another API cannot be redeemed for Graph: no access, whatever the mailbox permissions.
      expect((await call(query, { bearer: await token({ audience: 'api://00000000-0000-0000-0000-000000000bad' }) })).status).toBe(401);
    } finally {
      await permissions('DELETE', '/mette@itguy.dk');
    }
    expect((await call(query, { bearer })).status).toBe(403);
  });
});

describe('the add-in API: logging a message', () => {
  it('explains malformed, oversized and unknown input', async () => {
    const bearer = await token();
    const malformed = await call('/api/cases/from-message', { method: 'POST', bearer, body: '{"mailbox":' });
    expect(malformed.status).toBe(400);
    const oversized = await log(bearer, {
      mailbox: 'mette@itguy.dk',
      messageId: requestId,
      overrides: { requester: { name: 'x'.repeat(70_000) } },
    });
    expect(oversized.status).toBe(413);
    const invalid = await log(bearer, { mailbox: 'mette', messageId: '', overrides: { rights: ['everything'] } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toMatch(/mailbox.*; messageId.*; overrides\.rights/);
    const missing = await log(bearer, { mailbox: 'mette@itguy.dk', messageId: 'AAMkAGI2TG93AAA=' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'message_not_found' });
  });

  it('shows the reading, logs once (a replay returns the same case), tags the message, then shows the case', async () => {
    const bearer = await token();
    const query = `/api/cases/by-message?mailbox=mette%40itguy.dk&messageId=${encodeURIComponent(requestId)}`;
    const before = (await (await call(query, { bearer })).json()) as Lookup;
    expect(before).toMatchObject({
      logged: false,
      reading: { privacyRequest: true, rights: ['access'], requester: { email: 'jens@example.com' }, language: 'da', subject: 'Indsigt' },
    });

    const first = await log(bearer, {
      mailbox: 'mette@itguy.dk',
      messageId: requestId,
      overrides: { rights: ['access', 'erasure'], requester: { name: 'Jens K. Hansen' } },
    });
    expect(first.status).toBe(201);
    const created = (await first.json()) as Logged;
    expect(created).toMatchObject({
      created: true,
      case: {
        id: expect.stringMatching(/^DSAR-\d{4}-\d{4}$/),
        rights: ['access', 'erasure'],
        requester: { name: 'Jens K. Hansen', email: 'jens@example.com' },
        status: 'received',
      },
    });
    const replay = await log(bearer, { mailbox: 'mette@itguy.dk', messageId: requestId });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as Logged).case.id).toBe(created.case.id);

    const stored = await app.cases.get(created.case.id);
    expect(stored).toMatchObject({ channel: 'outlook-addin', createdBy: { kind: 'user', id: METTE } });
    const message = (await tenant.graph.api(`/users/mette@itguy.dk/messages/${requestId}`).select('categories').get()) as {
      categories: string[];
    };
    expect(message.categories).toContain(created.case.id);
    const after = (await (await call(query, { bearer })).json()) as Lookup;
    expect(after).toMatchObject({ logged: true, case: { id: created.case.id, due: stored.deadlines.due } });
  });

  it('answers 409 when the person has a case open: add the message to it, or log it anyway with force', async () => {
    const bearer = await token();
    const deliver = async (subject: string, body: string) => {
      const source = eml({ from: 'Karen Lund <karen@example.com>', to: 'mette@itguy.dk', subject, body });
      const r = await tenant.dev('/mailboxes/mette@itguy.dk/deliver', {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822' },
        body: source,
      });
      return ((await r.json()) as { id: string }).id;
    };
    const firstId = await deliver('Indsigt', 'Hej\n\nJeg vil gerne have indsigt i mine personoplysninger, jf. artikel 15.\n\nKaren Lund');
    const secondId = await deliver('Sletning', 'Hej igen\n\nSlet også alle mine personoplysninger, jf. artikel 17.\n\nKaren Lund');
    const first = (await (await log(bearer, { mailbox: 'mette@itguy.dk', messageId: firstId })).json()) as Logged;

    const conflict = await log(bearer, { mailbox: 'mette@itguy.dk', messageId: secondId });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({
      code: 'person_has_open_case',
      caseId: first.case.id,
      openCase: { id: first.case.id, requester: { email: 'karen@example.com' } },
      retryWith: { force: true },
      message: expect.stringContaining(`${first.case.id} is open for this person`),
    });
    const stillOne = (await app.cases.casesOf('karen@example.com')).open;
    expect(stillOne.map((c) => c.id)).toEqual([first.case.id]);

    // "Add to the open case": a note on its timeline, the message tagged; no second source, no second case.
    const add = (id: string, mailbox = 'mette@itguy.dk', bearerToken = bearer) =>
      call(`/api/cases/${id}/follow-ups`, { method: 'POST', bearer: bearerToken, body: JSON.stringify({ mailbox, messageId: secondId }) });
    expect((await add(first.case.id, 'support@itguy.dk')).status).toBe(403);
    expect((await add(first.case.id, 'mette@itguy.dk', await token({ user: SUPPORT }))).status).toBe(403);
    expect((await add('DSAR-2026-9999')).status).toBe(404);
    const added = await add(first.case.id);
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ case: { id: first.case.id } });
    const timeline = await app.cases.timeline(first.case.id);
    expect(timeline.at(-1)).toMatchObject({ type: 'note_added', actor: { kind: 'user', id: METTE } });
    expect(JSON.stringify(timeline.at(-1))).toContain('Follow-up logged from Outlook (mette@itguy.dk): \\"Sletning\\"');
    expect((await app.cases.get(first.case.id)).sourceMessages).toHaveLength(1);
    const tagged = (await tenant.graph.api(`/users/mette@itguy.dk/messages/${secondId}`).select('categories').get()) as {
      categories: string[];
    };
    expect(tagged.categories).toContain(first.case.id);

    // "Log as a new case anyway".
    const forced = await log(bearer, { mailbox: 'mette@itguy.dk', messageId: secondId, force: true });
    expect(forced.status).toBe(201);
    const second = (await forced.json()) as Logged;
    expect(second.case.id).not.toBe(first.case.id);
    expect((await app.cases.casesOf('karen@example.com')).open.map((c) => c.id)).toEqual([second.case.id, first.case.id]);
  });
});

describe('the add-in API: hostile input', () => {
  const routes = () => [
    { method: 'POST', path: '/api/cases/from-message' },
    { method: 'POST', path: `/api/cases/DSAR-2026-0001/follow-ups` },
  ];

  it('refuses a body that is not JSON with 415 before the token is checked, and writes no upload file', async () => {
    const before = new Set(readdirSync(tmpdir()));
    for (const { method, path } of routes()) {
      const form = new FormData();
      form.append('file', new Blob(['x'.repeat(200 * 1024)]), 'evil.bin');
      // No token at all: still 415, decided from the header alone.
      const multipart = await fetch(`${app.url}${path}`, { method, body: form });
      expect(multipart.status, path).toBe(415);
      expect(await multipart.json()).toMatchObject({ code: 'unsupported_media_type' });
      const text = await fetch(`${app.url}${path}`, { method, headers: { 'content-type': 'text/plain' }, body: '{}' });
      expect(text.status, path).toBe(415);
    }
    const left = readdirSync(tmpdir()).filter((f) => !before.has(f) && f.startsWith('upload_'));
    expect(left).toEqual([]);
  });

  it('refuses an oversized body before the token check when it is declared, and while reading when it is chunked', async () => {
    const huge = JSON.stringify({ mailbox: 'mette@itguy.dk', messageId: requestId, pad: 'x'.repeat(100 * 1024) });
    const declared = await log(undefined, JSON.parse(huge));
    expect(declared.status).toBe(413);
    const chunked = await call('/api/cases/from-message', {
      method: 'POST',
      bearer: await token(),
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit & { bearer: string });
    expect(chunked.status).toBe(413);
  });

  it('answers null, an array or a number with 400 and a reason', async () => {
    const bearer = await token();
    for (const body of ['null', '[]', '7', '"text"']) {
      const response = await call('/api/cases/from-message', { method: 'POST', bearer, body });
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/JSON object/);
    }
  });

  it("refuses a message id with characters Graph ids never contain ('/', '+', '.', ' ') with 400 on every route", async () => {
    const bearer = await token();
    for (const messageId of ['AAMk/../x', 'AAMk+x', 'a.b', 'a b', `${requestId}/attachments`]) {
      const responses = [
        await log(bearer, { mailbox: 'mette@itguy.dk', messageId }),
        await call('/api/cases/DSAR-2026-0001/follow-ups', {
          method: 'POST',
          bearer,
          body: JSON.stringify({ mailbox: 'mette@itguy.dk', messageId }),
        }),
        await call(`/api/cases/by-message?mailbox=mette%40itguy.dk&messageId=${encodeURIComponent(messageId)}`, { bearer }),
      ];
      for (const response of responses) {
        expect(response.status, messageId).toBe(400);
        expect(((await response.json()) as { message: string }).message).toMatch(/messageId is not a message id/);
      }
    }
  });

  it("does not serve the add-in bundles' source maps (the bundles themselves, yes)", async () => {
    expect((await fetch(`${app.url}/addin/taskpane.js`)).status).toBe(200);
    for (const path of ['/addin/taskpane.js.map', '/addin/taskpane.js.m%61p', '/addin/TASKPANE.JS.MAP'])
      expect((await fetch(`${app.url}${path}`)).status, path).toBe(404);
  });
});
