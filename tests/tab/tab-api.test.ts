import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/**
 * The tab's API against the running app: cases in Azurite, tokens signed by the dev tenant and checked
 * through its JWKS exactly like the add-in API's, DPO only.
 */

const API_CLIENT_ID = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const METTE = '22222222-2222-4222-8222-222222222222';
const SUPPORT = '33333333-3333-4333-8333-333333333333';
const MAY = '2026-05-20T10:00:00+02:00';
/** pdf.js reads the PDF's built-in Helvetica from its own font data. */
const STANDARD_FONTS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

let tenant: TestTenant;
let app: RunningApp;
let mette: string;
const opened: string[] = [];

async function userToken(user: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await tenant.dev('/user-token', {
    method: 'POST',
    body: JSON.stringify({ user, audience: `api://${API_CLIENT_ID}`, ...extra }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** `null`: no token at all. */
const call = (path: string, token: string | null = mette, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
const json = async <T = Record<string, unknown>>(path: string) => {
  const response = await call(path);
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
};
const actor = { kind: 'user' as const, id: METTE, name: 'Mette Ravn' };

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await runApp(
    loadConfig({
      ...storeEnv(uniquePrefix()),
      PORT: String(await freePort()),
      ...graphEnv(tenant),
      DSAR_API_CLIENT_ID: API_CLIENT_ID,
      DSAR_DPO_USER_IDS: METTE,
    }),
    createLogger('silent'),
  );
  mette = await userToken(METTE);
  const open = async (name: string, email: string, receivedAt: string, rights: ('access' | 'erasure' | 'objection')[]) => {
    const { case: c } = await app.cases.open({ receivedAt, channel: 'email', requester: { name, email }, rights, language: 'da' }, actor);
    opened.push(c.id);
    return c;
  };
  const jens = await open('Jens Møller', 'jens@example.com', new Date(Date.now() - 40 * 86400_000).toISOString(), ['access']);
  await open('Freja Lindholm', 'freja@example.dk', new Date(Date.now() - 3 * 86400_000).toISOString(), ['erasure', 'access']);
  const ole = await open('Ole Kjærgaard', 'ole@kjaergaard.dk', new Date(Date.now() - 10 * 86400_000).toISOString(), ['objection']);
  await app.cases.act(jens.id, { type: 'start' }, actor);
  await app.cases.act(ole.id, { type: 'pause', kind: 'identity', reason: 'ID' }, actor);
  // A case answered in May, for the year report.
  const old = await open('Anna Hansen', 'anna@example.com', MAY, ['access']);
  await app.cases.act(old.id, { type: 'start' }, actor);
  await app.cases.act(old.id, { type: 'respond', override: 'test' }, actor);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await tenant?.close();
});

describe('the tab API: who gets in', () => {
  it('401 without a token or with a bad one, 403 without the scope or for someone not a DPO, each with its reason', async () => {
    const none = await call('/api/tab/cases', null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'missing_token' });
    const expired = await call('/api/tab/cases', await userToken(METTE, { expiresInSeconds: -3600 }));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'invalid_token', message: 'The token has expired.' });
    const noScope = await call('/api/tab/cases', await userToken(METTE, { scopes: ['User.Read'] }));
    expect(noScope.status).toBe(403);
    expect(await noScope.json()).toMatchObject({ code: 'insufficient_scope' });
    for (const path of ['/api/tab/cases', `/api/tab/cases/${opened[0]}`, '/api/tab/calendar', '/api/tab/report', '/api/tab/report.csv']) {
      const stranger = await call(path, await userToken(SUPPORT));
      expect(stranger.status, path).toBe(403);
      // Not even whether cases exist.
      expect(await stranger.json()).toEqual({ code: 'not_a_dpo', message: 'Only the data protection staff can see GDPR requests.' });
    }
    const page = await call('/tab/config.json', null);
    expect(await page.json()).toMatchObject({
      apiClientId: API_CLIENT_ID,
      scope: `api://${API_CLIENT_ID}/Cases.ReadWrite`,
      devSignIn: false,
    });
    expect((await call('/tab/dev-token', null, { method: 'POST' })).status).toBe(404);
  });

  it('400 for bad parameters, naming them', async () => {
    for (const [path, says] of [
      ['/api/tab/cases?sort=size', 'sort must be one of'],
      ['/api/tab/cases?limit=5000', 'limit'],
      ['/api/tab/cases?q=a&q=b', 'q'],
      ['/api/tab/cases?nonsense=1', 'nonsense'],
      ['/api/tab/calendar?month=2026-13', 'month must be YYYY-MM'],
      ['/api/tab/report?year=26', 'year must be YYYY'],
      ['/api/tab/report.csv?lang=de', 'lang must be da or en'],
      ['/api/tab/cases/DSAR-26', 'not a case number'],
    ] as const) {
      const response = await call(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { message: string }).message, path).toContain(says);
    }
    expect((await call('/api/tab/cases/DSAR-2026-9999')).status).toBe(404);
  });
});

