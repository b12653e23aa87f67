import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsar } from '../helpers/cli.js';
import { emlWithAttachments } from '../helpers/dev-tenant.js';
import { screenshotDir } from '../helpers/browser.js';
import { usePlayground } from '../helpers/playground.js';

/**
 * Identity without copies in a real Teams client (`npm start`, Agents Playground, headless Chromium): a
 * follow-up carrying a passport on a case awaiting identity gets the task "Slet vedhæftningen »pas.pdf«
 * efter kontrol"; the DPO clicks "Slet vedhæftning", the file leaves the mail in the dev tenant, the task is
 * ticked and the Danish timeline says who removed it (issue 15 item 4).
 */

interface ShownCase {
  tasks: { id: string; done: boolean; attachment?: { messageId: string; name: string; removal?: string } }[];
}

describe('removing an ID attachment in the Agents Playground', () => {
  let caseId: string;
  let devTenant: string;
  const pg = usePlayground('id-attachment', {
    viewportHeight: 2400,
    prepare: async (env) => {
      devTenant = `http://localhost:${env.DSAR_DEV_TENANT_PORT}`;
      const opened = await dsar(
        ['case', 'new', '--name', 'Gitte Gran', '--requester-email', 'gitte.gran@example.com', '--rights', 'access', '--force', '--json'],
        env,
      );
      expect(opened.stderr).not.toMatch(/dsar:/);
      caseId = (JSON.parse(opened.stdout) as { id: string }).id;
      expect((await dsar(['case', 'start', caseId], env)).code).toBe(0);
      expect((await dsar(['case', 'pause', caseId, '--reason', 'Adressen stemmer ikke med kundekartoteket'], env)).code).toBe(0);
      // The person answers on the case number with a copy of her passport, though the acknowledgement asked her not to.
      const file = join(env.DSAR_DATA_DIR!, 'follow-up.eml');
      writeFileSync(
        file,
        emlWithAttachments({
          from: 'Gitte Gran <gitte.gran@example.com>',
          to: 'dpa@itguy.dk',
          subject: `Re: ${caseId}`,
          body: `Hej, her er mit pas som dokumentation. Venlig hilsen Gitte Gran (${caseId})`,
          attachments: [{ name: 'pas.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test passport') }],
        }),
      );
      const delivered = await dsar(['dev', 'deliver', file, '--to', 'dpa@itguy.dk'], env);
      expect(delivered.code, delivered.stderr).toBe(0);
    },
  });
  // Screenshots next to the other bot tests' (test-output/bot/).
  const shots = screenshotDir('bot', 'id-attachment');
  const card = () => pg.page.locator('.ac-adaptiveCard', { hasText: caseId }).filter({ hasText: 'Opgaver' }).last();

  /** Graph as a client calls it, with the dev tenant's app credentials (what the product itself uses). */
  async function attachmentsOf(messageId: string): Promise<string[]> {
    const app = (await (await fetch(`${devTenant}/_dev/app`)).json()) as { tenantId: string; clientId: string; clientSecret: string };
    const token = await fetch(`${devTenant}/${app.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const auth = { Authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}` };
    const res = await fetch(`${devTenant}/v1.0/users/dpa@itguy.dk/messages/${encodeURIComponent(messageId)}/attachments?$select=name`, {
      headers: auth,
    });
    return ((await res.json()) as { value: { name: string }[] }).value.map((a) => a.name);
  }

  it('shows the task naming the file with a "Slet vedhæftning" button; one click removes it, ticks it and records who', async () => {
    await expect
      .poll(
        async () => {
          const shown = await dsar(['case', 'show', caseId, '--json'], pg.env);
          return (JSON.parse(shown.stdout || '{"tasks":[]}') as ShownCase).tasks.filter((t) => t.attachment).length;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    const before = JSON.parse((await dsar(['case', 'show', caseId, '--json'], pg.env)).stdout) as ShownCase;
    const task = before.tasks.find((t) => t.attachment)!;
    expect(await attachmentsOf(task.attachment!.messageId)).toEqual(['pas.pdf']);

    // A Danish word first: a bare case id does not tell the chat's language.
    await pg.say('sager');
    await expect
      .poll(
        async () => {
          await pg.say(caseId);
          return card()
            .getByText(/Slet vedhæftningen »pas\.pdf« efter kontrol/)
            .count()
            .catch(() => 0);
        },
        { timeout: 90_000, interval: 5_000 },
      )
      .toBeGreaterThan(0);
    await pg.page.screenshot({ path: join(shots, '1-task.png'), fullPage: true });

    await card()
      .getByRole('button', { name: /^Slet vedhæftning \(opgave \d+\)$/ })
      .click();
    const removed = pg.page
      .locator('.ac-adaptiveCard', { hasText: 'Vedhæftningen »pas.pdf« er slettet fra mailen af Rasmus Holt Vestergaard' })
      .last();
    await removed.waitFor({ timeout: 20_000 });
    // The Danish timeline keeps what was removed and by whom; the button is gone with the copy.
    expect(
      await removed
        .getByText(/Vedhæftningen »pas\.pdf« er slettet fra mailen af Rasmus Holt Vestergaard; der er ikke gemt nogen kopi/)
        .count(),
    ).toBe(1);
    expect(await removed.getByRole('button', { name: /Slet vedhæftning/ }).count()).toBe(0);
    await pg.page.screenshot({ path: join(shots, '2-removed.png'), fullPage: true });

    expect(await attachmentsOf(task.attachment!.messageId)).toEqual([]);
    const after = JSON.parse((await dsar(['case', 'show', caseId, '--json'], pg.env)).stdout) as ShownCase;
    expect(after.tasks.find((t) => t.id === task.id)).toMatchObject({ done: true, attachment: { removal: 'removed' } });
  }, 240_000);
});
