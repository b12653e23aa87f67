import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layering the README promises: a pure domain, adapters around it, nothing pointing inwards-out. */

const root = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

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

  it('only local start-up and tests use the dev tenant; it uses nothing of the product', () => {
    const devtenant = join(root, 'devtenant');
    for (const file of sources(root)) {
      const inside = file.startsWith(devtenant + '/');
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        const where = `${relative(root, file)} imports ${spec}`;
        // Production code must never reach the dev tenant (the deploy package leaves it out) ...
        if (!inside && target.startsWith(devtenant + '/')) expect(file.startsWith(join(root, 'local') + '/'), where).toBe(true);
        // ... and the dev tenant speaks Graph, so it must not borrow the product's own code.
        if (inside) expect(target.startsWith(devtenant + '/'), where).toBe(true);
      }
    }
  });

  it('what is deployed imports only production dependencies (the package has no devDependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(root, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // The add-in's browser code is bundled at build time (esbuild, into dist/addin): its imports never run on the server.
    const devOnly = [join(root, 'local'), join(root, 'devtenant'), join(root, 'addin', 'web')];
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

  it('only src/graph talks to Microsoft Graph: no .api( call anywhere else (the dev tenant is Graph itself)', () => {
    const allowed = [join(root, 'graph'), join(root, 'devtenant')];
    const offenders = sources(root)
      .filter((file) => !allowed.some((dir) => file.startsWith(dir + '/')))
      .filter((file) => readFileSync(file, 'utf8').includes('.api('))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
