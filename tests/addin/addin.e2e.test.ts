import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { launchChromium, screenshotDir } from '../helpers/browser.js';
import { eml, graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';
import { officeStub, type OfficeStubOptions } from './office-stub.js';

/**
 * The add-in's pages in headless Chromium, served by the app, with a stubbed Office context pointing at
 * messages in the dev tenant; tokens signed by the dev tenant; cases in Azurite.
 */

const API_CLIENT_ID = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const METTE = '22222222-2222-4222-8222-222222222222';

let tenant: TestTenant;
let app: RunningApp;
let browser: Browser;
const shots = screenshotDir('addin');

async function deliver(subject: string, body: string, from = 'Freja Lindholm <freja@example.com>'): Promise<string> {
  const r = await tenant.dev('/mailboxes/mette@itguy.dk/deliver', {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: eml({ from, to: 'mette@itguy.dk', subject, body }),
  });
  return ((await r.json()) as { id: string }).id;
}

async function openPage(file: string, itemId: string, displayLanguage = 'da-DK'): Promise<Page> {
  const response = await tenant.dev('/user-token', {
    method: 'POST',
    body: JSON.stringify({ user: METTE, audience: `api://${API_CLIENT_ID}` }),
  });
  const { access_token: token } = (await response.json()) as { access_token: string };
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  // Office.js from the CDN is not reachable here; the stub stands in for it.
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  await page.addInitScript(officeStub, {
    itemId,
    email: 'mette@itguy.dk',
    displayName: 'Mette Ravn',
    displayLanguage,
    token,
  } satisfies OfficeStubOptions);
  await page.goto(`${app.url}/addin/${file}`);
  return page;
}

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await runApp(
    loadConfig({
      ...storeEnv(uniquePrefix()),
      PORT: String(await freePort()),
      ...graphEnv(tenant),
      DSAR_API_CLIENT_ID: API_CLIENT_ID,
      DSAR_DPO_USER_IDS: METTE,
    }),
    createLogger('silent'),
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tenant?.close();
  console.log(`screenshots: ${shots}`);
});

