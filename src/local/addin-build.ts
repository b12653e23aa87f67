import { cpSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { newestMtime } from '../../scripts/compiled-fresh.mjs';

/**
 * Bundles the Outlook add-in's pages (src/addin/web) into dist/addin, which the app serves under
 * /addin/. Part of `npm run build` (scripts/build-addin.ts); `npm start` and the tests run it too, so a clean
 * clone needs no step. Same depth in src/local and dist/local, so the paths hold for both.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = `${root}src/addin/web`;
export const ADDIN_OUT = `${root}dist/addin`;
/** The Teams tab's page (src/tab/web), served under /tab/ (dist/tab holds the compiled server side): built with the add-in, by the same step. */
const TAB_SOURCE = `${root}src/tab/web`;
export const TAB_OUT = `${root}dist/tab-page`;
/** Written after a build, dated when it started, with the options it was built with. */
const STAMP = join(ADDIN_OUT, '.built');

export async function buildAddin({ minify = true } = {}): Promise<string> {
  const started = new Date();
  rmSync(ADDIN_OUT, { recursive: true, force: true });
  rmSync(TAB_OUT, { recursive: true, force: true });
  mkdirSync(ADDIN_OUT, { recursive: true });
  await build({
    entryPoints: [`${SOURCE}/taskpane.ts`, `${SOURCE}/commands.ts`],
    outdir: ADDIN_OUT,
    bundle: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    minify,
    sourcemap: true,
    logLevel: 'warning',
  });
  // The tab as ES modules split into chunks: the charts load only when the year is shown, not before the table.
  await build({
    entryPoints: [`${TAB_SOURCE}/tab.ts`],
    outdir: TAB_OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    minify,
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of ['tab.html', 'tab.css']) cpSync(`${TAB_SOURCE}/${file}`, `${TAB_OUT}/${file}`);
  for (const file of ['taskpane.html', 'commands.html', 'addin.css']) cpSync(`${SOURCE}/${file}`, `${ADDIN_OUT}/${file}`);
  cpSync(`${SOURCE}/assets`, `${ADDIN_OUT}/assets`, { recursive: true });
  writeFileSync(STAMP, JSON.stringify({ minify }));
  // Dated when the build started: a page edited during the build counts as newer.
  utimesSync(STAMP, started, started);
  return ADDIN_OUT;
}

/** Whether dist/addin was built with these options after the last change to its sources. */
export function addinIsFresh({ minify = true } = {}): boolean {
  try {
    const built = statSync(STAMP).mtimeMs;
    const { minify: builtMinified } = JSON.parse(readFileSync(STAMP, 'utf8')) as { minify: boolean };
    return builtMinified === minify && Math.max(newestMtime(SOURCE, []), newestMtime(TAB_SOURCE, [])) < built;
  } catch {
    return false;
  }
}

/** `npm start`: the pages as they are when nothing changed since the last build (the common restart), else built. */
export async function buildAddinUnlessFresh(): Promise<'built' | 'fresh'> {
  if (addinIsFresh()) return 'fresh';
  await buildAddin();
  return 'built';
}
