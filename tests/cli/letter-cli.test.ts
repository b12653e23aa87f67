import { describe, expect, it } from 'vitest';
import { legalDate, longDate } from '../../src/domain/index.js';
import { dsar } from '../helpers/cli.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** `dsar letter` through the real executable against the test Azurite: the letter the case's state gives now. */

const today = () => legalDate(new Date().toISOString()).toString();

async function newCase(env: Record<string, string>, ...extra: string[]): Promise<string> {
  const opened = await dsar(
    ['case', 'new', '--requester-email', 'jens@example.dk', '--name', 'Jens Møller', '--channel', 'email', '--json', ...extra],
    env,
  );
  expect(opened.code, `${opened.stderr}${opened.stdout}`).toBe(0);
  return JSON.parse(opened.stdout).id as string;
}

// Each call is a real process (several seconds on a loaded 2-core machine): one at a time, with a generous timeout.
describe('dsar letter', { timeout: 300_000 }, () => {
  it("prints the erasure letter from the ticked tasks, in Danish with long dates, and follows the case's state", async () => {
    const env = storeEnv(uniquePrefix());
    const id = await newCase(env, '--rights', 'sletning');
    const first = await dsar(['letter', id], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Kære Jens Møller,');
    expect(first.stdout).toContain(`Hillerød, den ${longDate(today(), 'da')}`);
    expect(first.stdout).toContain('- Microsoft 365: under behandling');
    expect(first.stdout).toContain('Den er gennemført i 0 af 14 systemer');
    expect(first.stdout).not.toMatch(/Vi har givet (alle|besked)/);
    expect(first.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    expect((await dsar(['case', 'task', id, 'erasure:microsoft_365'], env)).code).toBe(0);
    expect((await dsar(['case', 'task', id, 'art19:microsoft_365'], env)).code).toBe(0);
    const second = await dsar(['letter', id, '--accounting', '2025-11-14'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('- Microsoft 365: slettet');
    expect(second.stdout).toContain('Vi har givet besked om ændringen til Microsoft 365.');
    expect(second.stdout).toContain('slettes den 31. december 2030');

    const english = await dsar(['letter', id, '--lang', 'en'], env);
    expect(english.stdout).toContain('Dear Jens Møller,');
    expect(english.stdout).toContain('- Microsoft 365: erased');
    expect(english.stdout).not.toContain('Danish Bookkeeping Act');
  });

  it('a kind the case does not support is refused with the reason', async () => {
    const env = storeEnv(uniquePrefix());
    const id = await newCase(env, '--rights', 'indsigt');
    const notYet = await dsar(['letter', id, '--kind', 'refusal'], env);
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).toContain(`${id} has no recorded refusal`);
    const noSearch = await dsar(['letter', id], env);
    expect(noSearch.code).toBe(1);
    expect(noSearch.stderr).toContain(`search first (dsar search ${id})`);
    const wrong = await dsar(['letter', id, '--kind', 'erasure'], env);
    expect(wrong.stderr).toContain(`${id} asks for access; the erasure letter does not fit`);
    const unknown = await dsar(['letter', id, '--kind', 'thank_you'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Allowed choices are access, information');
  });

  it('a refused case gives the refusal with its basis, reasons, Datatilsynet and the courts', async () => {
    const env = storeEnv(uniquePrefix());
    const id = await newCase(env, '--rights', 'indsigt');
    expect((await dsar(['case', 'start', id], env)).code).toBe(0);
    const rejected = await dsar(['case', 'reject', id, '--basis', '11(2)', '--reason', 'vi kan ikke finde dig i vores systemer'], env);
    expect(rejected.code, rejected.stderr).toBe(0);
    const letter = await dsar(['letter', id], env);
    expect(letter.code, letter.stderr).toBe(0);
    expect(letter.stdout).toContain('Afgørelsen har hjemmel i databeskyttelsesforordningens artikel 11, stk. 2.');
    expect(letter.stdout).toContain('Begrundelse: vi kan ikke finde dig i vores systemer');
    expect(letter.stdout).toContain('Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby');
    expect(letter.stdout).toContain('indbringe sagen for domstolene');
    const json = JSON.parse((await dsar(['letter', id, '--json'], env)).stdout);
    expect(json).toMatchObject({ template: 'refusal', lang: 'da', caseId: id });
  });

  it("a German requester gets German; a representative's letter names the data subject", async () => {
    const env = storeEnv(uniquePrefix());
    const id = await newCase(
      env,
      '--rights',
      'afmelding',
      '--language',
      'de',
      '--subject-name',
      'Karl Müller',
      '--authority',
      'power_of_attorney',
      '--authority-evidence',
      'fuldmagt dateret 1. marts',
    );
    const tooEarly = await dsar(['letter', id], env);
    expect(tooEarly.stderr).toContain('tick marketing:stop first');
    expect((await dsar(['case', 'task', id, 'marketing:stop'], env)).code).toBe(0);
    const letter = await dsar(['letter', id], env);
    expect(letter.code, letter.stderr).toBe(0);
    expect(letter.stdout).toContain('Guten Tag Jens Møller,');
    expect(letter.stdout).toContain('im Namen von Karl Müller mit einer Vollmacht');
    expect(letter.stdout).toContain(`jede Direktwerbung an Karl Müller eingestellt`);
    expect(letter.stdout).toContain('Wir nehmen die E-Mail-Adresse in unsere Sperrliste auf');
    expect(letter.stdout).not.toMatch(/über Sie/);
  });
});
