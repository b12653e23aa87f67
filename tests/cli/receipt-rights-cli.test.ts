import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** `dsar case correct-receipt` and `dsar case add-rights` through the real executable against the test Azurite. */

describe('correcting the receipt and adding rights from the CLI', { timeout: 120_000 }, () => {
  it('moves the deadlines (refusing the future) and adds the rights', async () => {
    const env = storeEnv(uniquePrefix());
    const opened = await dsar(['case', 'new', '--requester-email', 'bo@example.com', '--rights', 'access', '--json'], env);
    const c = JSON.parse(opened.stdout);
    const earlier = new Date(Date.parse(c.receivedAt) - 5 * 86_400_000).toISOString();
    const corrected = await dsar(
      ['case', 'correct-receipt', c.id, '--received-at', earlier, '--reason', 'the original is 5 days older', '--json'],
      env,
    );
    expect(corrected.code, corrected.stderr).toBe(0);
    const after = JSON.parse(corrected.stdout);
    // The same instant; the stored form drops trailing zeros of the milliseconds (Temporal's toString).
    expect(Date.parse(after.receivedAt)).toBe(Date.parse(earlier));
    expect(after.receiptBasis).toEqual({ kind: 'corrected', note: 'the original is 5 days older' });
    expect(after.deadlines.due < c.deadlines.due).toBe(true);
    const future = await dsar(['case', 'correct-receipt', c.id, '--received-at', '2099-01-01T00:00:00Z', '--reason', 'x'], env);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/future/);

    const added = await dsar(['case', 'add-rights', c.id, '--rights', 'sletning'], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`${c.id} now covers access, erasure.`);
  });
});
