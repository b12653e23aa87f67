#!/usr/bin/env node
// The `dsar` command. It runs JavaScript: in a deploy package (no src/) the compiled dist/; in a checkout
// dist/ as `npm install` compiled it (scripts/compile.mjs, the `prepare` script), as long as no source is
// newer than that build. Otherwise (a source just edited, or no build) the TypeScript through tsx, so
// `npx dsar` works right after `npm install` and never runs stale code.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(source)) await import(compiled.href);
else {
  const { compiledIsFresh } = await import('../scripts/compiled-fresh.mjs');
  if (compiledIsFresh()) await import(compiled.href);
  else {
    const { register } = await import('tsx/esm/api');
    register();
    await import(source.href);
  }
}