describe('the Outlook add-in', () => {
  it('task pane: shows what was detected, takes a correction, logs it, and shows the case', async () => {
    const id = await deliver('Sletning', 'Hej\n\nJeg vil gerne have slettet alle mine personoplysninger hos jer.\n\nMvh\nFreja Lindholm');
    const page = await openPage('taskpane.html', id);
    await page.getByText('Det ligner en GDPR-anmodning.').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Sletning (artikel 17)').isChecked()).toBe(true);
    expect(await page.getByLabel('Anmoderens e-mail').inputValue()).toBe('freja@example.com');
    await page.screenshot({ path: join(shots, '1-taskpane-detected.png'), fullPage: true });

    // The user corrects the name and adds a right, by keyboard where it counts.
    await page.getByLabel('Anmoderens navn').fill('Freja M. Lindholm');
    await page.getByLabel('Indsigt (artikel 15)').check();
    await page.getByRole('button', { name: 'Log som GDPR-anmodning' }).focus();
    await page.keyboard.press('Enter');
    const status = page.getByRole('status');
    await page.getByText(/^Logget som DSAR-\d{4}-\d{4} — svarfrist \d+\. \w+ \d{4}$/).waitFor({ timeout: 15_000 });
    const caseId = /DSAR-\d{4}-\d{4}/.exec((await status.textContent()) ?? '')![0];
    await page.screenshot({ path: join(shots, '2-taskpane-logged.png'), fullPage: true });

    const stored = await app.cases.get(caseId);
    expect(stored).toMatchObject({
      channel: 'outlook-addin',
      rights: ['access', 'erasure'],
      requester: { name: 'Freja M. Lindholm', email: 'freja@example.com' },
      createdBy: { id: METTE },
    });

    // Opened again on the same message: the case, not the form.
    const again = await openPage('taskpane.html', id, 'en-US');
    await again.getByText(`Already logged as ${caseId}`, { exact: false }).waitFor({ timeout: 15_000 });
    expect(await again.getByRole('heading', { name: caseId }).count()).toBe(1);
    await again.screenshot({ path: join(shots, '3-taskpane-already-logged-en.png'), fullPage: true });
  });

  it('task pane: the person has a case open — add the message to it, or log a new case anyway', async () => {
    const from = 'Gustav Krogh <gustav@example.com>';
    const firstId = await deliver('Indsigt', 'Hej\n\nJeg vil gerne have indsigt i mine personoplysninger, jf. artikel 15.\n\nGustav', from);
    const page = await openPage('taskpane.html', firstId);
    await page.getByRole('button', { name: 'Log som GDPR-anmodning' }).click();
    await page.getByText(/^Logget som DSAR-\d{4}-\d{4}/).waitFor({ timeout: 15_000 });
    const open = (await app.cases.casesOf('gustav@example.com')).open[0]!;

    const secondId = await deliver('Også sletning', 'Hej igen\n\nSlet også mine personoplysninger, jf. artikel 17.\n\nGustav', from);
    const second = await openPage('taskpane.html', secondId);
    await second.getByRole('button', { name: 'Log som GDPR-anmodning' }).click();
    await second.getByText(`${open.id} er åben for denne person`, { exact: false }).waitFor({ timeout: 15_000 });
    await second.screenshot({ path: join(shots, '4-taskpane-person-has-open-case.png'), fullPage: true });
    // The first choice has the focus: Enter adds the message to the open case.
    await second.keyboard.press('Enter');
    await second.getByText(`Føjet til ${open.id} som opfølgning`).waitFor({ timeout: 15_000 });
    expect((await app.cases.casesOf('gustav@example.com')).open.map((c) => c.id)).toEqual([open.id]);
    expect((await app.cases.timeline(open.id)).at(-1)).toMatchObject({ type: 'note_added', actor: { id: METTE } });

    const thirdId = await deliver('Ny anmodning', 'Hej\n\nJeg gør indsigelse mod markedsføring, jf. artikel 21.\n\nGustav', from);
    const third = await openPage('taskpane.html', thirdId, 'en-US');
    await third.getByRole('button', { name: 'Log as GDPR request' }).click();
    await third.getByRole('button', { name: 'Log as a new case anyway' }).click();
    await third.getByText(/^Logged as DSAR-\d{4}-\d{4}/).waitFor({ timeout: 15_000 });
    expect((await app.cases.casesOf('gustav@example.com')).open).toHaveLength(2);
  });

  it('one click: the command logs the message and says so in an Outlook notification, once', async () => {
    const id = await deliver(
      'Request for access',
      'Hello,\n\nUnder Article 15 GDPR I request a copy of all personal data you hold about me.\n\nBest regards\nOliver Bennett',
      'Oliver Bennett <oliver@example.org>',
    );
    const page = await openPage('commands.html', id, 'en-US');
    const click = () =>
      page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const w = globalThis as unknown as { __actions: Record<string, (e: { completed(): void }) => void> };
            w.__actions.logAsGdprRequest!({ completed: () => resolve() });
          }),
      );
    await click();
    await click();
    const notes = (await page.evaluate(() => (globalThis as unknown as { __notifications: unknown[] }).__notifications)) as {
      type: string;
      message: string;
    }[];
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({
      type: 'informationalMessage',
      message: expect.stringMatching(/^Logged as DSAR-\d{4}-\d{4} — answer due \d+ \w+ \d{4}$/),
    });
    const caseId = /DSAR-\d{4}-\d{4}/.exec(notes[0]!.message)![0];
    expect(notes[1]!.message).toMatch(new RegExp(`^Already logged as ${caseId}`));
    expect((await app.cases.get(caseId)).requester.email).toBe('oliver@example.org');
  });

  it('one click for a person with a case open: opens nothing and points to the task pane', async () => {
    const from = 'Hanne Bak <hanne@example.com>';
    const body = 'Hej\n\nJeg vil gerne have indsigt i mine personoplysninger, jf. artikel 15.\n\nHanne';
    const [firstId, secondId] = [await deliver('Indsigt', body, from), await deliver('Indsigt igen', body, from)];
    const clickOn = async (id: string) => {
      const page = await openPage('commands.html', id, 'en-US');
      await page.evaluate(
        () =>
          new Promise<void>((resolve) =>
            (globalThis as unknown as { __actions: Record<string, (e: { completed(): void }) => void> }).__actions.logAsGdprRequest!({
              completed: () => resolve(),
            }),
          ),
      );
      return (await page.evaluate(() => (globalThis as unknown as { __notifications: unknown[] }).__notifications)) as {
        type: string;
        message: string;
      }[];
    };
    const [logged] = await clickOn(firstId);
    const caseId = /DSAR-\d{4}-\d{4}/.exec(logged!.message)![0];
    expect(await clickOn(secondId)).toEqual([
      {
        key: 'dsar',
        type: 'informationalMessage',
        message: `${caseId} is open for this person. Open the GDPR pane to add the message to it or log a new case.`,
      },
    ]);
    expect((await app.cases.casesOf('hanne@example.com')).open.map((c) => c.id)).toEqual([caseId]);
  });

  it('one click on a message that is gone: a clear error notification', async () => {
    const page = await openPage('commands.html', 'AAMkAGI2TG93AAA=', 'da-DK');
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          (globalThis as unknown as { __actions: Record<string, (e: { completed(): void }) => void> }).__actions.logAsGdprRequest!({
            completed: () => resolve(),
          }),
        ),
    );
    const notes = (await page.evaluate(() => (globalThis as unknown as { __notifications: unknown[] }).__notifications)) as {
      type: string;
      message: string;
    }[];
    expect(notes).toEqual([
      { key: 'dsar', type: 'errorMessage', message: expect.stringMatching(/^Det lykkedes ikke: The message does not exist/) },
    ]);
  });

  it('outside Office: each page says what it is and how to open it in Outlook, in the browser language', async () => {
    for (const [file, locale, expected] of [
      ['taskpane.html', 'da-DK', /opgaveruden "GDPR-anmodning"/],
      ['commands.html', 'en-GB', /belongs to the "Log as GDPR request" button/],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 800, height: 600 }, locale });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // No Office host: office.js does not load (as in a plain browser here, where its CDN is unreachable).
      await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
      await page.goto(`${app.url}/addin/${file}`);
      const shown = page.locator('#outside-office');
      await shown.waitFor({ timeout: 10_000 });
      expect(await shown.textContent()).toMatch(expected);
      expect(await shown.textContent()).toMatch(locale === 'da-DK' ? /kun inde i Outlook/ : /only inside Outlook/);
      expect(errors).toEqual([]);
      await page.screenshot({ path: join(shots, `outside-office-${file.replace('.html', '')}.png`) });
      await page.close();
    }
  });

  it('office.js loaded but no Office host (onReady without a host): the same explanation', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 }, locale: 'da-DK' });
    await page.route('https://appsforoffice.microsoft.com/**', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: 'window.Office = { onReady: (cb) => { cb && cb({ host: null }); return Promise.resolve({ host: null }); } };',
      }),
    );
    await page.goto(`${app.url}/addin/taskpane.html`);
    await page.locator('#outside-office').waitFor({ timeout: 10_000 });
    expect(await page.locator('#app').count()).toBe(0);
    await page.close();
  });
});
