import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unignoredDataDir } from '../../src/local/data-dir-check.js';

/** `npm start` refuses a DSAR_DATA_DIR inside a git work tree that git would commit (real git, real repositories). */

const scratch = mkdtempSync(join(tmpdir(), 'dsar-datadir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function repo(name: string, gitignore?: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  execFileSync('git', ['init', '-q', dir]);
  if (gitignore !== undefined) writeFileSync(join(dir, '.gitignore'), gitignore);
  return dir;
}

describe('the data directory check of npm start', () => {
  it('refuses a data directory git does not ignore, naming the files and what to do', async () => {
    const dir = repo('bare', 'node_modules/\n.data/\n');
    const reason = await unignoredDataDir(join(dir, 'state'), dir);
    expect(reason).toMatch(/DSAR_DATA_DIR \(state\) is inside the git repository/);
    expect(reason).toMatch(/state\/devtenant\/dev-tenant-key\.pem/);
    expect(reason).toMatch(/Add the directory to \.gitignore, or point DSAR_DATA_DIR outside/);
  });

  it('accepts the default .data/, an ignored directory, and any directory under the project .gitignore', async () => {
    const dir = repo('ignored', 'node_modules/\n.data/\nmine/\n');
    expect(await unignoredDataDir(join(dir, '.data'), dir)).toBeUndefined();
    expect(await unignoredDataDir(join(dir, 'mine'), dir)).toBeUndefined();
    const project = repo('project', readFileSync(join(import.meta.dirname, '..', '..', '.gitignore'), 'utf8'));
    expect(await unignoredDataDir(join(project, 'elsewhere', 'data'), project)).toBeUndefined();
  });

  it('has nothing to check outside a work tree or for a directory outside the repository', async () => {
    const dir = repo('outside', '');
    expect(await unignoredDataDir(join(scratch, 'not-in-it'), dir)).toBeUndefined();
    const plain = join(scratch, 'plain');
    mkdirSync(plain);
    expect(await unignoredDataDir(join(plain, 'data'), plain)).toBeUndefined();
  });
});
