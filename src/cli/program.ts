import { Command } from 'commander';
import { terminalSafeLines } from './terminal-text.js';

// Commander quotes the bad value it was given; it is printed with its control characters made visible.
const formatError = (text: string, write: (s: string) => void) =>
  write(`dsar: ${terminalSafeLines(text.replace(/^error: /, '').replace(/\n$/, ''))}\n`);

type Register = (program: Command) => void;

/**
 * Each family of commands, in help order, with the top-level names it registers. A command's module
 * imports what it needs (the domain, the store, Graph, PDF libraries) at load, so `dsar deadline` loads
 * only the deadline command's: loading every family cost each command most of its start-up.
 */
const FAMILIES: { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ['deadline'], load: async () => (await import('./deadline-command.js')).registerDeadlineCommand },
  { names: ['cases', 'case'], load: async () => (await import('./case-commands.js')).registerCaseCommands },
  { names: ['dev'], load: async () => (await import('./dev-commands.js')).registerDevCommands },
  { names: ['retention'], load: async () => (await import('./retention-command.js')).registerRetentionCommand },
  { names: ['report'], load: async () => (await import('./report-command.js')).registerReportCommand },
  { names: ['classify'], load: async () => (await import('./classify-command.js')).registerClassifyCommand },
  { names: ['reminders'], load: async () => (await import('./reminders-command.js')).registerRemindersCommand },
  { names: ['search', 'export', 'redactions'], load: async () => (await import('./search-commands.js')).registerSearchCommands },
  { names: ['intake'], load: async () => (await import('./intake-command.js')).registerIntakeCommand },
  { names: ['letter'], load: async () => (await import('./letter-command.js')).registerLetterCommand },
  { names: ['register'], load: async () => (await import('./register-command.js')).registerRegisterCommand },
];

/** The top-level names each family registers (tests check them against the full tree). */
export const COMMAND_FAMILIES: readonly (readonly string[])[] = FAMILIES.map((f) => f.names);

/**
 * The `dsar` command tree. Usage errors throw CommanderError (exitOverride) so main() picks the exit code.
 * With `argv` naming a known command, only its family is loaded; otherwise (help, a typo) all of them, so
 * help lists everything and commander's "unknown command" suggestions still work.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('dsar').description('GDPR data-subject requests for ITGuy ApS: deadlines and cases');
  const name = argv[2];
  const named = FAMILIES.find((f) => name !== undefined && f.names.includes(name));
  for (const register of await Promise.all((named ? [named] : FAMILIES).map((f) => f.load()))) register(program);
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
