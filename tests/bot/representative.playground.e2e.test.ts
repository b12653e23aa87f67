import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';
import { usePlayground } from '../helpers/playground.js';

/**
 * A lawyer's request for a client in a real Teams client (`npm start`, Agents Playground, headless Chromium):
 * the DPO completes the data subject from the card, is stopped when answering with the fuldmagt unchecked
 * and tasks open, records the fuldmagt, and answers with a reason that the timeline shows (issue 15).
 */

describe('a representative’s case in the Agents Playground', () => {
  let caseId: string;
  const pg = usePlayground('representative', {
    viewportHeight: 2000,
    prepare: async (env) => {
      // The lawyer wrote by letter; the case names the client and the authority, not yet checked.
      const opened = await dsar(
        [
          'case',
          'new',
          '--channel',
          'letter',
          '--name',
          'Advokat Katrine Winther',
          '--requester-email',
          'kw@winther-advokater.example.org',
          '--rights',
          'access',
          '--subject-name',
          'Sofie Dam',
          '--authority',
          'power_of_attorney',
          // The demo inbox has another request from the same law firm open.
          '--force',
          '--json',
        ],
        env,
      );
      expect(opened.stderr).not.toMatch(/dsar:/);
      caseId = (JSON.parse(opened.stdout) as { id: string }).id;
    },
  });
  const say = pg.say;
  const card = () => pg.page.locator('.ac-adaptiveCard', { hasText: caseId }).filter({ hasText: 'Opgaver' }).last();

  it('shows the data subject and lets the DPO complete their identifiers', async () => {
    // A Danish word first: a bare case id does not tell the chat's language.
    await say('sager');
    await expect
      .poll(
        async () => {
          await say(caseId);
          await pg.page.screenshot({ path: join(pg.shots, '0-waiting.png'), fullPage: true });
          return pg.page
            .getByText(/Sofie Dam.*ikke kontrolleret endnu/)
            .count()
            .catch(() => 0);
        },
        { timeout: 90_000, interval: 5_000 },
      )
      .toBeGreaterThan(0);
    // The first task after the common ones checks the fuldmagt.
    expect(
      await card()
        .getByText(/Kontrollér fuldmagten: underskrevet af den registrerede/)
        .count(),
    ).toBe(1);

    await card().getByRole('button', { name: 'Repræsentant' }).click();
    await card().getByRole('textbox', { name: 'E-mail' }).fill('sofie@dam.example.dk');
    await card().getByRole('textbox', { name: 'Kundenummer' }).fill('K-2041');
    await card().getByRole('button', { name: 'Gem den registrerede' }).click();
    const saved = pg.page.locator('.ac-adaptiveCard', { hasText: 'Den registrerede er gemt af Rasmus Holt Vestergaard' }).last();
    await saved.waitFor({ timeout: 15_000 });
    expect(await saved.getByText(/Registreret: Sofie Dam <sofie@dam\.example\.dk>, kundenummer K-2041/).count()).toBe(1);
    // The trail says it in Danish.
    expect(await saved.getByText(/Den registrerede er noteret \(fuldmagt\); retten skal kontrolleres/).count()).toBe(1);
    await pg.page.screenshot({ path: join(pg.shots, '1-data-subject.png'), fullPage: true });
  }, 180_000);

  it('refuses to answer with the fuldmagt unchecked and tasks open, then answers with a reason the timeline keeps', async () => {
    await card().getByRole('button', { name: 'Bekræft og start' }).click();
    await pg.page
      .locator('.ac-adaptiveCard', { hasText: 'Bekræftet og startet af Rasmus Holt Vestergaard' })
      .last()
      .waitFor({ timeout: 15_000 });

    // Without a reason: refused, saying in Danish what is missing.
    await card().getByRole('button', { name: 'Markér som besvaret' }).first().click();
    expect(
      await card()
        .getByText(/anmoderens fuldmagt eller forældremyndighed for den registrerede er ikke dokumenteret/)
        .count(),
    ).toBeGreaterThan(0);
    await card().getByRole('button', { name: 'Markér som besvaret' }).last().click();
    const refused = pg.page
      .locator('.ac-adaptiveCard', {
        hasText: new RegExp(`Det gik ikke: ${caseId} kan ikke besvares endnu: \\d+ åbne opgaver; anmoderens fuldmagt`),
      })
      .last();
    await refused.waitFor({ timeout: 15_000 });
    await pg.page.screenshot({ path: join(pg.shots, '2-refused.png'), fullPage: true });

    // The fuldmagt is checked: what showed it goes on the case, never a copy of an ID.
    await card().getByRole('button', { name: 'Repræsentant' }).click();
    await card()
      .getByRole('textbox', { name: /Hvad viste retten/ })
      .fill('Fuldmagt af 1. december 2026, underskrevet af Sofie Dam');
    await card().getByRole('button', { name: 'Fuldmagt kontrolleret' }).click();
    const checked = pg.page
      .locator('.ac-adaptiveCard', { hasText: 'Fuldmagten er kontrolleret og noteret af Rasmus Holt Vestergaard' })
      .last();
    await checked.waitFor({ timeout: 15_000 });
    expect(await checked.getByText(/fuldmagt, kontrolleret: Fuldmagt af 1\. december 2026/).count()).toBe(1);

    // Tasks are still open: the answer needs a reason, and the timeline records it with what was open.
    await card().getByRole('button', { name: 'Markér som besvaret' }).first().click();
    await card()
      .getByRole('textbox', { name: 'Begrundelse for at fortsætte alligevel' })
      .fill('Delsvar aftalt med advokaten; resten følger');
    await card().getByRole('button', { name: 'Markér som besvaret' }).last().click();
    const answered = pg.page.locator('.ac-adaptiveCard', { hasText: 'Markeret som besvaret af Rasmus Holt Vestergaard' }).last();
    await answered.waitFor({ timeout: 15_000 });
    expect(await answered.getByText(/Besvaret \(selvom \d+ åbne opgaver: Delsvar aftalt med advokaten; resten følger\)/).count()).toBe(1);
    await pg.page.screenshot({ path: join(pg.shots, '3-answered.png'), fullPage: true });

    const shown = await dsar(['case', 'show', caseId, '--json'], pg.env);
    const c = JSON.parse(shown.stdout) as { status: string; dataSubject: Record<string, unknown> };
    expect(c.status).toBe('responded');
    expect(c.dataSubject).toMatchObject({
      name: 'Sofie Dam',
      email: 'sofie@dam.example.dk',
      customerNumber: 'K-2041',
      authority: 'power_of_attorney',
      authorityEvidence: 'Fuldmagt af 1. december 2026, underskrevet af Sofie Dam',
    });
  }, 180_000);
});
