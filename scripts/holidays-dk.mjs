// node scripts/holidays-dk.mjs: writes src/domain/holidays-dk.json, Denmark's rules from date-holidays'
// data (the shared holiday names included), so the app parses ~35 KB at start instead of every country's
// ~800 KB (date-holidays' own way to a smaller build is `holidays2json --pick`, which needs its dev tools).
// Run it after upgrading date-holidays; tests/domain/holidays-data.test.ts fails until then.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { data } from 'date-holidays/data';

export const danishData = () => ({
  version: data.version,
  license: data.license,
  holidays: { DK: data.holidays.DK },
  names: data.names,
});

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = fileURLToPath(new URL('../src/domain/holidays-dk.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(danishData(), null, 2)}\n`);
  // In the repository's format, so `npm run lint` accepts the file as written.
  execFileSync('npx', ['biome', 'format', '--write', file], { stdio: 'ignore' });
  console.log('wrote src/domain/holidays-dk.json');
}
