import { execFile } from 'node:child_process';
import { isAbsolute, join, relative } from 'node:path';

/**
 * `npm start` keeps cases (personal data) and the dev tenant's TLS private key under DSAR_DATA_DIR.
 * Inside a git work tree that directory must be ignored, or one `git add .` commits them: refused, not
 * warned about, because a warning scrolls away in the start-up output and the commit cannot be undone
 * once pushed. Without git, or outside a work tree, there is nothing to commit to and nothing to check.
 */

// Files the local mode writes, relative to the data directory: all of them must be ignored.
const WRITTEN = ['azurite/__azurite_db_table__.json', 'devtenant/tenant.json', 'devtenant/dev-tenant-key.pem'];

const git = (cwd: string, args: string[]) =>
  new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile('git', args, { cwd, timeout: 10_000 }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });

/** Why the data directory must not be used (a sentence for the operator), or undefined when it is fine. */
export async function unignoredDataDir(dataDir: string, cwd = process.cwd()): Promise<string | undefined> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  // git missing (-1/ENOENT) or not a work tree (128): nothing could be committed.
  if (top.code !== 0) return undefined;
  const root = top.stdout.trim();
  const inside = relative(root, dataDir);
  if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
  const files = WRITTEN.map((file) => join(inside, file));
  // check-ignore prints the paths it was given that are ignored (exit 1 when none is).
  const ignored = await git(root, ['check-ignore', '--no-index', '--', ...files]);
  const covered = new Set(ignored.stdout.split('\n').filter(Boolean));
  const open = files.filter((f) => !covered.has(f));
  if (open.length === 0) return undefined;
  return (
    `DSAR_DATA_DIR (${inside || '.'}) is inside the git repository at ${root} and git does not ignore ` +
    `${open.join(', ')}: cases and the dev tenant's private key would be committable. ` +
    'Add the directory to .gitignore, or point DSAR_DATA_DIR outside the repository (the default .data/ is ignored).'
  );
}
