import type { Command } from 'commander';
import type { SetAsideMail } from '../app/ports.js';
import { cliConfig } from './context.js';
import { invalidInput, parseInstantWithOffset } from '../domain/index.js';
import { terminalSafe } from './terminal-text.js';
import { localTime } from './format.js';

/**
 * `dsar intake ignored [--since]`: what intake set aside as positively not a request (newsletters,
 * auto-replies, invoices, ...), with the reason, so nobody has to trust a silent filter.
 */

const print = (text: string): void => void process.stdout.write(`${text}\n`);
const DAY = 86_400_000;

/** `--since`: a date (Copenhagen midnight is close enough for a listing), an instant, or "7d". */
export function sinceOption(text: string | undefined, now = new Date()): Date {
  if (text === undefined) return new Date(now.getTime() - 7 * DAY);
  const days = /^(\d{1,4})d$/.exec(text.trim());
  if (days) return new Date(now.getTime() - Number(days[1]) * DAY);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return new Date(`${text.trim()}T00:00:00Z`);
  try {
    return new Date(parseInstantWithOffset(text, '--since').epochMilliseconds);
  } catch {
    throw invalidInput(`--since "${text}" is not a date (2026-12-01), an instant with offset or a number of days (14d)`);
  }
}

function line(m: SetAsideMail): string {
  const from = m.from.name && m.from.address ? `${m.from.name} <${m.from.address}>` : (m.from.address ?? m.from.name ?? '(unknown)');
  const made = m.caseId ? `  -> ${m.caseId}` : '';
  return `  ${localTime(m.receivedAt)}  ${m.kind.padEnd(22)} ${m.mailbox}  ${from}\n      "${m.subject}"  (${m.reason})${made}`;
}

export function registerIntakeCommand(program: Command): void {
  const intake = program.command('intake').description('what the mailbox watcher did with the mail it read');
  intake
    .command('ignored')
    .description('list the mail intake set aside as not a request, with the reason')
    .option('--since <when>', 'from this date (2026-12-01), instant, or number of days back (14d); default 7d')
    .option('--json', 'print the records as a JSON array')
    .addHelpText(
      'after',
      '\nOnly mail that is positively something else is set aside (auto-replies, bounces, newsletters, invoices,\n' +
        'calendar traffic, known vendor notices); anything a person may have written about their own data becomes\n' +
        'a case marked as needing confirmation. Records are kept 90 days. To make one a case: "Opret sag" on the\n' +
        'Teams digest card, or `dsar case new`.',
    )
    .action(async (options: { since?: string; json?: boolean }) => {
      const since = sinceOption(options.since);
      const { openSetAsideRecords } = await import('../compose.js');
      const records = await (await openSetAsideRecords(await cliConfig())).list({ since });
      if (options.json) return print(JSON.stringify(records, null, 2));
      if (!records.length) return print(`Nothing set aside since ${localTime(since.toISOString())}.`);
      const kinds = new Map<string, number>();
      for (const r of records) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
      const summary = [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
      print(`Set aside since ${localTime(since.toISOString())}: ${records.length} (${summary.join(', ')})`);
      // Subjects and senders come from outside mail: no control character reaches the terminal.
      for (const r of records) print(terminalSafe(line(r)));
    });
}
