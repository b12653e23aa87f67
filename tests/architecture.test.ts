import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The house rules the README's architecture map promises, checked on every import (static and dynamic):
 * a pure domain and classifier, use cases and ports in app/, features that never import each other,
 * one composition root, one way to Graph, and a dev tenant that never reaches production.
 */

const repo = join(import.meta.dirname, '..');
const root = join(repo, 'src');
const FEATURES = ['intake', 'discovery', 'bot', 'api', 'jobs', 'tab', 'register'];
const DEV_TENANT = 'm365-dev-tenant';
const devTenant = join(repo, 'packages', DEV_TENANT);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module a file imports: `import … from`, `export … from`, `import '…'` and `import('…')`. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...[...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
  ];
}

/** The top folder of src/ a relative import lands in ('compose.ts' for the root), or undefined for a package. */
function folderOf(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(root, resolve(dirname(file), spec));
  return target.startsWith('..') ? `../${target}` : target.split(sep)[0]!;
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('architecture', () => {
  it('src/domain does no I/O and depends on no adapter', () => {
    const allowedPackages = new Set(['temporal-polyfill', 'date-holidays', 'date-holidays-parser']);
    for (const file of sources(join(root, 'domain'))) {
      for (const spec of imports(file)) {
        const where = `${relative(root, file)} imports ${spec}`;
        if (spec.startsWith('.')) expect(folderOf(file, spec), where).toBe('domain');
        else expect(allowedPackages.has(spec), where).toBe(true);
      }
    }
  });

  it('src/classifier is pure: the domain, its own files and text libraries, no I/O', () => {
    const allowedPackages = /^(mailparser|html-to-text|@orama\/stemmers(\/.*)?)$/;
    for (const file of sources(join(root, 'classifier'))) {
      for (const spec of imports(file)) {
        const where = `${relative(root, file)} imports ${spec}`;
        if (spec.startsWith('.')) expect(['classifier', 'domain', 'platform'], where).toContain(folderOf(file, spec));
        else expect(spec, where).toMatch(allowedPackages);
      }
    }
  });

  it('src/app depends only on the domain, the platform contracts and its own ports', () => {
    for (const file of sources(join(root, 'app'))) {
      for (const spec of imports(file)) {
        expect(['app', 'domain', 'platform'], `${relative(root, file)} imports ${spec}`).toContain(folderOf(file, spec));
      }
    }
  });

  it('features never import another feature, the host or the composition root (events cross in compose.ts)', () => {
    for (const feature of FEATURES) {
      for (const file of sources(join(root, feature))) {
        for (const spec of imports(file)) {
          const target = folderOf(file, spec);
          if (target === undefined) continue;
          const where = `${relative(root, file)} imports ${spec}`;
          expect([...FEATURES.filter((f) => f !== feature), 'server', 'cli', 'local', 'compose.ts'], where).not.toContain(target);
        }
      }
    }
  });

  it('platform/, store/, graph/ and config/ depend on no feature and no host', () => {
    for (const lower of ['platform', 'store', 'graph', 'config']) {
      for (const file of sources(join(root, lower))) {
        for (const spec of imports(file)) {
          const target = folderOf(file, spec);
          if (target === undefined) continue;
          expect([...FEATURES, 'server', 'cli', 'local', 'compose.ts'], `${relative(root, file)} imports ${spec}`).not.toContain(target);
        }
      }
    }
  });

  it('services are built in compose.ts: no other file constructs the case service or the Graph client', () => {
    const builders = /new CaseService\(|createGraphClient\(|new DpoAccess\(/;
    const allowed = new Set(['compose.ts', join('graph', 'graph-client.ts'), join('app', 'case-service.ts'), join('app', 'dpo-access.ts')]);
    for (const file of sources(root)) {
      if (allowed.has(relative(root, file))) continue;
      expect(readFileSync(file, 'utf8'), relative(root, file)).not.toMatch(builders);
    }
  });

  it('only local start-up, tests, benchmarks and scripts use the dev tenant, through its package name', () => {
    const allowed = ['src/local', 'tests', 'bench', 'scripts'].map((dir) => join(repo, dir));
    for (const file of ['src', 'tests', 'bench', 'scripts'].flatMap((dir) => sources(join(repo, dir)))) {
      for (const spec of imports(file)) {
        const where = `${relative(repo, file)} imports ${spec}`;
        // Production code must never reach the dev tenant (the deploy package leaves it out) ...
        if (spec === DEV_TENANT || spec.startsWith(`${DEV_TENANT}/`))
          expect(
            allowed.some((dir) => file.startsWith(`${dir}/`)),
            where,
          ).toBe(true);
        // ... and the rest goes through its exports, not into its files.
        if (spec.startsWith('.')) expect(resolve(dirname(file), spec).startsWith(`${devTenant}/`), where).toBe(false);
      }
    }
  });

  it('the dev tenant speaks Graph: it uses nothing of the product, and only the dependencies it declares', () => {
    const pkg = JSON.parse(readFileSync(join(devTenant, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const dir of ['src', 'tests']) {
      for (const file of sources(join(devTenant, dir))) {
        for (const spec of imports(file)) {
          const where = `${relative(repo, file)} imports ${spec}`;
          if (spec.startsWith('.')) expect(resolve(dirname(file), spec).startsWith(`${devTenant}/`), where).toBe(true);
          else if (dir === 'src' && !spec.startsWith('node:')) expect(Object.keys(pkg.dependencies), where).toContain(packageName(spec));
          else expect(spec.startsWith('/') || spec.startsWith('itguy-dsar'), where).toBe(false);
        }
      }
    }
  });

  it('the deploy build (tsconfig.build.json) contains no dev tenant', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(repo, 'tsconfig.build.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    expect(config?.fileNames.length).toBeGreaterThan(0);
    for (const file of config!.fileNames.map((f) => resolve(f))) {
      expect(file.startsWith(`${join(repo, 'src')}/`), file).toBe(true);
      expect(file.startsWith(`${join(repo, 'src', 'local')}/`), file).toBe(false);
      // tsc would pull the dev tenant in through an import even though it is not included.
      for (const spec of imports(file)) expect(packageName(spec), `${relative(repo, file)} imports ${spec}`).not.toBe(DEV_TENANT);
    }
  });

  it('what is deployed imports only production dependencies (the package has no devDependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The add-in's browser code is bundled at build time (esbuild, into dist/addin): its imports never run on the server.
    const devOnly = [join(root, 'local'), join(root, 'addin', 'web'), join(root, 'tab', 'web')];
    for (const file of sources(root)) {
      if (devOnly.some((dir) => file.startsWith(dir + sep))) continue;
      for (const spec of imports(file)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        expect(Object.keys(pkg.dependencies), `${relative(root, file)} imports ${spec}`).toContain(packageName(spec));
      }
    }
  });

  it('botbuilder stays behind the bot protocol file, so a move to the Agents SDK touches it alone', () => {
    const users = sources(root)
      .filter((file) => imports(file).some((spec) => /^(botbuilder|botframework-)/.test(packageName(spec))))
      .map((file) => relative(root, file));
    expect(users).toEqual([join('bot', 'bot-framework.ts')]);
  });

  it('only src/graph talks to Microsoft Graph: no .api( call anywhere else in src/', () => {
    const offenders = sources(root)
      .filter((file) => !file.startsWith(join(root, 'graph') + sep))
      .filter((file) => readFileSync(file, 'utf8').includes('.api('))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
