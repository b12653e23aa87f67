// node scripts/compile.mjs (the `prepare` script: runs on npm install / npm ci in a checkout): transpiles the
// TypeScript of src/ into dist/ and of the dev tenant into packages/m365-dev-tenant/dist/, file by file with
// esbuild (no type check: `npm run typecheck` and the tests do that), so `dsar` and `npm start` run JavaScript
// instead of compiling at every start. Only files newer than their output are redone. Never fails an install:
// without a fresh build, bin/dsar.js and launch.mjs run the TypeScript through tsx as before.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_ID, STAMP, TREES } from './compiled-fresh.mjs';

const isTs = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts');
const outName = (name) => (isTs(name) ? name.replace(/\.ts$/, '.js') : name);

function files(dir, skip, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(path)) files(path, skip, found);
    } else if (!entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

/** Output a build owns: .js (+ .js.map) from .ts, and copies of other files (a .yml, a .cjs, the demo mail). */
function owned(tree, sources) {
  const keep = new Set();
  for (const file of sources) {
    const out = join(tree.out, outName(relative(tree.source, file)));
    keep.add(out);
    if (isTs(file)) keep.add(`${out}.map`);
  }
  return keep;
}

/** Output whose source is gone (deleted or renamed), so the compiled app cannot import what the source no longer has. */
function removeOrphans(tree, keep) {
  let dirs;
  try {
    dirs = files(tree.out, [join(tree.out, 'addin')]);
  } catch {
    return;
  }
  for (const file of dirs) {
    if (/\.(js|js\.map)$/.test(file) && !keep.has(file) && basename(file) !== '.compiled') rmSync(file, { force: true });
  }
}

export async function compile() {
  const started = Date.now();
  const { transform } = await import('esbuild');
  // Output of a build with other options is redone whatever its date.
  const sameOptions = (() => {
    try {
      return readFileSync(STAMP, 'utf8') === BUILD_ID;
    } catch {
      return false;
    }
  })();
  let written = 0;
  for (const tree of TREES) {
    const sources = files(tree.source, tree.skip);
    await Promise.all(
      sources.map(async (file) => {
        const out = join(tree.out, outName(relative(tree.source, file)));
        if (sameOptions && mtime(out) >= mtime(file)) return;
        mkdirSync(dirname(out), { recursive: true });
        written++;
        if (!isTs(file)) return copyFileSync(file, out);
        const { readFile } = await import('node:fs/promises');
        const { code, map } = await transform(await readFile(file, 'utf8'), {
          loader: 'ts',
          format: 'esm',
          target: 'node20.19', // engines.node: keeps import attributes (`with { type: 'json' }`)
          sourcemap: 'external',
          sourcefile: relative(dirname(out), file),
          // As tsconfig.json: imports are kept exactly as written (type-only ones are marked `type`).
          tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
        });
        writeFileSync(out, `${code}//# sourceMappingURL=${basename(out)}.map\n`);
        writeFileSync(`${out}.map`, map);
      }),
    );
    removeOrphans(tree, owned(tree, sources));
  }
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, BUILD_ID);
  const at = new Date(started);
  utimesSync(STAMP, at, at);
  return { written, ms: Date.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { written, ms } = await compile();
    console.log(`compiled ${written} changed file(s) into dist/ in ${ms} ms`);
  } catch (error) {
    // An install must not fail over this: without the stamp, dsar and npm start run the TypeScript through tsx.
    rmSync(STAMP, { force: true });
    console.warn(`scripts/compile.mjs: not compiled (dsar and npm start will use tsx): ${error?.message ?? error}`);
  }
}
