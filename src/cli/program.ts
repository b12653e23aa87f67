import { Command } from 'commander';
import { registerCaseCommands } from './case-commands.js';
import { registerClassifyCommand } from './classify-command.js';
import { registerDeadlineCommand } from './deadline-command.js';
import { registerDevCommands } from './dev-commands.js';
import { registerIntakeCommand } from './intake-command.js';
import { registerLetterCommand } from './letter-command.js';
import { registerRegisterCommand } from './register-command.js';
import { registerRemindersCommand } from './reminders-command.js';
import { registerSearchCommands } from './search-commands.js';
import { registerReportCommand } from './report-command.js';
import { registerRetentionCommand } from './retention-command.js';
import { terminalSafeLines } from './terminal-text.js';

// Commander quotes the bad value it was given; it is printed with its control characters made visible.
const formatError = (text: string, write: (s: string) => void) =>
  write(`dsar: ${terminalSafeLines(text.replace(/^error: /, '').replace(/\n$/, ''))}\n`);

/** The `dsar` command tree. Usage errors throw CommanderError (exitOverride) so main() picks the exit code. */
export function buildProgram(): Command {
  const program = new Command('dsar').description('GDPR data-subject requests for ITGuy ApS: deadlines and cases');
  registerDeadlineCommand(program);
  registerCaseCommands(program);
  registerDevCommands(program);
  registerRetentionCommand(program);
  registerReportCommand(program);
  registerClassifyCommand(program);
  registerRemindersCommand(program);
  registerSearchCommands(program);
  registerIntakeCommand(program);
  registerLetterCommand(program);
  registerRegisterCommand(program);
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ outputError: formatError });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Every command, depth first, for help and documentation checks. */
export function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}
