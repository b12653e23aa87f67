import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endOfLife, findings, installedPackages, type AdvisoryList } from '../../scripts/dependency-audit.js';

const advisory = {
  id: 'GHSA-test-0001',
  package: 'uuid',
  vulnerable: '>=3.0.0 <11.1.1 || >=12.0.0 <12.0.1',
  severity: 'moderate' as const,
  summary: 'test',
  url: 'https://github.com/advisories/GHSA-test-0001',
};
const lock = {
  packages: {
    '': { version: '0.1.0' },
    'node_modules/uuid': { version: '11.1.1' },
    'node_modules/restify/node_modules/uuid': { version: '9.0.1' },
    'node_modules/azurite/node_modules/uuid': { version: '3.4.0', dev: true },
    'node_modules/other/node_modules/uuid': { version: '12.0.0' },
    'node_modules/m365-dev-tenant': { link: true, resolved: 'packages/m365-dev-tenant' },
  },
};

describe('dependency audit', () => {
  it('reads every installed copy of a package from the lockfile, with its place and whether it is dev-only', () => {
    const installed = installedPackages(lock);
    expect(installed.map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`)).toEqual([
      'uuid@11.1.1',
      'uuid@9.0.1',
      'uuid@3.4.0 dev',
      'uuid@12.0.0',
    ]);
  });

  it('finds the copies in the vulnerable range and nothing else', () => {
    const list: AdvisoryList = { reviewed: '2026-12-07', advisories: [advisory] };
    expect(findings(installedPackages(lock), list, '2026-12-07').map((f) => f.installed.version)).toEqual(['9.0.1', '3.4.0', '12.0.0']);
  });

  it('an acceptance for dev copies does not cover a shipped copy, and ends on its date', () => {
    const accepted = [{ id: advisory.id, package: 'uuid', only: 'dev' as const, reason: 'dev only', until: '2027-01-31' }];
    const list: AdvisoryList = { reviewed: '2026-12-07', advisories: [advisory], accepted };
    const open = (today: string) =>
      findings(installedPackages(lock), list, today)
        .filter((f) => !f.accepted)
        .map((f) => f.installed.version);
    expect(open('2026-12-07')).toEqual(['9.0.1', '12.0.0']);
    expect(open('2027-02-01')).toEqual(['9.0.1', '3.4.0', '12.0.0']);
  });

  it('names shipped packages past their end of life', () => {
    const list: AdvisoryList = {
      reviewed: '2026-12-07',
      advisories: [],
      endOfLife: [{ package: 'uuid', versions: '<10', note: 'old' }],
    };
    expect(endOfLife(installedPackages(lock), list).map((e) => e.installed.path)).toEqual(['node_modules/restify/node_modules/uuid']);
  });

  // Checked against today on purpose: when an acceptance in security/advisories.json runs out (the dev-only
  // Azurite copies on 2027-06-30), this fails with no code change, so someone looks at the advisory again.
  it("the project's own lockfile has no open finding: the overrides keep restify's and botbuilder's copies fixed", () => {
    const list = JSON.parse(readFileSync('security/advisories.json', 'utf8')) as AdvisoryList;
    const installed = installedPackages(JSON.parse(readFileSync('package-lock.json', 'utf8')));
    expect(findings(installed, list, new Date().toISOString().slice(0, 10)).filter((f) => !f.accepted)).toEqual([]);
    const shipped = installed.filter((p) => !p.dev && (p.name === 'uuid' || p.name === 'send'));
    expect(shipped.length).toBeGreaterThan(0);
  });
});
