import { describe, expect, it } from 'vitest';
import { COMMAND_FAMILIES, allCommands, buildProgram } from '../../src/cli/program.js';
import { freePort } from '../../src/local/azurite.js';
import { dsar } from '../helpers/cli.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** The case commands through the real executable against the test Azurite. */

const today = () => new Date().toISOString().slice(0, 10);

// Each call is a real process (about a second of CPU with tsx); running them side by side on 2 cores takes time.
describe.concurrent('dsar case commands', { timeout: 120_000 }, () => {
  it('open a case, list it, show it with its timeline', async () => {
    const env = storeEnv(uniquePrefix());
    const opened = await dsar(
      [
        'case',
        'new',
        '--requester-email',
        'anna@example.com',
        '--name',
        'Anna Hansen',
        '--rights',
        'access,sletning',
        '--channel',
        'phone',
        '--json',
      ],
      env,
    );
    expect(opened.code).toBe(0);
    const c = JSON.parse(opened.stdout);
    expect(c).toMatchObject({
      id: `DSAR-${today().slice(0, 4)}-0001`,
      status: 'received',
      channel: 'phone',
      rights: ['access', 'erasure'],
      requester: { email: 'anna@example.com', name: 'Anna Hansen' },
    });
    expect(c.createdBy).toEqual({ kind: 'cli', id: 'tester' });

    const list = await dsar(['cases', '--json'], env);
    const [summary] = JSON.parse(list.stdout);
    expect(summary).toMatchObject({
      id: c.id,
      status: 'received',
      rights: ['access', 'erasure'],
      requesterEmail: 'anna@example.com',
      receivedAt: c.receivedAt,
      due: c.deadlines.due,
      extendedDue: c.deadlines.extendedDue,
      extended: false,
      overdue: false,
      needsConfirmation: false,
    });
    expect(summary.daysLeft).toBeGreaterThanOrEqual(28);

    const text = await dsar(['cases'], env);
    expect(text.stdout).toMatch(new RegExp(`${c.id}\\s+received\\s+access,erasure\\s+anna@example.com`));

    const shown = await dsar(['case', 'show', c.id.toLowerCase()], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`${c.id} — Received`);
    expect(shown.stdout).toContain('Anna Hansen <anna@example.com>');
    expect(shown.stdout).toMatch(/Timeline\n.*tester\s+case_opened\s+Opened from phone: access, erasure/);
    expect(shown.stdout).toContain('[ ] erasure:xena');
  });

  it('work a case through its lifecycle, with refusals explained', async () => {
    const env = storeEnv(uniquePrefix());
    const { stdout } = await dsar(['case', 'new', '--requester-email', 'bo@example.com', '--rights', 'access', '--json'], env);
    const id = JSON.parse(stdout).id as string;

    const notYet = await dsar(['case', 'close', id, '--outcome', 'done'], env);
    expect(notYet).toMatchObject({ code: 1, stdout: '' });
    expect(notYet.stderr).toContain('a case cannot go from received to closed');
    expect(notYet.stderr).toContain(
      `(next: dsar case pause ${id}, dsar case start (or resume) ${id}, dsar case reject ${id}, dsar case dismiss ${id})`,
    );

    expect((await dsar(['case', 'pause', id, '--reason', 'asked for customer number'], env)).code).toBe(0);
    const resumed = await dsar(['case', 'resume', id], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Record how identity was checked: dsar case identity ${id} --method`);
    const both = await dsar(['case', 'identity', id, '--method', 'x', '--not-needed'], env);
    expect(both).toMatchObject({ code: 2, stderr: 'dsar: give either --method <text> or --not-needed\n' });
    expect((await dsar(['case', 'identity', id, '--method', 'customer number and call-back'], env)).code).toBe(0);

    const extended = await dsar(['case', 'extend', id, '--reason', 'many systems', '--json'], env);
    expect(JSON.parse(extended.stdout).extension).toMatchObject({ reason: 'many systems', by: { kind: 'cli', id: 'tester' } });
    const twice = await dsar(['case', 'extend', id, '--reason', 'again'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already extended/);

    expect((await dsar(['case', 'task', id, 'acknowledge'], env)).code).toBe(0);
    // The rest of the checklist is open and the extension was never notified: refused, saying what is missing.
    const early = await dsar(['case', 'respond', id, '--summary', 'copy sent'], env);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/cannot answer .* yet: \d+ open tasks .*; the extension was never notified to the person/);
    const forced = await dsar(['case', 'respond', id, '--summary', 'copy sent', '--override', 'partial answer agreed by phone'], env);
    expect(forced.code).toBe(0);
    const closed = await dsar(
      ['case', 'close', id, '--outcome', 'answered in time', '--override', 'remaining checks done by phone', '--json'],
      env,
    );
    expect(JSON.parse(closed.stdout)).toMatchObject({ status: 'closed', outcome: 'answered in time' });

    expect(JSON.parse((await dsar(['cases', '--json'], env)).stdout)).toEqual([]);
    expect(JSON.parse((await dsar(['cases', '--all', '--json'], env)).stdout)).toHaveLength(1);

    const timeline = JSON.parse((await dsar(['case', 'show', id, '--json'], env)).stdout).timeline.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(['case_opened', 'paused', 'resumed', 'identity_recorded', 'extended', 'task_updated', 'responded', 'closed']);
  });

  it('refuses an extension after the first deadline and a rejection on an unknown basis', async () => {
    const env = storeEnv(uniquePrefix());
    const { stdout } = await dsar(
      ['case', 'new', '--requester-email', 'old@example.com', '--rights', 'erasure', '--received', '2025-01-06T09:00+01:00', '--json'],
      env,
    );
    const id = JSON.parse(stdout).id as string;
    expect(id).toBe('DSAR-2025-0001');

    const late = await dsar(['case', 'extend', id, '--reason', 'complex'], env);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/first deadline 2025-02-06 has passed/);

    const list = JSON.parse((await dsar(['cases', '--json'], env)).stdout);
    expect(list[0]).toMatchObject({ id, overdue: true });

    const badBasis = await dsar(['case', 'reject', id, '--basis', '99', '--reason', 'x'], env);
    expect(badBasis.code).toBe(2);
    expect(badBasis.stderr).toMatch(/unknown legal basis "99"/);
    expect((await dsar(['case', 'reject', id, '--basis', 'Art. 17(3)', '--reason', 'kept under the Bookkeeping Act'], env)).code).toBe(0);
  });

  it('warn and open nothing when the person has a case open; --force opens a second one', async () => {
    const env = storeEnv(uniquePrefix());
    const first = await dsar(
      ['case', 'new', '--requester-email', 'dora@example.com', '--rights', 'access', '--received', '2026-12-02T10:00+01:00', '--json'],
      env,
    );
    const id = JSON.parse(first.stdout).id as string;

    const again = ['case', 'new', '--requester-email', 'Dora@Example.com', '--rights', 'erasure', '--channel', 'phone'];
    const refused = await dsar(again, env);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      `dsar: ${id} is open for this person (received 2. december 2026) — add this to it with \`dsar case note ${id} "..."\`, or pass --force to open a second case\n`,
    );
    // Also when she is the data subject of someone else's request.
    const forHer = await dsar(
      [
        ...again.slice(0, 3),
        'lawyer@law.example',
        ...again.slice(4),
        '--subject-email',
        'dora@example.com',
        '--authority',
        'power_of_attorney',
      ],
      env,
    );
    expect(forHer.code).toBe(1);
    expect(forHer.stderr).toContain(`${id} is open for this person`);
    expect(JSON.parse((await dsar(['cases', '--json'], env)).stdout)).toHaveLength(1);

    const forced = await dsar([...again, '--force', '--json'], env);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ requester: { email: 'dora@example.com' }, rights: ['erasure'] });
    expect(JSON.parse((await dsar(['cases', '--json'], env)).stdout)).toHaveLength(2);
  });

  it('opening twice from the same message returns the first case', async () => {
    const env = storeEnv(uniquePrefix());
    const args = ['case', 'new', '--requester-email', 'c@example.com', '--rights', 'access', '--message-id', '<m1@mail.example.com>'];
    const first = await dsar([...args, '--json'], env);
    const second = await dsar(args, env);
    expect(second.stdout).toContain(`Already opened as ${JSON.parse(first.stdout).id}`);
  });

  it('reject invalid input with exit 2 and a reason', async () => {
    const env = storeEnv(uniquePrefix());
    const cases = [
      [['case', 'new', '--requester-email', 'x@example.com', '--rights', 'flying'], /unknown right "flying"/],
      [['case', 'new', '--rights', 'access'], /e-mail address, a phone number or a postal address/],
      [['case', 'new', '--requester-email', 'x@example.com', '--rights', 'access', '--channel', 'fax'], /argument 'fax' is invalid/],
      [['case', 'new', '--requester-email', 'x@example.com', '--rights', 'access', '--subject-name', 'Emil'], /go together/],
      [['case', 'show', 'DSAR-26-1'], /is not a case id/],
    ] as const;
    for (const [args, message] of cases) {
      const result = await dsar([...args], env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const missing = await dsar(['case', 'show', 'DSAR-2026-0999'], env);
    expect(missing).toMatchObject({ code: 1, stderr: 'dsar: there is no case DSAR-2026-0999\n' });
  });

  it('say where they looked, and how to start a store, when none is running', async () => {
    const port = await freePort();
    const result = await dsar(['cases'], { DSAR_LOCAL_TABLES_PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach the case store (local Azurite at http://127.0.0.1:${port}/devstoreaccount1)`);
    expect(result.stderr).toContain('npm start');
  });

  it('stop on invalid configuration, naming the key', async () => {
    const result = await dsar(['cases'], { DSAR_RETENTION_YEARS: 'three' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DSAR_RETENTION_YEARS: must be a whole number of years');
  });
});

describe('dsar --help', () => {
  it('every top-level command is in exactly one family, and naming it loads that family (so it runs)', async () => {
    const all = (await buildProgram()).commands.map((c) => c.name());
    expect([...COMMAND_FAMILIES.flat()].sort()).toEqual([...all].sort());
    for (const names of COMMAND_FAMILIES)
      for (const name of names)
        expect((await buildProgram(['node', 'dsar', name])).commands.map((c) => c.name()).sort()).toEqual([...names].sort());
    // A typo loads everything, so commander can suggest the command meant.
    expect((await buildProgram(['node', 'dsar', 'casse'])).commands).toHaveLength(all.length);
  });

  it('every command has a description and help', async () => {
    for (const command of allCommands(await buildProgram())) {
      if (command.name() === 'help') continue;
      expect(command.description(), command.name()).not.toBe('');
      expect(command.helpInformation()).toMatch(/^Usage: /);
    }
  });

  it('prints help for a nested command and exits 0', async () => {
    const result = await dsar(['case', 'extend', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: dsar case extend [options] <id>');
    expect(result.stdout).toContain('--reason <text>');
  });
});
