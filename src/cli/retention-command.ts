import type { Command } from 'commander';
import { instant } from './option-values.js';
import type { CaseRepository } from '../app/ports.js';
import type { RetentionResult } from '../app/retention.js';
import type { Config } from '../config/config.js';
import { cliConfig } from './context.js';
import { parseInstantWithOffset } from '../domain/index.js';

/**
 * `dsar retention run`: deletes closed cases whose retention period has ended, keeping an anonymous
 * statistic of each. Logs every deletion (case id and dates only) as JSON lines on stderr, like the app.
 */

const print = (text: string): void => void process.stdout.write(`${text}\n`);

/** The configured case store, for the commands that work on it directly (retention, report). */
export async function openCaseRepository(config?: Config): Promise<CaseRepository> {
  const { openCases } = await import('../compose.js');
  // Few retries: on a terminal, "nothing is listening" should be said at once, not after a back-off.
  return (await openCases(config ?? (await cliConfig()), { maxRetries: 1 })).table;
}

/** `--now`, checked before anything touches the store: a moment with a UTC offset, or the current one. */
export function nowOption(text: string | undefined): string {
  return text === undefined ? new Date().toISOString() : parseInstantWithOffset(text, '--now').toString();
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function resultText(result: RetentionResult): string {
  const asOf = result.now;
  const head = result.dryRun
    ? `Dry run as of ${asOf}: would delete ${plural(result.deleted.length, 'case')}; nothing was deleted. ${plural(result.kept, 'closed case')} kept.`
    : `Retention run as of ${asOf}: deleted ${plural(result.deleted.length, 'case')}; ${plural(result.kept, 'closed case')} kept.`;
  const lines = result.deleted.map(
    (d) => `  ${d.id.padEnd(16)} closed ${d.closedAt?.slice(0, 10) ?? '?'}  delete after ${d.deleteAfter ?? '?'}`,
  );
  const failed = result.failed.map((f) => `  ${f.id.padEnd(16)} NOT deleted: ${f.reason}`);
  const tail = result.deleted.length && !result.dryRun ? ['', 'Their anonymous statistics are kept for `dsar report`.'] : [];
  return [head, ...lines, ...failed, ...tail].join('\n');
}

export function registerRetentionCommand(program: Command): void {
  const retention = program.command('retention').description('the retention rules: delete closed cases whose period has ended');
  retention
    .command('run')
    .description('delete closed and dismissed cases whose delete-after date has passed; an anonymous statistic of each stays')
    .option('--now <iso>', 'run as of this moment, ISO 8601 with UTC offset (default: now)', instant)
    .option('--dry-run', 'list what would be deleted, delete nothing')
    .option('--json', 'print {now, dryRun, deleted: [{id, closedAt, deleteAfter}], kept, failed} as JSON')
    .addHelpText(
      'after',
      '\nA case is deleted the day after its delete-after date (closure + DSAR_RETENTION_YEARS, fixed at closure):\n' +
        'its record, audit trail and message keys. Open cases are never deleted. Safe to run again at any time.\n' +
        'Exit 1 if a case could not be deleted (the next run tries again).',
    )
    .action(async (options: { now?: string; dryRun?: boolean; json?: boolean }) => {
      const now = nowOption(options.now);
      const config = await cliConfig();
      const [{ RetentionService }, { createLogger }, { pino }] = await Promise.all([
        import('../app/retention.js'),
        import('../logging/logger.js'),
        import('pino'),
      ]);
      // Logs go to stderr, synchronously, so stdout stays the command's output and nothing is lost on exit.
      const logger = createLogger(config.logLevel, pino.destination({ dest: 2, sync: true }));
      const service = new RetentionService({ repository: await openCaseRepository(config), log: logger });
      const result = await service.run({ now, dryRun: options.dryRun ?? false });
      print(options.json ? JSON.stringify(result, null, 2) : resultText(result));
      if (result.failed.length) {
        process.stderr.write(`dsar: ${plural(result.failed.length, 'case')} could not be deleted; run again to finish\n`);
        process.exitCode = 1;
      }
    });
}
