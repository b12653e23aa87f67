import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../helpers/browser.js';
import { dsar } from '../helpers/cli.js';
import { usePlayground } from '../helpers/playground.js';

/**
 * The `register` card in a real Teams client (`npm start`, Agents Playground, headless Chromium): the DPO
 * sees the register's assumptions, confirms one and edits another, and the card shows them as such; the
 * answers are in the register's table, where `dsar register` (and every letter) reads them (issue 15 item 5).
 */

const TITLE = 'Fortegnelsen: det produktet har antaget';

describe('the register card in the Agents Playground', () => {
  const pg = usePlayground('register', { viewportHeight: 2400 });
  const shots = screenshotDir('bot', 'register');
  const latestCard = () => pg.page.locator('.ac-adaptiveCard', { hasText: TITLE }).last();
  const item = (topic: string) => latestCard().locator('.ac-container', { hasText: topic }).last();

  it('lists each assumption with what the policy says, what was assumed and what to confirm', async () => {
    await pg.say('fortegnelse');
    await latestCard().waitFor({ timeout: 90_000 });
    const authority = item('Datatilsynets adresse');
    expect(await authority.getByText('Borgergade 28, 5., 1300 København K.').count()).toBe(1);
    expect(await authority.getByText(/Carl Jacobsens Vej 35, 2500 Valby/).count()).toBe(1);
    expect(await authority.getByText('Ikke bekræftet: nævnes ikke i breve').count()).toBe(1);
    // The address can only be confirmed; a purpose can also be edited or rejected.
    expect(await authority.getByRole('button', { name: 'Afvis' }).count()).toBe(0);
    expect(await item('Formål: Markedsføring').getByRole('button', { name: 'Afvis' }).count()).toBe(1);
    await pg.page.screenshot({ path: join(shots, '0-register.png'), fullPage: true });
  }, 240_000);

  it('confirms one: the card shows it as confirmed, by whom and when', async () => {
    await item('Datatilsynets adresse').getByRole('button', { name: 'Bekræft' }).click();
    const after = pg.page.locator('.ac-adaptiveCard', { hasText: 'Datatilsynets adresse: bekræftet af' }).last();
    await after.waitFor({ timeout: 30_000 });
    expect(
      await after
        .locator('.ac-container', { hasText: 'Datatilsynets adresse' })
        .last()
        .getByText(/^Bekræftet af .+ den \d{1,2}\. \w+ \d{4}$/)
        .count(),
    ).toBe(1);
    expect(await after.getByText(/^1 af \d+ antagelser er bekræftet eller rettet/).count()).toBe(1);
    await pg.page.screenshot({ path: join(shots, '1-confirmed.png'), fullPage: true });
  }, 120_000);

  it('edits another in Danish and English: the card shows the DPO’s words, and the table has both answers', async () => {
    const marketing = item('Formål: Markedsføring');
    await marketing.getByRole('button', { name: 'Ret' }).click();
    await marketing
      .getByRole('textbox', { name: /Rettet tekst på dansk/ })
      .fill('Nyhedsbreve sendes med samtykke (artikel 6, stk. 1, litra a).');
    await marketing.getByRole('textbox', { name: /Rettet tekst på engelsk/ }).fill('Newsletters are sent with consent (Article 6(1)(a)).');
    await marketing.getByRole('button', { name: 'Gem rettelsen' }).click();
    const after = pg.page.locator('.ac-adaptiveCard', { hasText: 'Formål: Markedsføring: rettet af' }).last();
    await after.waitFor({ timeout: 30_000 });
    expect(await after.getByText(/Rettet af .+: Nyhedsbreve sendes med samtykke/).count()).toBeGreaterThan(0);
    await pg.page.screenshot({ path: join(shots, '2-edited.png'), fullPage: true });

    const listed = await dsar(['register', '--json'], pg.env);
    expect(listed.code, listed.stderr).toBe(0);
    const states = JSON.parse(listed.stdout) as { assumption: { id: string }; latest?: { decision: string; text?: { en: string } } }[];
    const byId = new Map(states.map((s) => [s.assumption.id, s.latest]));
    expect(byId.get('supervisory_authority')?.decision).toBe('confirmed');
    expect(byId.get('purpose:marketing')).toMatchObject({
      decision: 'edited',
      text: { en: 'Newsletters are sent with consent (Article 6(1)(a)).' },
    });
  }, 120_000);
});
