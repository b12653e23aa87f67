import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freshCaseTable, storeEnv, uniquePrefix } from '../helpers/store.js';

const run = promisify(execFile);
const TSX = 'node_modules/.bin/tsx';

describe('two processes opening cases at the same moment', () => {
  it('get gap-free, duplicate-free ids, and a shared message opens one case', async () => {
    const prefix = uniquePrefix();
    await freshCaseTable(prefix); // create the table first, so both workers race only on cases
    const env = { ...process.env, ...storeEnv(prefix), COUNT: '25', SHARED: '5', START_AT: String(Date.now() + 3000) };
    const outputs = await Promise.all([
      run(TSX, ['tests/helpers/open-cases-worker.ts'], { env }),
      run(TSX, ['tests/helpers/open-cases-worker.ts'], { env }),
    ]);
    const results = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as { id: string; created: boolean; message: string }[]);

    const created = results.filter((r) => r.created);
    // 2 x 20 own messages + 5 shared ones, each opened exactly once.
    expect(created).toHaveLength(45);
    expect(created.map((r) => r.id).sort()).toEqual(Array.from({ length: 45 }, (_, i) => `DSAR-2026-${String(i + 1).padStart(4, '0')}`));
    for (let i = 0; i < 5; i++) {
      const forShared = results.filter((r) => r.message === `<shared-${i}@mail.example.com>`);
      expect(forShared).toHaveLength(2);
      expect(forShared[0]!.id).toBe(forShared[1]!.id);
    }
    expect(await (await freshCaseTable(prefix)).listAll()).toHaveLength(45);
  });
});
