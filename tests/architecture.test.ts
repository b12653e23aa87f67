import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rules the README's architecture map promises, checked on every import (static and dynamic):
 * a pure domain and classifier, use cases and ports in app/, features that never import each other,
 * one composition root, one way to Graph, and a dev tenant that never reaches production.
 */

const repo = join(import.meta.dirname, '..');
const root = join(repo, 'src');
const FEATURES = ['intake', 'discovery', 'bot', 'api', 'jobs'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every module a file imports: `import … from`, `export … from`, and `import('…')`. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...[...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
  ];
}

/** The top folder of src/ a relative import lands in ('compose.ts' for the root), or undefined for a package. */
function folderOf(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(root, resolve(dirname(file), spec));
  return target.startsWith('..') ? `../${target}` : target.split(sep)[0]!;
}

const folder = (file: string) => relative(root, file).split(sep)[0]!;

describe('architecture', () => {
  it('src/domain does no I/O and depends on no adapter', () => {
    const allowedPackages = new Set(['temporal-polyfill', 'date-holidays']);
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
      if (allowed.has(relative(root, file)) || folder(file) === 'devtenant') continue;
      expect(readFileSync(file, 'utf8'), relative(root, file)).not.toMatch(builders);
    }
  });

  it('only local start-up and tests use the dev tenant; it uses nothing of the product', () => {
    const devtenant = join(root, 'devtenant');
    for (const file of sources(root)) {
      const inside = file.startsWith(devtenant + sep);
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        const where = `${relative(root, file)} imports ${spec}`;
        // Production code must never reach the dev tenant (the deploy package leaves it out) ...
        if (!inside && target.startsWith(devtenant + sep)) expect(folder(file), where).toBe('local');
        // ... and the dev tenant speaks Graph, so it must not borrow the product's own code.
        if (inside) expect(target.startsWith(devtenant + sep), where).toBe(true);
      }
    }
  });

  it('what is deployed imports only production dependencies (the package has no devDependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The add-in's browser code is bundled at build time (esbuild, into dist/addin): its imports never run on the server.
    const devOnly = [join(root, 'local'), join(root, 'devtenant'), join(root, 'addin', 'web')];
    for (const file of sources(root)) {
      if (devOnly.some((dir) => file.startsWith(dir + sep))) continue;
      for (const spec of imports(file)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        expect(Object.keys(pkg.dependencies), `${relative(root, file)} imports ${spec}`).toContain(name);
      }
    }
  });

  it('only src/graph talks to Microsoft Graph: no .api( call anywhere else (the dev tenant is Graph itself)', () => {
    const allowed = [join(root, 'graph'), join(root, 'devtenant')];
    const offenders = sources(root)
      .filter((file) => !allowed.some((dir) => file.startsWith(dir + '/')))
      .filter((file) => readFileSync(file, 'utf8').includes('.api('))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
