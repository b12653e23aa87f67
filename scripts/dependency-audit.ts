import semver from 'semver';

/**
 * The lockfile against a list of advisories: which installed package versions an advisory covers, and
 * whether that finding was accepted (with a reason and a date to look again). Pure, so it is tested
 * without a registry; scripts/audit.ts reads the files and prints.
 */

export interface Advisory {
  id: string;
  aliases?: string[];
  package: string;
  /** A semver range of the affected versions. */
  vulnerable: string;
  severity: 'low' | 'moderate' | 'high' | 'critical';
  summary: string;
  url: string;
}

export interface Acceptance {
  id: string;
  package: string;
  /** Accepted only where the package is a dev dependency (never shipped to Azure). */
  only?: 'dev';
  reason: string;
  /** YYYY-MM-DD: after this day the finding counts again. */
  until: string;
}

export interface EndOfLife {
  package: string;
  versions: string;
  since?: string;
  note: string;
}

export interface AdvisoryList {
  reviewed: string;
  advisories: Advisory[];
  endOfLife?: EndOfLife[];
  accepted?: Acceptance[];
}

export interface Installed {
  name: string;
  version: string;
  /** Where in node_modules (the lockfile's key), to say who brought it in. */
  path: string;
  dev: boolean;
}

export interface Finding {
  advisory: Advisory;
  installed: Installed;
  accepted?: Acceptance;
}

/** Every installed package of a lockfile v2/v3 (`packages`), workspaces and links left out. */
export function installedPackages(lock: {
  packages?: Record<string, { version?: string; dev?: boolean; link?: boolean; name?: string }>;
}): Installed[] {
  const out: Installed[] = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.includes('node_modules/') || entry.link || !entry.version) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    out.push({ name, version: entry.version, path, dev: entry.dev === true });
  }
  return out;
}

export function findings(installed: Installed[], list: AdvisoryList, today: string): Finding[] {
  const out: Finding[] = [];
  for (const advisory of list.advisories) {
    for (const pkg of installed) {
      if (pkg.name !== advisory.package || !semver.satisfies(pkg.version, advisory.vulnerable, { includePrerelease: true })) continue;
      const accepted = list.accepted?.find(
        (a) => a.id === advisory.id && a.package === pkg.name && (a.only !== 'dev' || pkg.dev) && a.until >= today,
      );
      out.push({ advisory, installed: pkg, ...(accepted ? { accepted } : {}) });
    }
  }
  return out;
}

/** Installed packages past their end of life, for the report (they are known exposures, not failures). */
export function endOfLife(installed: Installed[], list: AdvisoryList): { entry: EndOfLife; installed: Installed }[] {
  return (list.endOfLife ?? []).flatMap((entry) =>
    installed
      .filter((p) => p.name === entry.package && semver.satisfies(p.version, entry.versions) && !p.dev)
      .map((p) => ({ entry, installed: p })),
  );
}
