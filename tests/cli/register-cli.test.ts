import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** `dsar register` through the real executable against the test Azurite: the assumptions, answered, reach `dsar letter`. */

describe('dsar register', { timeout: 300_000 }, () => {
  it('lists the assumptions, records confirm/edit/reject with the trail, refuses bad answers, and letters follow', async () => {
    const env = storeEnv(uniquePrefix());
    const before = await dsar(['register', '--json'], env);
    expect(before.code, before.stderr).toBe(0);
    const states = JSON.parse(before.stdout) as { assumption: { id: string }; latest?: unknown; answers: number }[];
    expect(states.map((s) => s.assumption.id)).toEqual(
      expect.arrayContaining(['supervisory_authority', 'purpose:marketing', 'transfer:xena']),
    );
    expect(states.every((s) => s.latest === undefined && s.answers === 0)).toBe(true);

    expect((await dsar(['register', 'confirm', 'purpose:marketing'], env)).code).toBe(0);
    const edit = await dsar(
      ['register', 'confirm', 'transfer:xena', '--value-da', 'Data behandles i Danmark.', '--value-en', 'Data is processed in Denmark.'],
      env,
    );
    expect(edit.code, edit.stderr).toBe(0);
    expect((await dsar(['register', 'reject', 'transfer:xena'], env)).code).toBe(0);

    const onlyDanish = await dsar(['register', 'confirm', 'transfer:xink', '--value-da', 'I EU.'], env);
    expect(onlyDanish.code).toBe(2);
    expect(onlyDanish.stderr).toMatch(/Danish and in English/);
    const unknown = await dsar(['register', 'confirm', 'purpose:nope'], env);
    expect(unknown.stderr).toMatch(/no assumption "purpose:nope"/);

    const listed = await dsar(['register'], env);
    expect(listed.stdout).toMatch(/purpose:marketing {2}Purpose: Marketing\n[\s\S]*?state: {8}confirmed by tester/);
    expect(listed.stdout).toMatch(/transfer:xena[\s\S]*?state: {8}rejected by tester.*\(2 answers in the trail\)/);
    expect(listed.stdout).toContain('1 of ');

    // The letter reads the same table: the confirmed marketing basis is stated, the rejected Xena transfer is not.
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
        'oplysning',
        '--json',
      ],
      env,
    );
    expect(opened.code, opened.stderr).toBe(0);
    const letter = await dsar(['letter', JSON.parse(opened.stdout).id as string], env);
    expect(letter.code, letter.stderr).toBe(0);
    expect(letter.stdout).toMatch(/- Markedsføring: .*Retsgrundlag: artikel 6, stk. 1, litra a og f\./);
    expect(letter.stdout).not.toMatch(/- Forbedring af din oplevelse.*Retsgrundlag/);
    expect(letter.stdout).not.toContain('Xena: Data');
  });
});
