import { describe, expect, it } from 'vitest';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { dsar } from '../helpers/cli.js';
import { caseService, freshCaseTable, storeEnv, uniquePrefix } from '../helpers/store.js';

/** `dsar reminders run` through the real executable, against the test Azurite (Azure mode, no bot registration). */

describe('dsar reminders run', () => {
  it('without a bot shows what it would send, sends and records nothing', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    await caseService(table, () => '2026-03-05T10:05:00Z').open(newCaseInput({ receivedAt: '2026-03-05T10:00+01:00' }), DPO);
    const args = ['reminders', 'run', '--now', '2026-04-08T09:00+02:00', '--json'];
    const first = await dsar(args, storeEnv(prefix));
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/no Teams bot configured/);
    expect(JSON.parse(first.stdout)).toEqual([
      expect.objectContaining({
        caseId: 'DSAR-2026-0001',
        kind: 'overdue',
        due: '2026-04-07',
        status: 'would_send',
        delivered: 0,
        covered: expect.arrayContaining(['due-0:2026-04-07']),
      }),
    ]);
    // Nothing was recorded: the same pass still has it to send.
    expect(JSON.parse((await dsar(args, storeEnv(prefix))).stdout)).toHaveLength(1);
    const text = await dsar(['reminders', 'run', '--now', '2026-04-08T09:00+02:00', '--dry-run'], storeEnv(prefix));
    expect(text.stdout).toMatch(
      /Dry run as of 2026-04-08T07:00:00Z: would send 1 reminder; nothing was sent\.\n {2}DSAR-2026-0001 +overdue +due 2026-04-07 {2}would send {2}\(stands for \d+ missed\)/,
    );
  });

  it('refuses a moment without an offset', async () => {
    const result = await dsar(['reminders', 'run', '--now', '2026-04-08T09:00'], storeEnv(uniquePrefix()));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--now <iso>' argument '2026-04-08T09:00' is invalid\. It has no UTC offset/);
  });
});
