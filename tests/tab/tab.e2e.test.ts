import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { buildAddinUnlessFresh } from '../../src/local/addin-build.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { launchChromium, screenshotDir } from '../helpers/browser.js';
import { graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { uniquePrefix } from '../helpers/store.js';
import { seedTabCases } from '../helpers/tab-cases.js';

/**
 * The tab in headless Chromium against the running app in local mode (dev sign-in as the demo DPO of
 * the dev tenant's demo seed), cases in Azurite: table, search, sort, a case, the calendar, the charts,
 * the exports read back. Screenshots in test-output/tab/.
 */

const DEMO_DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const STANDARD_FONTS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));
let tenant: TestTenant;
let app: RunningApp;
let browser: Browser;
let dataDir: string;
const shots = screenshotDir('tab');

async function signedIn(lang = 'da'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await page.goto(`${app.url}/tab/tab.html?lang=${lang}`);
  await page
    .getByRole('button', {
      name: lang === 'da' ? 'Log ind som demo-DPO (kun lokal udvikling)' : 'Sign in as the demo DPO (local development only)',
    })
    .click();
  await page.locator('body[data-cases="ready"]').waitFor({ timeout: 20_000 });
  return page;
}

beforeAll(async () => {
  tenant = await startTestTenant({ seed: 'demo' });
  dataDir = mkdtempSync(join(tmpdir(), 'dsar-tab-'));
  await buildAddinUnlessFresh();
  app = await runApp(
    loadConfig({
      // Local mode, as `npm start` runs it, on the tests' Azurite.
      DSAR_LOCAL_TABLES_PORT: new URL(inject('azuriteUrl')).port,
      DSAR_TABLE_PREFIX: uniquePrefix(),
      DSAR_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      ...graphEnv(tenant),
      DSAR_API_CLIENT_ID: '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
      DSAR_DPO_USER_IDS: DEMO_DPO,
    }),
    createLogger('silent'),
  );
  await seedTabCases(app.cases, 24, { kind: 'user', id: DEMO_DPO, name: 'Rasmus H. Vestergaard' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await tenant?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  console.log(`screenshots: ${shots}`);
});

describe('the Teams tab DSAR-overblik', () => {
  it('table: every open case, searchable and sortable by keyboard; a case opens and takes an action', async () => {
    const page = await signedIn();
    const open = (await app.cases.overview()).length;
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toBe(`${open} af ${open} åbne sager`);
    expect(await page.locator('table.cases tbody tr').count()).toBe(open);
    await page.screenshot({ path: join(shots, '1-cases-da.png'), fullPage: true });

    await page.getByLabel('Søg efter navn, e-mail eller sagsnummer').fill('kjærgaard');
    const kjaergaard = (await app.cases.overview()).filter(({ case: c }) => c.requester.name?.includes('Kjærgaard')).length;
    expect(kjaergaard).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toBe(`${kjaergaard} sager passer, ${kjaergaard} vist; ${open} åbne i alt`);
    const names = await page.locator('table.cases tbody tr td:nth-child(2)').allTextContents();
    expect(names).toHaveLength(kjaergaard);
    expect(names.every((n) => n.includes('Kjærgaard'))).toBe(true);
    await page.screenshot({ path: join(shots, '2-search.png'), fullPage: true });
    await page.getByLabel('Søg efter navn, e-mail eller sagsnummer').fill('');

    await page.getByLabel('Sat i bero').selectOption('true');
    await expect
      .poll(async () => (await page.locator('table.cases tbody tr').allTextContents()).every((t) => t.includes('i bero')), {
        timeout: 15_000,
      })
      .toBe(true);
    await page.getByLabel('Sat i bero').selectOption('');

    // Sorting by keyboard: the column header's button, Enter; the header says how it is sorted.
    await page.getByRole('button', { name: 'Sortér efter Person' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent(), { timeout: 15_000 }).toContain('Person');

    const first = page.locator('table.cases tbody tr').first().getByRole('link');
    const id = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { level: 2, name: new RegExp(id) }).waitFor();
    const before = await app.cases.get(id as never);
    await page.getByRole('button', { name: 'Tilføj note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('Ringet til personen; svar kommer med posten.');
    await page.getByRole('button', { name: 'Udfør' }).click();
    await page.getByText('Gemt.').waitFor();
    const after = await app.cases.get(id as never);
    expect(after.version).toBe(before.version + 1);
    expect((await app.cases.timeline(id as never)).at(-1)).toMatchObject({ type: 'note_added', actor: { id: DEMO_DPO } });
    await page.screenshot({ path: join(shots, '3-case.png'), fullPage: true });
  });

  it('calendar: this month and the next, each running case due in them on its day', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Frister' }).click();
    await page.locator('body[data-calendar="ready"]').waitFor();
    expect(await page.locator('section.month').count()).toBe(2);
    const shownIds = await page.locator('table.calendar li.entry.due a').allTextContents();
    const today = new Date();
    const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 2, 0)).toISOString().slice(0, 10);
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const expected = (await app.cases.overview())
      .filter(({ clock }) => clock.running && clock.due >= start && clock.due <= end)
      .map(({ case: c }) => c.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect([...shownIds].sort()).toEqual(expected);
    await page.screenshot({ path: join(shots, '4-calendar.png'), fullPage: true });
  });

  it('the year: figures, charts drawn, and CSV and PDF that read back as the report', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Året' }).click();
    await page.locator('body[data-year="ready"]').waitFor({ timeout: 20_000 });
    // Both charts drew something: pixels that are not transparent.
    const painted = await page.$$eval('canvas', (canvases) =>
      canvases.map((canvas) => {
        // A canvas element, in the browser (this file is type-checked without the DOM library).
        const c = canvas as unknown as {
          width: number;
          height: number;
          getContext(kind: '2d'): { getImageData(...a: number[]): { data: Uint8ClampedArray } };
        };
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      }),
    );
    expect(painted).toHaveLength(2);
    expect(painted.every((n) => n > 500)).toBe(true);
    expect(await page.locator('canvas').first().getAttribute('aria-label')).toMatch(
      /^Anmodninger pr\. måned og rettighed\. \d+ anmodninger i \d{4}/,
    );
    await page.screenshot({ path: join(shots, '5-year.png'), fullPage: true });

    const year = new Date().getUTCFullYear();
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Hent som CSV' }).click();
    const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    expect(rows[0]).toEqual(['Nøgletal', 'Antal', 'Andel']);
    const total = await page.locator('#k-total + .tile-value').textContent();
    expect(rows.find((r) => r[0] === 'Anmodninger')?.[1]).toBe(total);

    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Hent som PDF' }).click();
    const pdf = await getDocument({
      data: new Uint8Array(readFileSync((await (await pdfDownload).path())!)),
      standardFontDataUrl: STANDARD_FONTS,
    }).promise;
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain(`DSAR-rapport ${year}`);
    expect(text).toMatch(new RegExp(`Anmodninger\\s+${total}\\b`));
  });

  it('English by locale', async () => {
    const page = await signedIn('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'Open cases' }).waitFor();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^\d+ of \d+ open cases$/);
    await page.screenshot({ path: join(shots, '6-cases-en.png'), fullPage: true });
  });
});
