import type { Command } from 'commander';
import { terminalSafe } from './terminal-text.js';
import { parseCaseId } from '../domain/index.js';
import { cliActor, cliConfig } from './context.js';
import { openGraph } from './graph-context.js';

/**
 * `dsar search <case id>`: searches every mailbox and OneDrive for the case's identifiers, to the end
 * (resuming an interrupted run), and prints the hits. The JSON shape is a contract for scripts.
 */

const print = (text: string): void => void process.stdout.write(`${text}\n`);

async function openCliDiscovery() {
  const config = await cliConfig();
  // Locally, as under `npm start`, packages go to the demo DPO's OneDrive.
  if (config.mode === 'local') config.discovery.exportDrive ??= config.local.demoDpo.upn;
  const [{ openCases, openDiscovery }, { createLogger }] = await Promise.all([import('../compose.js'), import('../logging/logger.js')]);
  const { table, cases } = await openCases(config, { maxRetries: 1 });
  const graph = await openGraph(config);
  return openDiscovery(config, { graph, cases, repository: table, logger: createLogger('silent') });
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description("search every mailbox and OneDrive for the case's identifiers (e-mail, name, phone, and those added)")
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .option(
      '--json',
      'print {caseId, mailboxesSearched, drivesSearched, hits: [{source, kind, id, title, date}], durationMs, throttledRetries}',
    )
    .option('--fresh', 'start over instead of resuming an interrupted search')
    .action(async (id: string, options: { json?: boolean; fresh?: boolean }) => {
      const caseId = parseCaseId(id);
      const { service } = await openCliDiscovery();
      const result = await service.search(caseId, cliActor(), { fresh: options.fresh ?? false });
      if (options.json) {
        print(
          JSON.stringify({
            caseId: result.caseId,
            mailboxesSearched: result.mailboxesSearched,
            drivesSearched: result.drivesSearched,
            hits: result.hits.map((h) => ({ source: h.source, kind: h.kind, id: h.id, title: h.title, date: h.date })),
            durationMs: result.durationMs,
            throttledRetries: result.throttledRetries,
          }),
        );
        return;
      }
      print(
        `${result.caseId}: ${result.mailboxesSearched} mailboxes and ${result.drivesSearched} OneDrives searched in ${(result.durationMs / 1000).toFixed(1)} s; ${result.hits.length} hits`,
      );
      if (result.capped) print(`  warning: ${result.capped} mailbox(es) reached Graph's 1,000-result cap; narrow the identifiers`);
      for (const h of result.hits) print(terminalSafe(`  ${h.date.slice(0, 10)}  ${h.kind.padEnd(7)} ${h.source.padEnd(24)} ${h.title}`));
    });

  program
    .command('export')
    .description("build the answer package from the included hits (all hits before any review) in the DPO's OneDrive")
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .option('--json', 'print {caseId, drive, folder, webUrl, included, withheld, files: [{path, bytes}]}')
    .addHelpText(
      'after',
      '\nThe package goes to DSAR/<case id>/ in the OneDrive of DSAR_EXPORT_DRIVE (locally the demo DPO).\nNothing is sent to the data subject.',
    )
    .action(async (id: string, options: { json?: boolean }) => {
      const caseId = parseCaseId(id);
      const discovery = await openCliDiscovery();
      const result = await discovery.exportPackage(caseId, cliActor());
      if (options.json) return print(JSON.stringify(result));
      print(
        `${result.caseId}: answer package in ${result.drive}'s OneDrive, ${result.folder}/${result.webUrl ? ` (${result.webUrl})` : ''}`,
      );
      print(`  ${result.included} items included, ${result.withheld} withheld; ${result.files.length} files:`);
      for (const f of result.files) print(terminalSafe(`  ${f.path}  (${f.bytes} bytes)`));
      print('Nothing was sent to the data subject.');
    });
}
