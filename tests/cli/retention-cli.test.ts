import { describe, expect, it } from 'vitest';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { dsar } from '../helpers/cli.js';
import { caseService, freshCaseTable, storeEnv, uniquePrefix } from '../helpers/store.js';

// Answered and closed with the checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/** `dsar retention run` through the real executable against the test Azurite. */

/** DSAR-2022-0001 closed 2022-03-11 (delete after 2025-03-11); DSAR-2022-0002 still in progress. */
async function seed(prefix: string) {
  const table = await freshCaseTable(prefix);
  let now = '';
  const at = (moment: string) => {
    now = moment;
    return caseService(table, () => now);
  };
  const { case: c } = await at('2022-03-01T10:05:00Z').open(
    newCaseInput({ receivedAt: '2022-03-01T10:00+01:00', requester: { name: 'Anna Hansen', email: 'anna@example.com' } }),
    DPO,
  );
  await at('2022-03-02T09:00:00Z').act(c.id, { type: 'start' }, DPO);
  await at('2022-03-10T09:00:00Z').act(c.id, { type: 'respond', summary: 'copy sent to Anna', override: OVERRIDE }, DPO);
  await at('2022-03-11T09:00:00Z').act(c.id, { type: 'close', outcome: 'answered in time', override: OVERRIDE }, DPO);
  const { case: open } = await at('2022-05-01T10:05:00Z').open(
    newCaseInput({ receivedAt: '2022-05-01T10:00+02:00', requester: { email: 'bo@example.com' } }),
    DPO,
  );
  await at('2022-05-02T09:00:00Z').act(open.id, { type: 'start' }, DPO);
  return { table, closed: c.id, open: open.id };
}

describe.concurrent('dsar retention run', { timeout: 120_000 }, () => {
  it('--dry-run lists, a real run deletes and logs without personal data, a second run finds nothing', async () => {
    const prefix = uniquePrefix();
    const env = storeEnv(prefix);
    const { table, closed, open } = await seed(prefix);
    const now = ['--now', '2025-03-12T08:00+01:00'];

    const dry = await dsar(['retention', 'run', ...now, '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({
      now: '2025-03-12T07:00:00Z',
      dryRun: true,
      deleted: [{ id: closed, closedAt: '2022-03-11T09:00:00Z', deleteAfter: '2025-03-11' }],
      kept: 0,
      failed: [],
    });
    expect(await table.get(closed)).toBeDefined();

    const real = await dsar(['retention', 'run', ...now, '--json'], env);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toEqual({ ...JSON.parse(dry.stdout), dryRun: false });
    // One JSON log line per deletion on stderr: the case id and dates, nothing personal.
    const logs = real.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(logs.find((l) => l.event === 'case_deleted')).toMatchObject({
      level: 30,
      caseId: closed,
      closedAt: '2022-03-11T09:00:00Z',
      deleteAfter: '2025-03-11',
      msg: 'case deleted: retention period ended',
    });
    expect(real.stderr).not.toMatch(/Anna|anna@|copy sent|answered in time/);
    expect(await table.get(closed)).toBeUndefined();
    expect(await table.get(open)).toBeDefined();

    const again = await dsar(['retention', 'run', ...now], { ...env, LOG_LEVEL: 'silent' });
    expect(again).toEqual({
      code: 0,
      stdout: 'Retention run as of 2025-03-12T07:00:00Z: deleted 0 cases; 0 closed cases kept.\n',
      stderr: '',
    });
  });

  it('prints what it deleted for people', async () => {
    const prefix = uniquePrefix();
    const { closed } = await seed(prefix);
    const env = { ...storeEnv(prefix), LOG_LEVEL: 'silent' };
    const dry = await dsar(['retention', 'run', '--now', '2026-01-01T00:00Z', '--dry-run'], env);
    expect(dry.stdout).toBe(
      `Dry run as of 2026-01-01T00:00:00Z: would delete 1 case; nothing was deleted. 0 closed cases kept.\n  ${closed}   closed 2022-03-11  delete after 2025-03-11\n`,
    );
    const real = await dsar(['retention', 'run', '--now', '2026-01-01T00:00Z'], env);
    expect(real).toMatchObject({ code: 0, stderr: '' });
    expect(real.stdout).toContain(
      `Retention run as of 2026-01-01T00:00:00Z: deleted 1 case; 0 closed cases kept.\n  ${closed}   closed 2022-03-11  delete after 2025-03-11\n`,
    );
    expect(real.stdout).toContain('anonymous statistics are kept for `dsar report`');
  });

  it('runs as of now by default: a case closed today is kept', async () => {
    const prefix = uniquePrefix();
    const env = { ...storeEnv(prefix), LOG_LEVEL: 'silent' };
    const { stdout } = await dsar(['case', 'new', '--requester-email', 'x@example.com', '--rights', 'access', '--json'], env);
    const id = JSON.parse(stdout).id as string;
    await dsar(['case', 'dismiss', id, '--reason', 'spam'], env);
    const result = await dsar(['retention', 'run', '--json'], env);
    expect(JSON.parse(result.stdout)).toMatchObject({ deleted: [], kept: 1 });
  });

  it.each([
    [['--now', 'yesterday'], /--now <iso>' argument 'yesterday' is invalid\. It is not an ISO 8601 date-time/],
    [['--now', '2026-03-05T10:00'], /--now <iso>' argument '2026-03-05T10:00' is invalid\. It has no UTC offset/],
    [['--now'], /option '--now <iso>' argument missing/],
    [['--force'], /unknown option '--force'/],
  ])('refuses %j with exit 2 and a reason, touching nothing', async (args, message) => {
    const result = await dsar(['retention', 'run', ...args], storeEnv(uniquePrefix()));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
