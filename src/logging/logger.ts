import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Personal data never belongs in a log line: log case ids, counts and states,
 * not names, addresses, subjects or bodies. The redaction list is the safety net for mistakes.
 */
export const REDACTED_PATHS = [
  'requester',
  'dataSubject',
  'email',
  'name',
  'phone',
  'subject',
  'body',
  '*.requester',
  '*.dataSubject',
  '*.email',
  '*.phone',
  '*.subject',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
  'connectionString',
  '*.connectionString',
];

export function createLogger(level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'dsar' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
