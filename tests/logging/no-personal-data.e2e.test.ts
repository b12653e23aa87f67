import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/azurite.js';
import { LOG_FILE_ENV } from '../../src/logging/logger.js';
import { startAppInstance, type AppInstance } from '../helpers/app-instance.js';
import { eml, graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/**
 * Every log line the product writes on its end-to-end paths, checked for the personal data it handled.
 *
 * Why a test file of its own and not a check in a globalSetup teardown over the whole run: vitest 4
 * only prints an error thrown in a globalSetup teardown ("error during close") and still exits 0, and
 * most suites log through createLogger('silent'), so a teardown check would be neither failing nor
 * complete. Here the production entry point runs in a child process with DSAR_LOG_FILE, which makes
 * every logger copy every line at debug level to that file, and the requests it is given are the ones
 * that leaked before: a real request through intake, awkward senders that fail validation (and are
 * retried), the add-in API with a token and without, and a query string carrying an address.
 */

const API_CLIENT_ID = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const METTE = '22222222-2222-4222-8222-222222222222'; // the DPO in the small seed

// The people and what they wrote; none of it may appear in a log line.
const PEOPLE = [
  { name: 'Jens Kragh Hansen', address: 'jens.kragh@example.com' },
  { name: 'Zorro Smith', address: '"zorro smith"@example.org' },
  { name: 'Kaj Lundholm', address: 'kaj.lundholm@lokalnet' },
  { name: `Ida ${'Vestergaard-'.repeat(20)}Holm`, address: 'ida.holm@example.dk' },
  { name: 'Birte Østergaard', address: 'birte.oestergaard@example.com' },
];
const SUBJECTS = ['Anmodning om indsigt efter artikel 15', 'Sletning af mine oplysninger nu'];
const PHONE = '+45 31 41 59 26';
// The product's own mailboxes may be named (which subscription, which mailbox); no one else's address.
const SYSTEM_ADDRESSES = new Set(['dpa@itguy.dk', 'support@itguy.dk']);
const ANY_ADDRESS = /(?:"[^"\n]*"|[\p{L}\p{N}._%+-]+)(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*/gu;

let t: TestTenant;
let app: AppInstance;
let dir: string;
let logFile: string;

async function waitFor(probe: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const lines = async () => (await readFile(logFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
const deliver = async (raw: string, to = 'dpa@itguy.dk') => {
  const res = await t.dev(`/mailboxes/${to}/deliver`, { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: raw });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dsar-logs-'));
  logFile = join(dir, 'app.jsonl');
  t = await startTestTenant({ apis: [{ clientId: API_CLIENT_ID, secret: 'the-api-secret' }] });
  const port = await freePort();
  app = await startAppInstance(
    {
      ...storeEnv(uniquePrefix()),
      ...graphEnv(t),
      DSAR_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DSAR_WEBHOOK_CLIENT_STATE: randomBytes(24).toString('base64url'),
      DSAR_API_CLIENT_ID: API_CLIENT_ID,
      DSAR_API_CLIENT_SECRET: 'the-api-secret',
      DSAR_DPO_USER_IDS: METTE,
      [LOG_FILE_ENV]: logFile,
    },
    port,
  );
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('log lines on the end-to-end paths', () => {
  it('name no requester, no subject, no phone number and no address but the product’s own mailboxes', async () => {
    const bodies = PEOPLE.map(
      (p, i) =>
        `Hej\n\nJeg vil gerne have indsigt i alle de personoplysninger, I har om mig (artikel 15). Ring på ${PHONE}.\n\nVenlig hilsen\n${p.name}\n${i}`,
    );
    // Intake: a request from each sender, the awkward ones included (quoted local part, no dot, long name).
    for (const [i, p] of PEOPLE.entries()) {
      await deliver(eml({ from: `${p.name} <${p.address}>`, to: 'dpa@itguy.dk', subject: SUBJECTS[i % 2]!, body: bodies[i]! }));
    }
    // The add-in API: a real token and a message in the DPO's own mailbox; then the same without a token.
    const messageId = await deliver(
      eml({ from: `${PEOPLE[4]!.name} <${PEOPLE[4]!.address}>`, to: 'mette@itguy.dk', subject: SUBJECTS[0]!, body: bodies[4]! }),
      'mette@itguy.dk',
    );
    const tokenResponse = await t.dev('/user-token', {
      method: 'POST',
      body: JSON.stringify({ user: METTE, audience: `api://${API_CLIENT_ID}` }),
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    const post = (bearer?: string) =>
      fetch(`${app.url}/api/cases/from-message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ mailbox: 'mette@itguy.dk', messageId }),
      });
    expect((await post(access_token)).status).toBeLessThan(300);
    expect((await post()).status).toBe(401);
    expect((await fetch(`${app.url}/api/cases?requester=${encodeURIComponent(PEOPLE[0]!.address)}`)).status).toBeGreaterThanOrEqual(400);

    // Every delivered mail has had its first attempt (processed, or failed and queued for a retry).
    await waitFor(async () => (await lines()).filter((l) => /intake: message (processed|failed)/.test(l)).length >= PEOPLE.length, 40_000);
    const all = await lines();
    expect(all.some((l) => l.includes('"msg":"listening"'))).toBe(true);
    expect(all.some((l) => l.includes('api: message logged as a case'))).toBe(true);

    const offending: string[] = [];
    for (const line of all) {
      const addresses = [...line.matchAll(ANY_ADDRESS)].map((m) => m[0]).filter((a) => !SYSTEM_ADDRESSES.has(a.replace('%40', '@')));
      const words = [
        ...PEOPLE.flatMap((p) => [p.address, p.address.split('@')[0]!, ...p.name.split(' ').filter((w) => w.length > 3)]),
        ...SUBJECTS,
        PHONE,
      ];
      const named = words.filter((w) => line.includes(w));
      if (addresses.length || named.length) offending.push(`${[...addresses, ...named].join(', ')} in ${line}`);
    }
    expect(offending, `${offending.length} of ${all.length} log lines carry personal data`).toEqual([]);
  }, 60_000);
});
