import { copyFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDataPath } from 'm365-dev-tenant/demo';
import { dsar } from '../helpers/cli.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** The real `dsar` executable given hostile names and bad option values (issue 19, item 9). */

const scratch = mkdtempSync(join(tmpdir(), 'dsar-input-'));
afterAll(() => {
  chmodSync(join(scratch, 'mail', 'locked.eml'), 0o600);
  rmSync(scratch, { recursive: true, force: true });
});
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe.concurrent('dsar with hostile input', { timeout: 120_000 }, () => {
  it('prints names and reasons with CR, LF, ANSI escapes and other controls made visible, in tables, details and messages', async () => {
    const env = storeEnv(uniquePrefix());
    const name = 'Eve\r\n\u001b[2J\u001b[31mDSAR-2026-9999 closed\u0007\u009b0m\u202e';
    const opened = await dsar(['case', 'new', '--requester-email', 'eve@example.com', '--name', name, '--rights', 'access', '--json'], env);
    expect(opened.code).toBe(0);
    const { id } = JSON.parse(opened.stdout) as { id: string };
    const outputs = [
      (await dsar(['cases'], env)).stdout,
      (await dsar(['case', 'show', id], env)).stdout,
      (await dsar(['case', 'assign', id, '--to', 'mette@itguy.dk', '--name', 'Mette\u001b[8m'], env)).stdout,
    ];
    for (const out of outputs) {
      expect(out).not.toMatch(CONTROLS);
      expect(out.split('\n').every((line) => !line.includes('\r'))).toBe(true);
    }
    expect(outputs[1]).toContain('Eve\\r\\n\\x1b[2J\\x1b[31mDSAR-2026-9999 closed\\x07\\x9b0m\\u202e');
    expect(outputs[2]).toContain('assigned to Mette\\x1b[8m');
    // JSON stays exact: JSON.stringify escapes controls itself.
    const json = JSON.parse((await dsar(['case', 'show', id, '--json'], env)).stdout) as { requester: { name: string } };
    expect(json.requester.name).toBe(name);
  });

  it.each([
    [['case', 'assign', 'DSAR-2026-0001', '--to', 'not-an-email'], /--to <who>.*not-an-email.*e-mail address .* or Entra object id/],
    [['case', 'new', '--requester-email', 'anna(at)example.com', '--rights', 'access'], /--requester-email.*Not an e-mail address/],
    [
      [
        'case',
        'new',
        '--requester-email',
        'a@example.com',
        '--subject-email',
        'bo@',
        '--subject-name',
        'Bo',
        '--authority',
        'guardian',
        '--rights',
        'access',
      ],
      /--subject-email.*Not an e-mail address/,
    ],
    [
      ['case', 'new', '--requester-email', 'a@example.com', '--rights', 'access', '--received', '2026-03-05T10:00'],
      /--received.*no UTC offset/,
    ],
    [['case', 'pause', 'DSAR-2026-0001', '--reason', 'x', '--since', '2026-02-30'], /--since.*not a valid calendar date/],
    [['case', 'resume', 'DSAR-2026-0001', '--on', 'tomorrow'], /--on.*YYYY-MM-DD/],
    [['case', 'extend', 'DSAR-2026-0001', '--reason', 'x', '--notified-at', 'yesterday'], /--notified-at.*ISO 8601/],
    [['case', 'forwarded', 'DSAR-2026-0001', '--to', 'Kunde A/S', '--at', '5/3/2026'], /--at.*ISO 8601/],
    [['case', 'correct-receipt', 'DSAR-2026-0001', '--received-at', '2026-03-05', '--reason', 'x'], /--received-at.*invalid/],
    [['case', 'letter', 'DSAR-2026-0001', '--kind', 'acknowledgement', '--sent-at', 'now'], /--sent-at.*ISO 8601/],
    [['reminders', 'run', '--now', 'x'], /--now.*ISO 8601/],
    [['report', '--now', '2026-13-40T10:00Z'], /--now.*ISO 8601/],
    [['retention', 'run', '--now', 'soon'], /--now.*ISO 8601/],
    [['case', 'show', 'DSAR-2026-00x1'], /is not a case id/],
    [['search', 'case 7'], /is not a case id/],
  ])('refuses %j with exit 2 and the reason', async (args, reason) => {
    // No store configured: a value that got past parsing would fail with exit 1 (store unreachable) instead.
    const result = await dsar(args as string[], { DSAR_TABLES_ENDPOINT: 'http://127.0.0.1:9' });
    expect(result.stderr).toMatch(reason);
    expect(result.code).toBe(2);
  });

  it('classify <directory> names every entry it could not classify (folder, binary, missing, unreadable) and exits 2', async () => {
    const dir = join(scratch, 'mail');
    mkdirSync(join(dir, 'older.eml'), { recursive: true });
    mkdirSync(join(dir, 'archive'));
    copyFileSync(demoDataPath('mail', 'dpa/inbox/06-slet-mine-oplysninger.eml'), join(dir, 'good.eml'));
    copyFileSync(demoDataPath('mail', 'dpa/inbox/06-slet-mine-oplysninger.eml'), join(dir, 'locked.eml'));
    chmodSync(join(dir, 'locked.eml'), 0o000);
    writeFileSync(join(dir, 'photo.eml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'gone.eml'));
    const result = await dsar(['classify', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/archive: a directory, not read/);
    expect(result.stderr).toMatch(/older\.eml: a directory, not read/);
    expect(result.stderr).toMatch(/photo\.eml: the input is binary/);
    expect(result.stderr).toMatch(/gone\.eml: no such file/);
    // root reads a mode-000 file; anyone else is refused and told so.
    if (process.getuid?.() !== 0) expect(result.stderr).toMatch(/locked\.eml: permission denied/);
    const classified = result.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { file: string }).file);
    expect(classified).toContain('good.eml');
    expect(result.stderr).not.toMatch(CONTROLS);
  });
});
