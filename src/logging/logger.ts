import { pino, type Logger, type LoggerOptions } from 'pino';
import { scrub, scrubFields } from './scrub.js';

export type { Logger };

/**
 * Structured JSON logs. Personal data never belongs in a log line: log case ids, counts and states,
 * not names, addresses, subjects or bodies. Two safety nets for mistakes: the redaction list drops
 * fields that hold personal data by name, and every string (error texts above all) is scrubbed of
 * addresses, phone numbers and quoted values, whoever wrote the call.
 */
const PERSONAL_FIELDS = [
  'requester',
  'dataSubject',
  'email',
  'name',
  'phone',
  'subject',
  'body',
  'from',
  'to',
  'cc',
  'sender',
  'replyTo',
  'displayName',
  'givenName',
  'surname',
  'userPrincipalName',
  'upn',
  'unique_name',
  'preferred_username',
  'address',
  'bodyPreview',
  'preview',
  'text',
  'requesterEmail',
  'requesterName',
  'headers',
];
const SECRET_FIELDS = ['connectionString', 'token', 'accessToken', 'clientSecret', 'password', 'clientState'];

export const REDACTED_PATHS = [
  ...[...PERSONAL_FIELDS, ...SECRET_FIELDS].flatMap((field) => [field, `*.${field}`]),
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Set (by the tests) to a file that gets every line any logger writes, at debug level, for checking. */
export const LOG_FILE_ENV = 'DSAR_LOG_FILE';
const CAPTURE_LEVEL = 'debug';

export interface LoggerExtras {
  /** The company's own role mailboxes (the watched ones, the DPO's): kept in log lines, every other address scrubbed. */
  keepAddresses?: readonly string[];
}

export function createLogger(
  level: LoggerOptions['level'] = 'info',
  destination?: pino.DestinationStream,
  extras: LoggerExtras = {},
): Logger {
  const captureFile = process.env[LOG_FILE_ENV];
  const keep = new Set((extras.keepAddresses ?? []).map((a) => a.trim().toLowerCase()).filter(Boolean));
  const options: LoggerOptions = {
    level,
    base: { service: 'dsar' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log: (object) => scrubFields(object, keep) as Record<string, unknown>,
      bindings: (bindings) => scrubFields(bindings, keep) as Record<string, unknown>,
    },
    hooks: {
      // The message (and any printf arguments) is text too.
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg, keep) : arg)) as Parameters<typeof method>);
      },
    },
  };
  if (!captureFile) return scrubbingChildren(destination ? pino(options, destination) : pino(options), keep);
  const streams: pino.StreamEntry[] = [{ level: CAPTURE_LEVEL, stream: pino.destination({ dest: captureFile, append: true, sync: true }) }];
  if (level !== 'silent') streams.push({ level: level as pino.Level, stream: destination ?? pino.destination(1) });
  // The logger lets through what either stream wants; each stream filters to its own level.
  const lowest = level === 'silent' || pino.levels.values[CAPTURE_LEVEL]! < pino.levels.values[level as string]! ? CAPTURE_LEVEL : level;
  return scrubbingChildren(pino({ ...options, level: lowest }, pino.multistream(streams)), keep);
}

/** pino applies formatters.bindings to the root's bindings only; a child's are scrubbed here (children inherit this). */
function scrubbingChildren(logger: Logger, keep: ReadonlySet<string>): Logger {
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, scrubFields(bindings, keep) as typeof bindings, options);
  } as typeof child;
  return logger;
}
