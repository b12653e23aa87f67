// tsx scripts/deploy-manifest.ts <repo> <deploy dir>: package.json and package-lock.json for the deploy
// package, without the npm workspaces (packages/*, only the dev tenant), which are never shipped. Everything
// else in the lock stays as it is, so `npm ci --omit=dev` there installs exactly the locked versions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [repo, out] = process.argv.slice(2);
if (!repo || !out) throw new Error('usage: tsx scripts/deploy-manifest.ts <repo> <deploy dir>');
interface Lock {
  packages: Record<string, { workspaces?: string[]; link?: boolean; resolved?: string }>;
}

const read = (file: string): unknown => JSON.parse(readFileSync(join(repo, file), 'utf8'));
const write = (file: string, value: unknown) => writeFileSync(join(out, file), `${JSON.stringify(value, null, 2)}\n`);

const pkg = read('package.json') as { workspaces?: string[]; scripts?: Record<string, string> };
const workspaces = pkg.workspaces ?? [];
delete pkg.workspaces;
// The deploy package ships dist/ compiled by tsc and no scripts/: an `npm install` there (App Service may run
// one) must not run the checkout's compile step.
delete pkg.scripts?.prepare;
write('package.json', pkg);

const lock = read('package-lock.json') as Lock;
delete lock.packages['']!.workspaces;
// A workspace appears twice in the lock: its folder ("packages/x") and its link ("node_modules/x").
const folders = Object.keys(lock.packages).filter(
  (key) =>
    key !== '' && !key.includes('node_modules/') && workspaces.some((glob) => new RegExp(`^${glob.replaceAll('*', '[^/]+')}$`).test(key)),
);
for (const folder of folders) {
  delete lock.packages[folder];
  for (const [key, entry] of Object.entries(lock.packages)) if (entry.link && entry.resolved === folder) delete lock.packages[key];
}
write('package-lock.json', lock);
