import { CommanderError } from 'commander';
import { DomainError } from '../domain/errors.js';
import { StoreUnavailableError } from '../store/store-unavailable.js';
import { buildProgram } from './program.js';
import { errorText } from '../platform/error-text.js';
import { terminalSafeLines } from './terminal-text.js';

/**
 * `dsar`: the command line for the DSAR assistant. Exit codes: 0 done; 2 invalid input or usage
 * (the message names the problem); 1 refused by the rules, not found, or the store is unreachable.
 */
const EXIT_INVALID = 2;
const EXIT_FAILED = 1;

function fail(message: string, code: number): never {
  // Error texts quote what was typed or stored (a name, a reason): printed with controls made visible.
  process.stderr.write(`dsar: ${terminalSafeLines(message)}\n`);
  process.exit(code);
}

try {
  await (await buildProgram(process.argv)).parseAsync(process.argv);
} catch (error) {
  // Help and version end here too; commander has already printed what it had to say.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_INVALID);
  if (error instanceof DomainError) fail(error.message, error.code === 'invalid_input' ? EXIT_INVALID : EXIT_FAILED);
  // Loaded only now: the configuration module (and its schema library) is not part of every start.
  const { ConfigError } = await import('../config/config.js');
  if (error instanceof ConfigError) fail(error.message, EXIT_INVALID);
  if (error instanceof StoreUnavailableError) {
    fail(
      `${error.message}\n` +
        '  Start the local store with `npm start` in the project folder (it runs Azurite and the app),\n' +
        '  or set DSAR_TABLES_ENDPOINT or DSAR_TABLES_CONNECTION_STRING to use another store.',
      EXIT_FAILED,
    );
  }
  fail(errorText(error), EXIT_FAILED);
}
