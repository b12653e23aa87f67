import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { DomainError, parseCaseId } from '../domain/index.js';
import { cliActor } from './context.js';
import { openGraph } from './graph-context.js';

/**
 * `dsar search <case id>`: searches every mailbox and OneDrive for the case's identifiers, to the end
 * (resuming an interrupted run), and prints the hits. The JSON shape is a contract for scripts.
 */

const print = (text: string): void => void process.stdout.write(`${text}\n`);

export async function openDiscovery() {
  const config = loadConfig();
  const [{ openCaseService }, { openDiscoveryTable }, { DiscoveryService }] = await Promise.all([
    import('./context.js'),
    import('../discovery/discovery-table.js'),
    import('../discovery/discovery-service.js'),
  ]);
  const cases = await openCaseService();
  const graph = await openGraph(config);
  return { config, cases, graph, service: new DiscoveryService({ graph, table: await openDiscoveryTable(config), cases }) };
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description("search every mailbox and OneDrive for the case's identifiers (e-mail, name, phone, and those added)")
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .option('--json', 'print {caseId, mailboxesSearched, drivesSearched, hits: [{source, kind, id, title, date}], durationMs, throttledRetries}')
    .option('--fresh', 'start over instead of resuming an interrupted search')
    .action(async (id: string, options: { json?: boolean; fresh?: boolean }) => {
      const caseId = parseCaseId(id);
      const { service } = await openDiscovery();
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
      print(`${result.caseId}: ${result.mailboxesSearched} mailboxes and ${result.drivesSearched} OneDrives searched in ${(result.durationMs / 1000).toFixed(1)} s; ${result.hits.length} hits`);
      if (result.capped) print(`  warning: ${result.capped} mailbox(es) reached Graph's 1,000-result cap; narrow the identifiers`);
      for (const h of result.hits) print(`  ${h.date.slice(0, 10)}  ${h.kind.padEnd(7)} ${h.source.padEnd(24)} ${h.title}`);
    });

  program
    .command('export')
    .description("build the answer package from the included hits (all hits before any review) in the DPO's OneDrive")
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .option('--json', 'print {caseId, drive, folder, webUrl, included, withheld, files: [{path, bytes}]}')
    .addHelpText('after', '\nThe package goes to DSAR/<case id>/ in the OneDrive of DSAR_EXPORT_DRIVE (locally the demo DPO, rhv@itguy.dk).\nNothing is sent to the data subject.')
    .action(async (id: string, options: { json?: boolean }) => {
      const caseId = parseCaseId(id);
      const { config, cases, graph } = await openDiscovery();
      const drive = config.discovery.exportDrive ?? (config.mode === 'local' ? LOCAL_EXPORT_DRIVE : undefined);
      if (!drive) throw new DomainError('invalid_input', "DSAR_EXPORT_DRIVE is not set: whose OneDrive should hold answer packages (e.g. lbh@itguy.dk)?");
      const [{ ExportBuilder }, { openDiscoveryTable }] = await Promise.all([import('../discovery/export-package.js'), import('../discovery/discovery-table.js')]);
      const result = await new ExportBuilder({ graph, table: await openDiscoveryTable(config), cases, drive }).build(caseId, cliActor());
      if (options.json) return print(JSON.stringify(result));
      print(`${result.caseId}: answer package in ${result.drive}'s OneDrive, ${result.folder}/${result.webUrl ? ` (${result.webUrl})` : ''}`);
      print(`  ${result.included} items included, ${result.withheld} withheld; ${result.files.length} files:`);
      for (const f of result.files) print(`  ${f.path}  (${f.bytes} bytes)`);
      print('Nothing was sent to the data subject.');
    });
}

/** Locally, packages go to the demo DPO's OneDrive. */
const LOCAL_EXPORT_DRIVE = 'rhv@itguy.dk';
