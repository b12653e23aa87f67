import { userInfo } from 'node:os';
import type { CaseService } from '../app/case-service.js';
import type { Config } from '../config/config.js';
import type { Actor } from '../domain/index.js';

/** The CLI talks to the same store as the running app: the local Azurite of `npm start` unless configured otherwise. */
export async function openCaseService(): Promise<CaseService> {
  const config = await cliConfig();
  // The store and its SDK load only for commands that need them; `dsar deadline` stays quick.
  const { openCases } = await import('../compose.js');
  // Few retries: on a terminal, "nothing is listening" should be said at once, not after a back-off.
  return (await openCases(config, { maxRetries: 1 })).cases;
}

/**
 * The configuration, loaded when a command needs it: its schema library is a tenth of a second of start-up
 * that `dsar deadline` and `--help` do without.
 */
export async function cliConfig(): Promise<Config> {
  const { loadConfig } = await import('../config/config.js');
  return loadConfig();
}

/** Who is acting, for the audit trail: DSAR_ACTOR if set (e.g. an initials convention), else the OS user. */
export function cliActor(): Actor {
  const id = process.env.DSAR_ACTOR?.trim() || safeUserName();
  return { kind: 'cli', id };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
