/**
 * A separate process that opens cases in the store named by its environment, for the test that two
 * processes opening cases at the same moment still get gap-free, duplicate-free ids.
 * Env: DSAR_TABLES_CONNECTION_STRING, DSAR_TABLE_PREFIX, COUNT (distinct requests), SHARED (how many
 * of them reuse message ids shared with the other worker), START_AT (epoch ms: both fire at that moment).
 * Prints the results as JSON.
 */
import { CaseService } from '../../src/app/case-service.js';
import { loadConfig } from '../../src/config/config.js';
import { ITGUY_REGISTER } from '../../src/domain/index.js';
import { openCaseTable } from '../../src/store/open-case-table.js';

const config = loadConfig();
const cases = new CaseService({ repository: await openCaseTable(config), register: ITGUY_REGISTER, retentionYears: 3 });
const count = Number(process.env.COUNT);
const shared = Number(process.env.SHARED);
const me = String(process.pid);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.START_AT) - Date.now())));

const results = await Promise.all(
  Array.from({ length: count }, (_, i) =>
    cases.open(
      {
        receivedAt: '2026-11-20T10:00+01:00',
        channel: 'email',
        requester: { email: `person${i}@example.com` },
        rights: ['access'],
        sourceMessages: [{ internetMessageId: i < shared ? `<shared-${i}@mail.example.com>` : `<${me}-${i}@mail.example.com>` }],
      },
      { kind: 'system', id: `worker-${me}` },
    ),
  ),
);
process.stdout.write(
  JSON.stringify(results.map((r) => ({ id: r.case.id, created: r.created, message: r.case.sourceMessages[0]?.internetMessageId }))),
);
