import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDataPath } from 'm365-dev-tenant/demo';
import { dsar } from '../helpers/cli.js';

/** The `dsar classify` contract, with the real executable: one JSON object per message, keys in a fixed order. */

const KEYS = [
  'verdict',
  'privacyRequest',
  'followUp',
  'caseRef',
  'rights',
  'requester',
  'dataSubject',
  'language',
  'confidence',
  'evidence',
];
const jens = demoDataPath('mail', 'dpa/inbox/06-slet-mine-oplysninger.eml');
const corpus = join(import.meta.dirname, '..', 'fixtures', 'classifier');
const scratch = mkdtempSync(join(tmpdir(), 'dsar-classify-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function dsarWithStdin(args: string[], input: string | Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/dsar.js', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe.concurrent('dsar classify', () => {
  it("classifies a file: one JSON object, keys in the contract's order", async () => {
    const result = await dsar(['classify', jens]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(KEYS);
    expect(Object.keys(out.requester as object)).toEqual(['email', 'name']);
    expect(out).toMatchObject({
      privacyRequest: true,
      followUp: false,
      caseRef: null,
      rights: ['erasure', 'marketing_optout'],
      requester: { email: 'jens.moeller@moeller-vvs.example.net', name: 'Jens Møller' },
      dataSubject: null,
      language: 'da',
    });
    expect(typeof out.confidence).toBe('number');
    expect((out.evidence as string[]).length).toBeGreaterThan(0);
  });

  it('reads standard input with -', async () => {
    const eml =
      'From: Tove Riis <tove.riis@example.net>\r\nTo: dpa@itguy.dk\r\nSubject: =?utf-8?Q?afmelding_=C3=A6=C3=B8=C3=A5?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nslet mig fra jeres lister tak\r\n';
    const result = await dsarWithStdin(['classify', '-'], eml);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const out = JSON.parse(result.stdout);
    expect(Object.keys(out)).toEqual(KEYS);
    expect(out).toMatchObject({
      privacyRequest: true,
      rights: ['erasure', 'marketing_optout'],
      requester: { email: 'tove.riis@example.net', name: 'Tove Riis' },
    });
  });

  it('reports a follow-up with its case number', async () => {
    const result = await dsar(['classify', join(corpus, 'fu-da-caseref-status.eml')]);
    expect(JSON.parse(result.stdout)).toMatchObject({ privacyRequest: false, followUp: true, caseRef: 'DSAR-2026-0014', rights: [] });
  });

  it('gives the verdict: request, uncertain (a person may be asking) or not_request', async () => {
    // One process for the three (the suite runs its processes side by side).
    const dir = join(scratch, 'verdicts');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(dir);
    const eml = (text: string) =>
      `From: Jamie Cole <jamie.cole@example.com>\r\nTo: dpa@itguy.dk\r\nSubject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
    writeFileSync(join(dir, 'a-request.eml'), eml('Please delete all personal data you hold about me.'));
    writeFileSync(
      join(dir, 'b-uncertain.eml'),
      eml('I read about your outage. I am worried about my personal information - was it misused?'),
    );
    copyFileSync(join(corpus, 'neg-da-faktura-leverandoer.eml'), join(dir, 'c-invoice.eml'));
    const result = await dsar(['classify', dir]);
    const [request, uncertain, invoice] = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(request).toMatchObject({ verdict: 'request', privacyRequest: true, rights: ['erasure'] });
    expect(uncertain).toMatchObject({ verdict: 'uncertain', privacyRequest: false, followUp: false });
    expect((uncertain!.evidence as string[]).some((e) => e.startsWith('uncertain:'))).toBe(true);
    expect(invoice).toMatchObject({ verdict: 'not_request', privacyRequest: false, rights: [] });
  });

  it('classifies a directory: one line per .eml file, sorted by name, with "file" added', async () => {
    const dir = join(scratch, 'inbox');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(dir);
    copyFileSync(jens, join(dir, 'b-jens.eml'));
    copyFileSync(join(corpus, 'neg-da-faktura-leverandoer.eml'), join(dir, 'a-faktura.eml'));
    writeFileSync(join(dir, 'notes.txt'), 'not mail');
    const result = await dsar(['classify', dir]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual(['a-faktura.eml', 'b-jens.eml']);
    expect(Object.keys(lines[0]!)).toEqual(['file', ...KEYS]);
    expect(lines.map((l) => l.privacyRequest)).toEqual([false, true]);
  });

  // Its speed is `npm run bench:classifier`'s to print, not a timed test's to assert.
  it('classifies the whole corpus in one process, a line per mail', async () => {
    const result = await dsar(['classify', corpus]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(90);
  }, 120_000);

  it.each([
    ['a file that does not exist', ['classify', join(scratch, 'nope.eml')], undefined, /cannot read .*nope\.eml: no such file/],
    ['empty standard input', ['classify', '-'], '', /standard input: the input is empty/],
    ['binary standard input', ['classify', '-'], Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]), /binary, not an e-mail/],
    ['text that is not mail', ['classify', '-'], 'just some words\nwithout headers\n', /not an e-mail/],
    ['no argument', ['classify'], undefined, /missing required argument/],
  ])('refuses %s with exit 2 and one line on stderr', async (_what, args, input, message) => {
    const result = input === undefined ? await dsar(args) : await dsarWithStdin(args, input);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
