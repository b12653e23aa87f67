import { readFileSync } from 'node:fs';
import { endOfLife, findings, installedPackages, type AdvisoryList, type Installed } from './dependency-audit.js';

/**
 * `npm run audit`: the lockfile against security/advisories.json (always, offline) and, unless
 * --offline, against the npm registry's advisory endpoint when it answers (it does not on every
 * network). Exits 1 on a finding that is not accepted, so CI fails; prints what it checked either way.
 */

const offline = process.argv.includes('--offline');
const root = new URL('../', import.meta.url);
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'));
const list = JSON.parse(readFileSync(new URL('security/advisories.json', root), 'utf8')) as AdvisoryList;
const installed = installedPackages(lock);
const today = new Date().toISOString().slice(0, 10);

const where = (p: Installed) => `${p.name}@${p.version} (${p.path}${p.dev ? ', dev' : ''})`;
const pinned = findings(installed, list, today);
const open = pinned.filter((f) => !f.accepted);
console.log(
  `audit: ${installed.length} installed packages against ${list.advisories.length} pinned advisories (reviewed ${list.reviewed})`,
);
// One line per advisory and status, with every install it covers: the list stays readable.
const groups = new Map<string, typeof pinned>();
for (const f of pinned) {
  const key = `${f.accepted ? 'accepted' : 'OPEN'}|${f.advisory.id}`;
  groups.set(key, [...(groups.get(key) ?? []), f]);
}
for (const [key, group] of groups) {
  const [{ advisory, accepted }] = group as [(typeof pinned)[number]];
  console.log(
    `  ${key.split('|')[0]} ${advisory.id} (${advisory.severity}, ${advisory.summary}) in ${group.map((f) => where(f.installed)).join(', ')}`,
  );
  console.log(accepted ? `    accepted until ${accepted.until}: ${accepted.reason}` : `    ${advisory.url}`);
}
for (const { entry, installed: p } of endOfLife(installed, list))
  console.log(`  end of life ${where(p)}${entry.since ? ` since ${entry.since}` : ''}: ${entry.note}`);

let registryOpen = 0;
if (!offline) registryOpen = await registryAudit(installed);
if (open.length || registryOpen) {
  console.error(
    `audit: ${open.length + registryOpen} advisory finding(s) not accepted: upgrade, add an override, or accept in security/advisories.json`,
  );
  process.exit(1);
}
console.log('audit: no open findings');

/** The registry's bulk advisory endpoint (what `npm audit` uses); a network that refuses it is said, not failed. */
async function registryAudit(packages: Installed[]): Promise<number> {
  const versions = new Map<string, Set<string>>();
  for (const p of packages) versions.set(p.name, (versions.get(p.name) ?? new Set()).add(p.version));
  const body = Object.fromEntries([...versions].map(([name, set]) => [name, [...set]]));
  try {
    const res = await fetch('https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      console.log(`audit: the registry's advisory endpoint answered ${res.status}; only the pinned list was checked`);
      return 0;
    }
    const known = new Set(list.advisories.flatMap((a) => [a.id, ...(a.aliases ?? [])]));
    const result = (await res.json()) as Record<
      string,
      { url?: string; title?: string; severity?: string; vulnerable_versions?: string }[]
    >;
    let count = 0;
    for (const [name, advisories] of Object.entries(result)) {
      for (const a of advisories) {
        const id = a.url?.split('/').pop() ?? '';
        if (known.has(id) || a.severity === 'low' || a.severity === 'info') continue;
        console.log(`  REGISTRY ${id} ${a.severity} ${name} ${a.vulnerable_versions}: ${a.title} (not in the pinned list: add it)`);
        count++;
      }
    }
    return count;
  } catch (error) {
    console.log(
      `audit: the registry's advisory endpoint could not be reached (${(error as Error).message}); only the pinned list was checked`,
    );
    return 0;
  }
}
