import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';
import { usePlayground } from '../helpers/playground.js';

/**
 * The bot in a real Teams client: `npm start` in local mode (Azurite, the dev tenant with its demo
 * inbox, the app, Microsoft 365 Agents Playground), driven from headless Chromium as the demo DPO.
 */

describe('Teams bot in the Agents Playground', () => {
  const pg = usePlayground('bot', { viewportHeight: 1600 });
  const say = pg.say;
  /** The case the first test extends (intake numbers the demo requests in no fixed order). */
  let extendedId: string;

  it('lists cases for "sager", opens one, extends it in place', async () => {
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
    const list = pg.page.locator('.ac-adaptiveCard', { hasText: 'Side 1, mest presserende først' }).last();
    await expect.poll(() => list.getByText(/DSAR-2026-000[1-5]/).count()).toBe(5);
    await pg.page.screenshot({ path: join(pg.shots, '1-sager.png'), fullPage: true });

    // Oliver Bennett asks for access and portability, which may be extended (an opt-out never is).
    await list.getByText('Oliver Bennett').click();
    const card = pg.page.locator('.ac-adaptiveCard', { hasText: 'Oliver Bennett' }).filter({ hasText: 'Opgaver' }).last();
    await card.getByText('Forlænget frist').waitFor({ timeout: 15_000 });
    extendedId = /DSAR-2026-\d{4}/.exec((await card.textContent()) ?? '')![0];
    expect(await card.getByText('Bekræft og start').count()).toBe(1);
    await pg.page.screenshot({ path: join(pg.shots, '2-case.png'), fullPage: true });

    await card.getByRole('button', { name: 'Forlæng' }).first().click();
    await card.getByRole('textbox', { name: /Begrundelse/ }).fill('Mange systemer skal gennemgås');
    await card.getByRole('button', { name: 'Forlæng' }).last().click();
    // The card the DPO clicked changes in place: who did it, and the extension is no longer an option.
    const updated = pg.page.locator('.ac-adaptiveCard', { hasText: 'Forlænget af Rasmus Holt Vestergaard' }).last();
    await updated.waitFor({ timeout: 15_000 });
    expect(await updated.getByRole('button', { name: 'Forlæng' }).count()).toBe(0);
    // The timeline in Danish, with a Danish date.
    expect(await updated.getByText(/Forlænget til den \d{1,2}\. \p{L}+ \d{4}: Mange systemer/u).count()).toBe(1);
    // Decided, not yet told: the card says the extension does not hold until the person has the notice.
    expect(await updated.getByText(/gælder først, når personen har fået besked med begrundelse, senest/).count()).toBe(1);
    await pg.page.screenshot({ path: join(pg.shots, '3-extended.png'), fullPage: true });
  }, 120_000);

  it('delivers a proactive reminder after `dsar reminders run`, once', async () => {
    // Sixty days on, every first deadline has passed: each open case is overdue, the extended one too (nobody
    // recorded telling the person of the extension, so it never bound).
    const day = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const now = `${day}T09:00:00+01:00`;
    const run = await dsar(['reminders', 'run', '--now', now, '--json'], pg.env, 90_000);
    expect(run.stderr).not.toMatch(/dsar:/);
    const sent = JSON.parse(run.stdout) as { caseId: string; kind: string; status: string; delivered: number }[];
    expect(sent.length).toBeGreaterThan(0);
    expect(
      sent.filter((o) => !(o.status === 'sent' && o.delivered === 1)),
      run.stdout,
    ).toEqual([]);
    expect(
      sent.filter((o) => o.kind !== 'overdue'),
      run.stdout,
    ).toEqual([]);
    expect(sent.map((o) => o.caseId)).toContain(extendedId);

    const overdue = sent.find((o) => o.kind === 'overdue')!;
    // One digest card for the morning, a line per case; its button opens the case with its actions.
    const reminder = pg.page.locator('.ac-adaptiveCard', { hasText: 'Påmindelser i dag' }).filter({ hasText: overdue.caseId }).last();
    await reminder.waitFor({ timeout: 20_000 });
    expect(await reminder.getByText(/^Overskredet: fristen var/).count()).toBe(sent.length);
    await reminder.scrollIntoViewIfNeeded();
    await pg.page.screenshot({ path: join(pg.shots, '4-reminder.png'), fullPage: true });
    // The digest's first line is the most urgent case; its button posts that case's card, with its actions.
    const first = /DSAR-2026-\d{4}/.exec((await reminder.textContent()) ?? '')![0];
    await reminder.getByRole('button', { name: 'Åbn sag' }).first().click();
    const opened = pg.page.locator('.ac-adaptiveCard', { hasText: first }).filter({ hasText: 'Opgaver' }).last();
    await opened.waitFor({ timeout: 30_000 });
    expect(await opened.getByRole('button', { name: 'Bekræft og start' }).count()).toBe(1);

    const again = await dsar(['reminders', 'run', '--now', now, '--json'], pg.env, 90_000);
    expect(JSON.parse(again.stdout)).toEqual([]);
  }, 120_000);

  it('searches Microsoft 365 from the case card, updates it as mailboxes complete, reviews a hit, builds the package', async () => {
    await say('sager');
    const list = pg.page.locator('.ac-adaptiveCard', { hasText: 'Side 1, mest presserende først' }).last();
    await list.waitFor({ timeout: 15_000 });
    const row = list
      .locator('.ac-container', { hasText: 'Freja Lindholm' })
      .filter({ hasText: /DSAR-2026-\d{4}/ })
      .last();
    const caseId = /DSAR-2026-\d{4}/.exec((await row.textContent()) ?? '')![0];
    await row.getByText(caseId).click();
    const card = () => pg.page.locator('.ac-adaptiveCard', { hasText: caseId }).filter({ hasText: 'Opgaver' }).last();
    await card().waitFor({ timeout: 15_000 });
    // The bot records which message shows the card just after posting it (DsarBot.rememberCard); a click that
    // comes sooner has its progress go to the card recorded before. Give the record a moment (a known race).
    await pg.page.waitForTimeout(2_000);
    await card().getByRole('button', { name: 'Søg efter data' }).click();
    // The clicked card follows the search and ends with its totals per source (11 users in the demo tenant).
    await pg.page
      .locator('.ac-adaptiveCard', {
        hasText:
          /Søgning færdig: postkasser 11\/11, OneDrives 11\/11, SharePoint 1\/1, Teams-chats 11\/11, .*kalendere 11\/11, .*[1-9]\d* fund/,
      })
      .last()
      .waitFor({ timeout: 30_000 });
    await pg.page.screenshot({ path: join(pg.shots, '5-search-done.png'), fullPage: true });

    await card().getByRole('button', { name: 'Gennemgå fund' }).click();
    const hits = pg.page.locator('.ac-adaptiveCard', { hasText: `Fund · ${caseId}` }).last();
    await hits.waitFor({ timeout: 15_000 });
    await hits.getByRole('button', { name: 'Udelad' }).first().click();
    await hits
      .getByRole('textbox', { name: /Hvorfor udelades det/ })
      .first()
      .fill('Intern note, ikke personens egne oplysninger');
    await hits.getByRole('button', { name: 'Udelad' }).nth(1).click();
    await pg.page
      .locator('.ac-adaptiveCard', { hasText: 'Udeladt af Rasmus Holt Vestergaard: Intern note' })
      .last()
      .waitFor({ timeout: 15_000 });
    // A lawyer asks for Freja Lindholm: her own address is in the included mails (after her name), and the
    // box of other people's data to redact never offers it (issue 15 item 2).
    const reviewed = pg.page.locator('.ac-adaptiveCard', { hasText: `Fund · ${caseId}` }).last();
    expect(await reviewed.getByText(/Freja Lindholm <freja\.lindholm@slotsbageriet\.example\.com>/).count()).toBeGreaterThan(0);
    const others = reviewed.locator('.ac-container', { hasText: /^Andre personers oplysninger i de medtagne emner/ });
    expect(await others.filter({ hasText: 'freja.lindholm@' }).count()).toBe(0);
    await pg.page.screenshot({ path: join(pg.shots, '6-review.png'), fullPage: true });

    // Art. 15(4): the other people's data in the included items, each value redacted unless the DPO keeps it.
    await reviewed.getByRole('button', { name: 'Andres oplysninger' }).click();
    const redactions = () => pg.page.locator('.ac-adaptiveCard', { hasText: `Andres oplysninger · ${caseId}` }).last();
    await redactions().waitFor({ timeout: 30_000 });
    expect(await redactions().getByText('Udelades (standard)').count()).toBeGreaterThan(0);
    await redactions().getByRole('button', { name: 'Behold', exact: true }).first().click();
    await pg.page.locator('.ac-adaptiveCard', { hasText: 'Beholdes (Rasmus Holt Vestergaard)' }).last().waitFor({ timeout: 15_000 });
    await pg.page.screenshot({ path: join(pg.shots, '6b-redactions.png'), fullPage: true });

    await redactions().getByRole('button', { name: caseId }).click();
    await card().getByRole('button', { name: 'Byg svarpakke' }).click();
    await pg.page
      .locator('.ac-adaptiveCard', {
        hasText: /Svarpakke bygget: \d+ emner \(1 udeladt\) i DSAR\/DSAR-2026-\d{4}\. Intet er sendt til personen\./,
      })
      .last()
      .waitFor({ timeout: 30_000 });
    await pg.page.screenshot({ path: join(pg.shots, '7-package.png'), fullPage: true });
  }, 180_000);
});
