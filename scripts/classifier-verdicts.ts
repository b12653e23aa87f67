import { readdir, readFile } from 'node:fs/promises';
import { classifyEml } from '../src/classifier/index.js';

/**
 * npx tsx scripts/classifier-verdicts.ts > before.json — every field of the classifier's result (verdict,
 * rights, confidence, evidence, ...) for each mail of the corpus and the demo samples, as JSON. Run it before
 * and after a change meant only to make the classifier faster, and `cmp` the two files: they must be equal.
 */

const dirs = ['tests/fixtures/classifier/', 'packages/m365-dev-tenant/src/demo/samples/'];
const out: Record<string, unknown> = {};
for (const dir of dirs) {
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.eml')).sort()) out[dir + f] = await classifyEml(await readFile(dir + f));
}
console.log(JSON.stringify(out, null, 1));
