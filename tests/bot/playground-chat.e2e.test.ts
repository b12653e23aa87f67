import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';
import { usePlayground } from '../helpers/playground.js';

/**
 * Issue 17's quieter chat in a real Teams client: `npm start` in local mode with the demo inbox, driven
 * from headless Chromium in the Agents Playground as the demo DPO. The install greeting, cases by person,
 * the report, "mine sager" and "lukkede sager", a typed action answered in one line, and the digest.
 */

describe('the quieter chat in the Agents Playground', () => {
  const pg = usePlayground('bot-chat', { viewportHeight: 1800 });
  const say = pg.say;
  const lastCard = (text: string | RegExp) => pg.page.locator('.ac-adaptiveCard', { hasText: text }).last();

  it('greets on install with what is waiting', async () => {
    // Intake turns the demo inbox's five requests into cases within seconds of start-up.
    await expect
      .poll(
        async () => {
          await say('sager');
          return pg.page
            .getByText('Side 1, mest presserende først')
            .count()
            .catch(() => 0);
        },
        { timeout: 45_000, interval: 3_000 },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(() =>
        lastCard('Side 1, mest presserende først')
          .getByText(/DSAR-2026-000[1-5]/)
          .count(),
      )
      .toBe(5);
    // The list lines say status and owner.
    expect(
      await lastCard('Side 1, mest presserende først')
        .getByText(/Modtaget · ingen ansvarlig/)
        .count(),
    ).toBe(5);
    // A new conversation is an install: the Playground adds the bot again, and the greeting lists the
    // five requests nobody has confirmed yet.
    await pg.page.reload();
    const greeting = lastCard('Det venter på dig');
    await greeting.waitFor({ timeout: 30_000 });
    expect(await greeting.getByText('Skal bekræftes').count()).toBe(1);
    expect(await greeting.getByText(/DSAR-2026-000[1-5]/).count()).toBe(5);
    await pg.page.screenshot({ path: join(pg.shots, '1-install-greeting.png'), fullPage: true });
  }, 120_000);

  it('finds cases by person, and shows the report, mine and closed', async () => {
    await say('søg oliver');
    const found = lastCard('Sager for "oliver"');
    await found.waitFor({ timeout: 15_000 });
    expect(await found.getByText('Oliver Bennett').count()).toBe(1);
    expect(await found.getByText(/DSAR-2026-\d{4}/).count()).toBe(1);
    await pg.page.screenshot({ path: join(pg.shots, '2-search-person.png'), fullPage: true });

    await say('rapport');
    const report = lastCard('Årsrapport 2026');
    await report.waitFor({ timeout: 15_000 });
    expect(await report.getByText('Anmodninger', { exact: true }).count()).toBe(1);
    await pg.page.screenshot({ path: join(pg.shots, '3-report.png'), fullPage: true });

    await say('mine sager');
    await pg.page.getByText('Du er ikke ansvarlig for nogen åben sag').last().waitFor({ timeout: 15_000 });
    await say('lukkede sager');
    await lastCard('Lukkede sager').waitFor({ timeout: 15_000 });
  }, 120_000);

  it('answers a typed action with one line and the card in the chat shows it', async () => {
    await say('søg oliver');
    const found = lastCard('Sager for "oliver"');
    await found.waitFor({ timeout: 15_000 });
    const id = /DSAR-2026-\d{4}/.exec((await found.textContent()) ?? '')![0];
    await say(id);
    const card = () => pg.page.locator('.ac-adaptiveCard', { hasText: id }).filter({ hasText: 'Opgaver' });
    await card().last().waitFor({ timeout: 15_000 });
    const cardsBefore = await card().count();
    await say(`tildel ${id} mig`);
    await pg.page.getByText(`${id}: Tildelt af Rasmus Holt Vestergaard`).last().waitFor({ timeout: 15_000 });
    // The case card already in the chat now says who has it: no second card was posted.
    await expect.poll(() => card().filter({ hasText: 'Tildelt af Rasmus Holt Vestergaard' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await card().count()).toBe(cardsBefore);
    await pg.page.screenshot({ path: join(pg.shots, '4-typed-action.png'), fullPage: true });

    await say('mine sager');
    const mine = lastCard('Mine sager');
    await mine.waitFor({ timeout: 15_000 });
    expect(await mine.getByText(id).count()).toBe(1);
  }, 120_000);

  it('sends the morning reminders as one digest card that opens each case', async () => {
    const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    // The CLI starts a process of its own; on a loaded machine that takes longer than the helper's default.
    const run = await dsar(['reminders', 'run', '--now', `${day}T09:00:00+01:00`, '--json'], pg.env, 90_000);
    expect(run.stderr).not.toMatch(/dsar:/);
    const sent = JSON.parse(run.stdout) as { caseId: string; status: string; delivered: number }[];
    expect(sent).toHaveLength(5);
    expect(sent.every((o) => o.status === 'sent' && o.delivered === 1)).toBe(true);
    const digest = lastCard('Påmindelser i dag');
    await digest.waitFor({ timeout: 20_000 });
    expect(await digest.getByText('5 sager kræver din opmærksomhed, mest presserende først.').count()).toBe(1);
    expect(await digest.getByText(/^Overskredet: fristen var/).count()).toBe(5);
    expect(await pg.page.locator('.ac-adaptiveCard', { hasText: 'Påmindelser i dag' }).count()).toBe(1);
    await digest.scrollIntoViewIfNeeded();
    await pg.page.screenshot({ path: join(pg.shots, '5-digest.png'), fullPage: true });
    // Opening a case posts its card below and leaves the digest as it is (its buttons are Action.Submit).
    const first = /DSAR-2026-\d{4}/.exec((await digest.textContent()) ?? '')![0];
    await digest.getByRole('button', { name: 'Åbn sag' }).first().click();
    await pg.page.locator('.ac-adaptiveCard', { hasText: 'Opgaver' }).filter({ hasText: first }).last().waitFor({ timeout: 30_000 });
    expect(await pg.page.locator('.ac-adaptiveCard', { hasText: 'Påmindelser i dag' }).count()).toBe(1);
    await pg.page.screenshot({ path: join(pg.shots, '6-digest-opened.png'), fullPage: true });
  }, 120_000);
});
