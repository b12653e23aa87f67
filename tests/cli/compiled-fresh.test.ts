import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_ID, compiledIsFresh } from '../../scripts/compiled-fresh.mjs';

/** bin/dsar.js and npm start run dist/ only while no source is newer than its build; else the TypeScript. */

describe('compiledIsFresh', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  /** A source tree (src/a.ts, src/web/page.ts, skipped) whose files and folders all date from t=100 s. */
  function project() {
    const root = mkdtempSync(join(tmpdir(), 'dsar-fresh-'));
    dirs.push(root);
    const source = join(root, 'src');
    mkdirSync(join(source, 'web'), { recursive: true });
    writeFileSync(join(source, 'a.ts'), 'export {};');
    writeFileSync(join(source, 'web', 'page.ts'), 'export {};');
    for (const path of [join(source, 'a.ts'), join(source, 'web', 'page.ts'), join(source, 'web'), source]) at(path, 100);
    const stamp = join(root, '.compiled');
    const trees = [{ source, out: join(root, 'dist'), skip: [join(source, 'web')] }];
    const fresh = () => compiledIsFresh(trees, stamp);
    return { source, stamp, fresh };
  }

  it('is false without a build, true once a build is newer than every source', () => {
    const p = project();
    expect(p.fresh()).toBe(false);
    writeFileSync(p.stamp, BUILD_ID);
    at(p.stamp, 200);
    expect(p.fresh()).toBe(true);
  });

  it('is false when the build was made with other options (another BUILD_ID)', () => {
    const p = project();
    writeFileSync(p.stamp, 'an older build\n');
    at(p.stamp, 200);
    expect(p.fresh()).toBe(false);
  });

  it('is false once a source is edited after the build', () => {
    const p = project();
    writeFileSync(p.stamp, BUILD_ID);
    at(p.stamp, 200);
    at(join(p.source, 'a.ts'), 300);
    expect(p.fresh()).toBe(false);
  });

  it('is false once a source is added or removed after the build (its folder changes)', () => {
    const p = project();
    writeFileSync(p.stamp, BUILD_ID);
    at(p.stamp, 200);
    rmSync(join(p.source, 'a.ts'));
    expect(p.fresh()).toBe(false);
  });

  it('ignores the trees it does not compile (the add-in pages have their own build)', () => {
    const p = project();
    writeFileSync(p.stamp, BUILD_ID);
    at(p.stamp, 200);
    at(join(p.source, 'web', 'page.ts'), 300);
    expect(p.fresh()).toBe(true);
  });
});
