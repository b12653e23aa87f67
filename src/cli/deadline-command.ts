import type { Command } from 'commander';
// The deadline engine's own modules, not the domain's index: `dsar deadline` then loads no letters or register.
import { computeDeadlines, refuseLatePauses, type PauseSpan } from '../domain/deadlines.js';
import { invalidInput } from '../domain/errors.js';

function parsePause(text: string): PauseSpan {
  const match = /^([^/]+)\/([^/]+)$/.exec(text.trim());
  if (!match) throw invalidInput(`pause "${text}" must be written <YYYY-MM-DD>/<YYYY-MM-DD>`);
  return { from: match[1]!, to: match[2]! };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `dsar deadline`: the deadline engine on its own. Its output is a contract checked by scripts: keep it exact. */
export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('compute the answer deadlines for a request received at a given moment')
    .requiredOption('--received <iso>', 'when the request arrived, ISO 8601 with UTC offset (e.g. 2026-03-05T10:00+01:00)')
    .option('--pause <from/to>', 'a pause of the clock, e.g. 2026-03-03/2026-03-10 (repeatable)', collect, [] as string[])
    .addHelpText(
      'after',
      '\nPrints {"receivedDate","due","extendedDue","pausedDays"} as one JSON line.\n' +
        'Rules: receipt day in Copenhagen, +1 (or +3) months clamped to month end, plus paused days,\n' +
        'rolled past Saturdays, Sundays and Danish public holidays. A pause may not start after the deadline\n' +
        'it would move (exit 2).',
    )
    .action((options: { received: string; pause: string[] }) => {
      const input = { receivedAt: options.received, pauses: options.pause.map(parsePause) };
      const { receivedDate, due, extendedDue, pausedDays } = computeDeadlines(input);
      refuseLatePauses(input);
      process.stdout.write(`${JSON.stringify({ receivedDate, due, extendedDue, pausedDays })}\n`);
    });
}