describe('the tab API: what a DPO sees and does', () => {
  it('lists the open cases, most urgent first; searches by name, e-mail and number; filters', async () => {
    type Rows = { rows: { id: string; paused: boolean; overdue: boolean; requester: { name: string } }[]; total: number; open: number };
    const all = await json<Rows>('/api/tab/cases');
    // Anna's case is answered, waiting to be closed: open, but after every case whose deadline binds.
    expect(all.open).toBe(4);
    expect(all.rows.map((r) => r.requester.name)).toEqual(['Jens Møller', 'Ole Kjærgaard', 'Freja Lindholm', 'Anna Hansen']);
    expect(all.rows[0]!.overdue).toBe(true);
    expect((await json<Rows>('/api/tab/cases?q=kj%C3%A6rgaard')).rows.map((r) => r.requester.name)).toEqual(['Ole Kjærgaard']);
    expect((await json<Rows>('/api/tab/cases?q=example.dk')).rows.map((r) => r.requester.name)).toEqual(['Freja Lindholm']);
    expect((await json<Rows>(`/api/tab/cases?q=${opened[0]}`)).rows.map((r) => r.id)).toEqual([opened[0]]);
    expect((await json<Rows>('/api/tab/cases?paused=true')).rows.map((r) => r.requester.name)).toEqual(['Ole Kjærgaard']);
    expect((await json<Rows>('/api/tab/cases?right=erasure')).total).toBe(1);
    expect(
      (await json<Rows>('/api/tab/cases?sort=name&dir=desc&status=received,awaiting_identity,in_progress')).rows.map(
        (r) => r.requester.name,
      ),
    ).toEqual(['Ole Kjærgaard', 'Jens Møller', 'Freja Lindholm']);
  });

  it("opens a case with the bot's commands; acts on it as the DPO who saw it, refusing a stale view or a command not offered", async () => {
    const freja = opened[1]!;
    type Detail = { case: { version: number; status: string; owner?: { id: string } }; next: string[]; timeline: { type: string }[] };
    const detail = await json<Detail>(`/api/tab/cases/${freja}`);
    expect(detail.case.status).toBe('received');
    expect(detail.next).toEqual(expect.arrayContaining(['start', 'assign', 'dismiss']));
    const post = (body: unknown) =>
      call(`/api/tab/cases/${freja}/actions`, mette, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const started = await post({ type: 'start', version: detail.case.version });
    expect(started.status).toBe(200);
    const after = (await started.json()) as Detail;
    expect(after.case.status).toBe('in_progress');
    expect(after.timeline.at(-1)?.type).toBeDefined();
    expect((await app.cases.get(freja as never)).status).toBe('in_progress');

    const stale = await post({ type: 'assign', to: 'me', version: detail.case.version });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'case_changed' });
    const notOffered = await post({ type: 'resume', version: after.case.version });
    expect(notOffered.status).toBe(409);
    expect(await notOffered.json()).toMatchObject({ code: 'not_offered' });
    const noReason = await post({ type: 'extend', reason: ' ', version: after.case.version });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { message: string }).message).toContain('reason is required');

    const assigned = await post({ type: 'assign', to: 'me', version: after.case.version });
    expect(assigned.status).toBe(200);
    expect((await app.cases.get(freja as never)).assignee).toMatchObject({ id: METTE, name: 'Mette Ravn' });
    expect((await json<{ rows: { id: string }[] }>('/api/tab/cases?owner=me')).rows.map((r) => r.id)).toEqual([freja]);
  });

  it('the calendar has this month and the next, cases on their binding deadline, the overdue ones listed', async () => {
    type Calendar = {
      from: string;
      to: string;
      months: { days: { date: string; entries: { id: string; paused: boolean }[] }[] }[];
      overdueBefore: { id: string }[];
    };
    const calendar = await json<Calendar>('/api/tab/calendar');
    expect(calendar.months).toHaveLength(2);
    const entries = calendar.months.flatMap((m) => m.days.flatMap((d) => d.entries.map((e) => ({ ...e, date: d.date }))));
    const ole = entries.find((e) => e.id === opened[2]);
    expect(ole).toMatchObject({ paused: true });
    const jens = (await app.cases.get(opened[0] as never)).deadlines.due;
    // Jens is 40 days in: overdue, and on the calendar only if his deadline fell in this month.
    expect(entries.some((e) => e.id === opened[0]) || calendar.overdueBefore.some((o) => o.id === opened[0])).toBe(true);
    expect(jens < new Date().toISOString().slice(0, 10)).toBe(true);
    const may = await json<Calendar>('/api/tab/calendar?month=2026-05');
    expect(may).toMatchObject({ from: '2026-05-01', to: '2026-06-30' });
  });

  it('the year report, and the same as CSV and as a PDF whose text says it', async () => {
    type Year = { report: { year: number; total: number; answered: number }; months: { month: string; total: number }[] };
    const year = await json<Year>('/api/tab/report?year=2026');
    expect(year.report).toMatchObject({ year: 2026, answered: 1 });
    expect(year.months.find((m) => m.month === '2026-05')!.total).toBeGreaterThanOrEqual(1);

    const csv = await call('/api/tab/report.csv?year=2026&lang=da');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="dsar-rapport-2026.csv"');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Nøgletal;Antal;Andel');
    expect(lines).toContain(`Anmodninger;${year.report.total};`);
    expect(lines).toContain('Besvaret (inkl. afslag);1;');

    const pdf = await call('/api/tab/report.pdf?year=2026&lang=en');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const document = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), standardFontDataUrl: STANDARD_FONTS }).promise;
    let text = '';
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      text += `${content.items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
    }
    expect(text).toContain('DSAR report 2026');
    expect(text).toContain('Answered (incl. refusals)');
    expect(text).toContain('Requests per month');
    expect(text).toMatch(new RegExp(`Requests\\s+${year.report.total}\\b`));
  });
});
