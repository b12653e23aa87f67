import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../../src/local/azurite.js';
import { launchChromium, screenshotDir } from './browser.js';
import { ctrlC, npmStart, type Started } from './npm-start.js';

/** What a Playground test works with; filled in by the suite's beforeAll. */
export interface PlaygroundSession {
  page: Page;
  /** The started app's environment (free ports, its own data directory): for `dsar` calls against it. */
  env: Record<string, string>;
  shots: string;
  /** Types `text` into the Playground's compose box and sends it. */
  say(text: string): Promise<void>;
}

/**
 * Registers the suite's beforeAll/afterAll for a real Teams client: `npm start` in local mode on free ports
 * with the demo inbox, then headless Chromium on the Microsoft 365 Agents Playground as the demo DPO.
 * `prepare` runs once the app is up and before the page opens (e.g. a case opened through `dsar`).
 */
export function usePlayground(
  name: string,
  options: { viewportHeight: number; prepare?: (env: Record<string, string>) => Promise<void> },
): PlaygroundSession {
  const dataDir = mkdtempSync(join(tmpdir(), `dsar-${name}-e2e-`));
  let started: Started | undefined;
  let browser: Browser | undefined;
  const session = {
    shots: screenshotDir(name),
    async say(text: string) {
      const box = session.page.locator('[data-lexical-editor="true"]');
      await box.click();
      await box.fill(text);
      await session.page.keyboard.press('Enter');
    },
  } as PlaygroundSession;

  beforeAll(async () => {
    session.env = {
      PORT: String(await freePort()),
      DSAR_LOCAL_TABLES_PORT: String(await freePort()),
      DSAR_DEV_TENANT_PORT: String(await freePort()),
      DSAR_PLAYGROUND_PORT: String(await freePort()),
      DSAR_DATA_DIR: dataDir,
    };
    started = await npmStart(session.env, 90_000);
    await options.prepare?.(session.env);
    browser = await launchChromium();
    session.page = await browser.newPage({ viewport: { width: 1400, height: options.viewportHeight } });
    // The Playground's page is large; on a loaded machine its first load takes a while.
    await session.page.goto(`http://localhost:${session.env.DSAR_PLAYGROUND_PORT}`, { timeout: 90_000, waitUntil: 'domcontentloaded' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (started) await ctrlC(started);
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`screenshots: ${session.shots}`);
  });

  return session;
}
