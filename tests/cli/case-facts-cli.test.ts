import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** Letter facts recorded on the case through the real executable on the test Azurite: `dsar letter` reads them back. */

describe('dsar case accounting / art19-exempt', { timeout: 300_000 }, () => {
  it('records the accounting answer and an Art. 19 exemption on the case, and the letter states both', async () => {
    const env = storeEnv(uniquePrefix());
    const opened = await dsar(
      [
        'case',
        'new',
        '--requester-email',
        'jens@example.dk',
        '--name',
        'Jens Møller',
        '--channel',
        'email',
        '--rights',
        'sletning',
        '--json',
      ],
      env,
    );
    expect(opened.code, opened.stderr).toBe(0);
    const id = JSON.parse(opened.stdout).id as string;

    const future = await dsar(['case', 'accounting', id, '--latest', '2099-01-01'], env);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/after today/);

    const recorded = await dsar(['case', 'accounting', id, '--latest', '2025-11-14', '--json'], env);
    expect(recorded.code, recorded.stderr).toBe(0);
    const c = JSON.parse(recorded.stdout);
    expect(c.facts.accounting.latestRecord).toBe('2025-11-14');
    expect(c.tasks.find((t: { id: string }) => t.id === 'erasure:accounting_delete').title.da).toContain('31. december 2030');

    const exempt = await dsar(['case', 'art19-exempt', id, '--recipient', 'acronis', '--reason', 'backuppen udløber af sig selv'], env);
    expect(exempt.code, exempt.stderr).toBe(0);

    const letter = await dsar(['letter', id], env);
    expect(letter.code, letter.stderr).toBe(0);
    expect(letter.stdout).toContain('slettes den 31. december 2030');
    expect(letter.stdout).toContain('Vi giver ikke Acronis besked, fordi backuppen udløber af sig selv.');
  });
});
