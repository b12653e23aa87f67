import type { Command } from 'commander';
import { instant } from './option-values.js';
import type { ReminderDelivery, ReminderOutcome } from '../app/reminder-service.js';
import { cliConfig } from './context.js';
import { nowOption } from './retention-command.js';

/**
 * `dsar reminders run [--now]`: one reminder pass as if it were that moment, through the Teams bot, with
 * the same ledger as the app (so a reminder the app already sent is not sent again, and vice versa).
 */

const print = (text: string): void => void process.stdout.write(`${text}\n`);

function resultText(now: string, outcomes: ReminderOutcome[], dryRun: boolean): string {
  const sent = outcomes.filter((o) => o.status === 'sent');
  const head = dryRun
    ? `Dry run as of ${now}: would send ${outcomes.length} reminder${outcomes.length === 1 ? '' : 's'}; nothing was sent.`
    : `Reminders as of ${now}: sent ${sent.length}.`;
  const lines = outcomes.map((o) => {
    const what =
      o.status === 'sent'
        ? `to ${o.delivered} conversation${o.delivered === 1 ? '' : 's'}`
        : o.status === 'nobody'
          ? 'NOT sent: nobody has the bot installed yet'
          : 'would send';
    const covered = o.covered.length ? `  (stands for ${o.covered.length} missed)` : '';
    return `  ${o.caseId.padEnd(16)} ${o.kind.padEnd(19)} due ${o.due}  ${what}${covered}`;
  });
  return [head, ...lines].join('\n');
}

export function registerRemindersCommand(program: Command): void {
  const reminders = program.command('reminders').description('deadline reminders to the DPOs in Teams');
  reminders
    .command('run')
    .description('send the reminders due at this moment (each only once, like the app does every 5 minutes)')
    .option('--now <iso>', 'run as of this moment, ISO 8601 with UTC offset (default: now)', instant)
    .option('--dry-run', 'list what would be sent, send and record nothing')
    .option('--json', 'print [{caseId, kind, key, day, due, delivered, covered, status}] as JSON')
    .addHelpText(
      'after',
      '\nReminders (by default; DSAR_REMINDER_* settings): unconfirmed after 3 working days; 7 days before the\n' +
        'first deadline if not extended; 7, 3 and 1 days before the deadline; on the day; daily when overdue;\n' +
        'weekly while waiting for identity. From 08:00 Copenhagen time. After downtime only the most urgent\n' +
        'reminder per case goes out. Without a Teams bot configured (Azure without DSAR_BOT_APP_ID) it is a dry run.',
    )
    .action(async (options: { now?: string; dryRun?: boolean; json?: boolean }) => {
      const now = nowOption(options.now);
      const config = await cliConfig();
      const [{ openCases, openLedger, openProactive, reminderService }, { createLogger }, { pino }] = await Promise.all([
        import('../compose.js'),
        import('../logging/logger.js'),
        import('pino'),
      ]);
      const logger = createLogger(config.logLevel, pino.destination({ dest: 2, sync: true }));
      const { table: repository, cases } = await openCases(config, { maxRetries: 1, now: () => now });
      let dryRun = options.dryRun ?? false;
      let delivery: ReminderDelivery | undefined;
      if (!dryRun) {
        const { botReminderDelivery } = await import('../bot/reminder-delivery.js');
        const bot = await openProactive(config, cases, logger);
        if (bot) delivery = botReminderDelivery(bot.proactive, bot.handlers);
        else {
          process.stderr.write('dsar: no Teams bot configured (DSAR_BOT_APP_ID): showing what would be sent\n');
          dryRun = true;
        }
      }
      const service = await reminderService(config, { repository, ledger: await openLedger(config), logger });
      const outcomes = await service.run({ now: new Date(now), dryRun, ...(delivery ? { delivery } : {}) });
      print(options.json ? JSON.stringify(outcomes, null, 2) : resultText(now, outcomes, dryRun));
    });
}
