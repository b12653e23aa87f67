import type { Command } from 'commander';
import type { AssumptionState } from '../app/register-answers.js';
import { cliActor, cliConfig } from './context.js';
import { localTime } from './format.js';
import { terminalSafeLines } from './terminal-text.js';

/**
 * `dsar register`: the register's assumptions and the DPO's answer to each (what letters may state), and
 * `dsar register confirm|reject <id>` to answer one from the command line (the same table as the card).
 */

const print = (text: string): void => void process.stdout.write(text);

function stateLine(s: AssumptionState): string {
  const c = s.latest;
  if (!c) return 'not confirmed (letters leave it out)';
  const who = `${c.by.name ?? c.by.id}, ${localTime(c.at)}`;
  if (c.decision === 'confirmed') return `confirmed by ${who}`;
  if (c.decision === 'rejected') return `rejected by ${who} (letters leave it out)`;
  return `edited by ${who}: ${c.text?.en ?? ''}`;
}

async function answers() {
  const { openRegisterAnswers } = await import('../compose.js');
  return openRegisterAnswers(await cliConfig());
}

function printStates(states: readonly AssumptionState[], json: boolean | undefined): void {
  if (json) {
    print(`${JSON.stringify(states, null, 2)}\n`);
    return;
  }
  const open = states.filter((s) => !s.latest || s.latest.decision === 'rejected').length;
  const lines = states.flatMap((s) => [
    `${s.assumption.id}  ${s.assumption.topic.en}`,
    `  policy says:  ${s.assumption.policySays.en}`,
    `  assumed:      ${s.assumption.assumed.en}`,
    `  to confirm:   ${s.assumption.toConfirm.en}`,
    `  state:        ${stateLine(s)}${s.answers > 1 ? ` (${s.answers} answers in the trail)` : ''}`,
  ]);
  print(terminalSafeLines(`${lines.join('\n')}\n${states.length - open} of ${states.length} confirmed or edited.\n`));
}

export function registerRegisterCommand(program: Command): void {
  const register = program
    .command('register')
    .description("the register's assumptions and the DPO's answers: letters state only confirmed ones")
    .option('--json', 'print each assumption with its answer in force as JSON')
    .action(async (options: { json?: boolean }) => printStates(await (await answers()).states(), options.json));
  register
    .command('confirm')
    .description('confirm an assumption as it stands, or with --value-da and --value-en replace it with your own words')
    .argument('<id>', 'e.g. purpose:marketing, transfer:xena (see `dsar register`)')
    .option('--value-da <text>', 'your own words, in Danish (for Danish letters)')
    .option('--value-en <text>', 'your own words, in English (for English letters)')
    .action(async (id: string, options: { valueDa?: string; valueEn?: string }) => {
      const edited = options.valueDa !== undefined || options.valueEn !== undefined;
      const text = {
        ...(options.valueDa !== undefined ? { da: options.valueDa } : {}),
        ...(options.valueEn !== undefined ? { en: options.valueEn } : {}),
      };
      const answer = await (await answers()).answer(
        { id, decision: edited ? 'edited' : 'confirmed', ...(edited ? { text } : {}) },
        cliActor(),
      );
      print(`${answer.id}: ${answer.decision}\n`);
    });
  register
    .command('reject')
    .description('reject an assumption: letters keep leaving it out')
    .argument('<id>', 'e.g. purpose:employment')
    .action(async (id: string) => {
      const answer = await (await answers()).answer({ id, decision: 'rejected' }, cliActor());
      print(`${answer.id}: ${answer.decision}\n`);
    });
}
