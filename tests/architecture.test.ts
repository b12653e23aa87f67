import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The layering the README promises: a pure domain, adapters around it, nothing pointing inwards-out. */

const repo = join(import.meta.dirname, '..');
const root = join(repo, 'src');
const DEV_TENANT = 'm365-dev-tenant';
const devTenant = join(repo, 'packages', DEV_TENANT);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

function dynamicImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('architecture', () => {
  it('src/domain does no I/O and depends on no adapter', () => {
    const allowedPackages = new Set(['temporal-polyfill', 'date-holidays']);
    for (const file of sources(join(root, 'domain'))) {
      for (const spec of imports(file)) {
        const where = `${relative(root, file)} imports ${spec}`;
        if (spec.startsWith('.')) expect(resolve(dirname(file), spec).startsWith(join(root, 'domain')), where).toBe(true);
        else expect(allowedPackages.has(spec), where).toBe(true);
      }
    }
  });

  it('src/app depends only on the domain and its own ports', () => {
    for (const file of sources(join(root, 'app'))) {
      for (const spec of imports(file)) {
        expect(spec.startsWith('./') || spec.startsWith('../domain/') || spec.startsWith('../platform/'), `${relative(root, file)} imports ${spec}`).toBe(true);
      }
    }
  });

  it('only local start-up, tests, benchmarks and scripts use the dev tenant, through its package name', () => {
    const allowed = ['src/local', 'tests', 'bench', 'scripts'].map((dir) => join(repo, dir));
    for (const file of ['src', 'tests', 'bench', 'scripts'].flatMap((dir) => sources(join(repo, dir)))) {
      for (const spec of [...imports(file), ...dynamicImports(file)]) {
        const where = `${relative(repo, file)} imports ${spec}`;
        // Production code must never reach the dev tenant (the deploy package leaves it out) ...
        if (spec === DEV_TENANT || spec.startsWith(`${DEV_TENANT}/`)) expect(allowed.some((dir) => file.startsWith(dir + '/')), where).toBe(true);
        // ... and the rest goes through its exports, not into its files.
        if (spec.startsWith('.')) expect(resolve(dirname(file), spec).startsWith(devTenant + '/'), where).toBe(false);
      }
    }
  });

  it('the dev tenant speaks Graph: it uses nothing of the product, and only the dependencies it declares', () => {
    const pkg = JSON.parse(readFileSync(join(devTenant, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const dir of ['src', 'tests']) {
      for (const file of sources(join(devTenant, dir))) {
        for (const spec of [...imports(file), ...dynamicImports(file)]) {
          const where = `${relative(repo, file)} imports ${spec}`;
          if (spec.startsWith('.')) expect(resolve(dirname(file), spec).startsWith(devTenant + '/'), where).toBe(true);
          else if (dir === 'src' && !spec.startsWith('node:')) expect(Object.keys(pkg.dependencies), where).toContain(packageName(spec));
          else expect(spec.startsWith('/') || spec.startsWith('itguy-dsar'), where).toBe(false);
        }
      }
    }
  });

  it('the deploy build (tsconfig.build.json) contains no dev tenant', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(repo, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    expect(config?.fileNames.length).toBeGreaterThan(0);
    for (const file of config!.fileNames.map((f) => resolve(f))) {
      expect(file.startsWith(join(repo, 'src') + '/'), file).toBe(true);
      expect(file.startsWith(join(repo, 'src', 'local') + '/'), file).toBe(false);
      // tsc would pull the dev tenant in through an import even though it is not included.
      for (const spec of [...imports(file), ...dynamicImports(file)]) expect(packageName(spec), `${relative(repo, file)} imports ${spec}`).not.toBe(DEV_TENANT);
    }
  });

  it('what is deployed imports only production dependencies (the package has no devDependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(root, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The add-in's browser code is bundled at build time (esbuild, into dist/addin): its imports never run on the server.
    const devOnly = [join(root, 'local'), join(root, 'addin', 'web')];
    for (const file of sources(root)) {
      if (devOnly.some((dir) => file.startsWith(dir + '/'))) continue;
      const text = readFileSync(file, 'utf8');
      const dynamic = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
      for (const spec of [...imports(file), ...dynamic]) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        expect(Object.keys(pkg.dependencies), `${relative(root, file)} imports ${spec}`).toContain(name);
      }
    }
  });
});
