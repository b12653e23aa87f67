// Whether the JavaScript that scripts/compile.mjs wrote is up to date with the TypeScript it came from. Plain
// JavaScript with Node's own modules: bin/dsar.js and src/local/launch.mjs ask it before every run, so it must
// cost milliseconds (one stat per source file and folder, no hashing, no git).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What is compiled, and where to: the app (src, but not the add-in's and the tab's browser pages) and the dev tenant. */
export const TREES = [
  { source: join(ROOT, 'src'), out: join(ROOT, 'dist'), skip: [join(ROOT, 'src/addin/web'), join(ROOT, 'src/tab/web')] },
  { source: join(ROOT, 'packages/m365-dev-tenant/src'), out: join(ROOT, 'packages/m365-dev-tenant/dist'), skip: [] },
];

/** What the stamp says: a build by other options (change this with them) is not fresh and is redone in full. */
export const BUILD_ID = 'scripts/compile.mjs: esbuild transform, esm, target node20.19, v1\n';

/** Written last by a build; its mtime is set to when that build started, so an edit during the build counts as newer. */
export const STAMP = join(ROOT, 'dist/.compiled');

/** The newest mtime (ms) of any file or folder in the tree: a folder's changes when a file is added, removed or renamed. */
export function newestMtime(dir, skip, newest = 0) {
  let latest = Math.max(newest, statSync(dir).mtimeMs);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(path)) latest = newestMtime(path, skip, latest);
    } else latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** True when a build finished after the last change to any compiled source (other trees and stamp: for tests). */
export function compiledIsFresh(trees = TREES, stamp = STAMP) {
  let built;
  try {
    if (readFileSync(stamp, 'utf8') !== BUILD_ID) return false;
    built = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  return trees.every((tree) => newestMtime(tree.source, tree.skip) < built);
}
