#!/usr/bin/env node
// The `dsar` command. In a checkout it runs the TypeScript source through tsx, so `npx dsar` works right
// after `npm install` with no build step; in a deploy package (no src/) it runs the compiled dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
