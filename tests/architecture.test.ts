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
        expect(spec.startsWith('./') || spec.startsWith('../domain/'), `${relative(root, file)} imports ${spec}`).toBe(true);
      }
    }
  });
});
