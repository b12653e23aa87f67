import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';

/** The `dsar deadline` contract: one JSON object on stdout, exit 0; a one-line reason on stderr, exit 2. */

describe.concurrent('dsar deadline', () => {
  it.each([
    [
      ['--received', '2026-03-05T10:00+01:00'],
      '{"receivedDate":"2026-03-05","due":"2026-04-07","extendedDue":"2026-06-05","pausedDays":0}',
    ],
    [['--received', '2026-01-30T23:30:00Z'], '{"receivedDate":"2026-01-31","due":"2026-03-02","extendedDue":"2026-04-30","pausedDays":0}'],
    [
      ['--received', '2026-03-02T10:00+01:00', '--pause', '2026-03-03/2026-03-10'],
      '{"receivedDate":"2026-03-02","due":"2026-04-09","extendedDue":"2026-06-09","pausedDays":7}',
    ],
    [
      ['--received', '2026-03-02T10:00+01:00', '--pause', '2026-03-03/2026-03-05', '--pause', '2026-03-20/2026-03-25'],
      '{"receivedDate":"2026-03-02","due":"2026-04-09","extendedDue":"2026-06-09","pausedDays":7}',
    ],
  ])('%j prints %s', async (args, expected) => {
    const result = await dsar(['deadline', ...args]);
    expect(result).toEqual({ code: 0, stdout: `${expected}\n`, stderr: '' });
  });

  it.each([
    ['an unparseable date', ['--received', 'yesterday'], /received "yesterday" is not an ISO 8601 date-time/],
    ['a date without offset', ['--received', '2026-03-05T10:00'], /has no UTC offset/],
    ['a date without time', ['--received', '2026-03-05'], /has no UTC offset/],
    [
      'a pause that ends before it starts',
      ['--received', '2026-03-02T10:00Z', '--pause', '2026-03-10/2026-03-03'],
      /pause 2026-03-10\/2026-03-03 ends before it starts/,
    ],
    [
      'a pause that starts after the deadline it would move',
      ['--received', '2026-01-15T10:00+01:00', '--pause', '2026-03-01/2026-03-10'],
      /pause 2026-03-01\/2026-03-10 starts after the deadline 2026-02-16/,
    ],
    [
      'a pause that starts after the deadline as the earlier pause moved it',
      ['--received', '2026-03-02T10:00+01:00', '--pause', '2026-03-03/2026-03-10', '--pause', '2026-04-10/2026-04-12'],
      /pause 2026-04-10\/2026-04-12 starts after the deadline 2026-04-09/,
    ],
    ['a malformed pause', ['--received', '2026-03-02T10:00Z', '--pause', '2026-03-03'], /must be written <YYYY-MM-DD>\/<YYYY-MM-DD>/],
    ['no --received', [], /required option '--received <iso>' not specified/],
    ['an unknown option', ['--received', '2026-03-02T10:00Z', '--json'], /unknown option '--json'/],
  ])('refuses %s with exit 2 and one line on stderr', async (_what, args, message) => {
    const result = await dsar(['deadline', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('has --help', async () => {
    const result = await dsar(['deadline', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: dsar deadline');
  });

  it('runs as `npx dsar` in the project right after npm install (its prepare script compiles), with no build step by hand', async () => {
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'dsar', 'deadline', '--received', '2026-03-05T10:00+01:00'], {
      env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'error' },
    });
    expect(JSON.parse(stdout)).toEqual({ receivedDate: '2026-03-05', due: '2026-04-07', extendedDue: '2026-06-05', pausedDays: 0 });
  });
});
