import type { Command } from 'commander';
import { terminalSafe } from './terminal-text.js';
import { HIT_KINDS, invalidInput, parseCaseId, parseSourceChoice, skipReasonText } from '../domain/index.js';
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
    .description(
      "search Microsoft 365 for the case's identifiers (e-mail, name, phone, and those added): mailboxes, OneDrives, SharePoint, Teams chats and channels, calendars, contacts, Copilot",
    )
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .option(
      '--sources <list>',
      'comma-separated: mail, onedrive, sharepoint, chats, channels (teams = both), calendar, contacts, copilot, or the hit kinds (message, file, siteFile …); default all',
    )
    .option(
      '--json',
      'print {caseId, mailboxesSearched, drivesSearched, sources: {<kind>: {searched, failed, skipped}}, hits: [{source, kind, id, title, date, webUrl, foundIn}], duplicatesSkipped, ownSkipped, durationMs, throttledRetries}',
    )
    .option('--fresh', 'start over instead of resuming an interrupted search')
    .action(async (id: string, options: { json?: boolean; fresh?: boolean; sources?: string }) => {
      const caseId = parseCaseId(id);
      const kinds = options.sources === undefined ? [] : parseSourceChoice(options.sources);
      const { service } = await openCliDiscovery();
      const result = await service.search(caseId, cliActor(), { fresh: options.fresh ?? false, kinds });
      if (options.json) {
        print(
          JSON.stringify({
            caseId: result.caseId,
            mailboxesSearched: result.mailboxesSearched,
            drivesSearched: result.drivesSearched,
            sources: result.sources,
            hits: result.hits.map((h) => ({
              source: h.source,
              kind: h.kind,
              id: h.id,
              title: h.title,
              date: h.date,
              ...(h.webUrl ? { webUrl: h.webUrl } : {}),
              foundIn: (h.foundIn ?? [{ source: h.source, id: h.id }]).map((p) => ({
                source: p.source,
                id: p.id,
                ...(p.webUrl ? { webUrl: p.webUrl } : {}),
              })),
            })),
            duplicatesSkipped: result.duplicatesSkipped,
            ownSkipped: result.ownSkipped,
            durationMs: result.durationMs,
            throttledRetries: result.throttledRetries,
          }),
        );
        return;
      }
      print(`${result.caseId}: searched in ${(result.durationMs / 1000).toFixed(1)} s; ${result.hits.length} hits`);
      for (const kind of HIT_KINDS) {
        const s = result.sources[kind];
        if (!s) continue;
        const notes = [s.failed ? `${s.failed} partly failed` : '', s.skipped ? `not searched: ${skipReasonText(s.skipped, 'en')}` : '']
          .filter(Boolean)
          .join('; ');
        print(terminalSafe(`  ${kind.padEnd(19)} ${String(s.searched).padStart(5)} searched${notes ? ` (${notes})` : ''}`));
      }
      if (result.duplicatesSkipped) print(`  ${result.duplicatesSkipped} copies of the same item counted once`);
      if (result.ownSkipped) print(`  ${result.ownSkipped} items left out: answer packages and the case's own correspondence`);
      if (result.capped) print(`  warning: ${result.capped} mailbox(es) reached Graph's 1,000-result cap; narrow the identifiers`);
      for (const h of result.hits) {
        const places = (h.foundIn?.length ?? 1) > 1 ? ` (+${(h.foundIn?.length ?? 1) - 1} more places)` : '';
        print(terminalSafe(`  ${h.date.slice(0, 10)}  ${h.kind.padEnd(18)} ${h.source.padEnd(24)} ${h.title}${places}`));
      }
    });

  program
    .command('export')
    .description("build the answer package from the included hits (all hits before any review) in the DPO's OneDrive")
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .option(
      '--json',
      'print {caseId, drive, folder, webUrl, included, withheld, files: n, redactedItems, redactions, duplicatesSkipped, unreadable, paths: [{path, bytes}], lettersNotWritten}',
    )
    .addHelpText(
      'after',
      '\nThe package goes to DSAR/<case id>/ in the OneDrive of DSAR_EXPORT_DRIVE (locally the demo DPO).\nNothing is sent to the data subject.',
    )
    .action(async (id: string, options: { json?: boolean }) => {
      const caseId = parseCaseId(id);
      const discovery = await openCliDiscovery();
      const result = await discovery.exportPackage(caseId, cliActor());
      // The contract counts files; their paths and sizes follow as `paths`.
      if (options.json) {
        const { files, ...rest } = result;
        return print(JSON.stringify({ ...rest, files: files.length, paths: files }));
      }
      print(
        `${result.caseId}: answer package in ${result.drive}'s OneDrive, ${result.folder}/${result.webUrl ? ` (${result.webUrl})` : ''}`,
      );
      print(`  ${result.included} items included, ${result.withheld} withheld; ${result.files.length} files:`);
      if (result.redactedItems)
        print(`  ${result.redactions} redactions of other people's data in ${result.redactedItems} items (redaction-log.csv)`);
      if (result.unreadable)
        print(`  warning: the text of ${result.unreadable} items or attachments could not be read: review them by hand`);
      for (const f of result.files) print(terminalSafe(`  ${f.path}  (${f.bytes} bytes)`));
      print('Nothing was sent to the data subject.');
    });

  program
    .command('redactions')
    .description("other people's data proposed for redaction in the included items (Art. 15(4)), and the DPO's decisions")
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .argument('[decision]', 'keep or redact (with a proposal id, or --person)')
    .argument('[proposal-id]', 'the id listed for the value')
    .option('--person <key>', 'decide for everything of this person in every item (the key listed, e.g. name:lene dahl)')
    .option('--json', 'print [{hitKey, title, kind, unreadable, proposals: [{id, kind, value, person, decision, reason}]}]')
    .action(
      async (id: string, decision: string | undefined, proposalId: string | undefined, options: { json?: boolean; person?: string }) => {
        const caseId = parseCaseId(id);
        const { service } = await openCliDiscovery();
        if (decision !== undefined && decision !== 'keep' && decision !== 'redact')
          throw invalidInput(`decision must be keep or redact, not "${decision}"`);
        const items = await service.redactions(caseId);
        if (decision !== undefined) {
          if (options.person) {
            if (!items.some((i) => i.proposals.some((p) => p.person === options.person)))
              throw invalidInput(`no proposal for person "${options.person}" in ${caseId}: list them with dsar redactions ${caseId}`);
            await service.decideRedaction(caseId, { person: options.person }, decision, cliActor());
          } else {
            const item = items.find((i) => i.proposals.some((p) => p.id === proposalId));
            if (!proposalId || !item)
              throw invalidInput(`no proposal "${proposalId ?? ''}" in ${caseId}: list them with dsar redactions ${caseId}`);
            await service.decideRedaction(caseId, { hitKey: item.hitKey, proposalId }, decision, cliActor());
          }
          print(
            `${caseId}: ${decision === 'keep' ? 'kept' : 'redacted'} ${options.person ? `everything of ${options.person}` : proposalId}`,
          );
          return;
        }
        if (options.json) return print(JSON.stringify(items));
        for (const item of items) {
          if (!item.proposals.length && !item.unreadable) continue;
          print(terminalSafe(`${item.kind} ${item.title}${item.unreadable ? '  (text not readable: review by hand)' : ''}`));
          for (const p of item.proposals)
            print(terminalSafe(`  ${p.id}  ${p.decision.padEnd(6)} ${p.kind.padEnd(5)} ${p.value}  [${p.person}] ${p.reason.en}`));
        }
      },
    );
}
