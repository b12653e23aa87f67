import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles the Outlook add-in's pages (src/addin/web) into dist/addin, which the app serves under
 * /addin/. Part of `npm run build`; `npm start` and the tests run it too, so a clean clone needs no step.
 */

const root = fileURLToPath(new URL('../', import.meta.url));
export const ADDIN_OUT = `${root}dist/addin`;

export async function buildAddin({ minify = true } = {}): Promise<string> {
  const source = `${root}src/addin/web`;
  rmSync(ADDIN_OUT, { recursive: true, force: true });
  mkdirSync(ADDIN_OUT, { recursive: true });
  await build({
    entryPoints: [`${source}/taskpane.ts`, `${source}/commands.ts`],
    outdir: ADDIN_OUT,
    bundle: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    minify,
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of ['taskpane.html', 'commands.html', 'addin.css']) cpSync(`${source}/${file}`, `${ADDIN_OUT}/${file}`);
  cpSync(`${source}/assets`, `${ADDIN_OUT}/assets`, { recursive: true });
  return ADDIN_OUT;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildAddin();
  console.log(`add-in pages built into ${ADDIN_OUT}`);
}
