import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { Request, Response } from '../platform/http.js';
import { BodyRefused, readJsonObject, refusal } from '../platform/json-body.js';
import { isDependencyDown, RETRY_AFTER_SECONDS } from '../platform/outage.js';
import type { BotAdapter, TurnContext } from './bot-framework.js';

/**
 * POST /api/messages: the body read as JSON only (no multipart, nothing on disk, 256 KiB), the activity's
 * basic shape and the adapter's gate (who may send unsigned, which service URLs) checked before
 * authentication or the bot see it (400/403), and the adapter's answer translated, because it
 * answers a thrown error with 500 and the error's text: here that is 503 with Retry-After when Microsoft's
 * sign-in metadata (OpenID configuration, keys) cannot be fetched, and a generic 500 otherwise.
 */

const MAX_ACTIVITY = 256 * 1024;

const account = z.looseObject({ id: z.string().max(1024) });
/** What every Bot Framework activity carries (Teams and the Playground always send these). */
const activityShape = z.looseObject({
  type: z.string({ error: 'type is required' }).min(1, 'type is required').max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: account,
  recipient: account,
  id: z.string().max(1024).optional(),
  text: z.string().optional(),
  locale: z.string().max(64).optional(),
  timestamp: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
  expiration: z.string().max(64).optional(),
});

/** Microsoft's sign-in metadata could not be fetched (node-fetch's network error, or the connector's own words). */
const METADATA_DOWN =
  /Failed to load (openID config|Keys)|request to https?:\/\/\S+ failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed/i;

/**
 * The adapter's own turn entry (what its `process` calls after parsing): called directly so a failure
 * reaches this route as the error itself, not as a 500 carrying its text plus a stack on stderr.
 * botbuilder 4.23 is final, so this protected method will not move.
 */
type ProcessActivity = (
  authHeader: string,
  activity: Record<string, unknown>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<{ status: number; body?: unknown } | undefined>;

/** As the adapter's validateAndFixActivity: the timestamps as Dates, their text kept. */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  const fixed = { ...activity };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof fixed[field] === 'string') {
      fixed[raw] = fixed[field];
      fixed[field] = new Date(fixed[field] as string);
    }
  }
  return fixed;
}

export function activityEndpoint(adapter: BotAdapter, logic: (context: TurnContext) => Promise<void>, logger: Logger) {
  const unavailable = (res: Response) => {
    res.header('Retry-After', String(RETRY_AFTER_SECONDS));
    res.send(503, { code: 'unavailable', message: "Microsoft's sign-in service cannot be reached right now; try again shortly." });
  };
  const failed = (res: Response, status: number) => {
    logger.error({ status }, 'bot: activity failed');
    res.send(500, { code: 'internal_error', message: 'Something went wrong; try again.' });
  };

  return async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    // The gate (activity-gate.ts) first: an unsigned request from another machine is not even read.
    if (!adapter.mayRead(req))
      return void res.send(403, { code: 'forbidden', message: 'This bot accepts activities without a token only from this machine.' });
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req as IncomingMessage, MAX_ACTIVITY);
    } catch (error) {
      if (!(error instanceof BodyRefused)) throw error;
      const { status, headers, body: answer } = refusal(error);
      return void res.send(status, answer, headers);
    }
    const shape = activityShape.safeParse(body);
    if (!shape.success) {
      const reason = shape.error.issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`).join('; ');
      return void res.send(400, { code: 'invalid_activity', message: `Not a Bot Framework activity: ${reason}` });
    }
    const refused = adapter.refusal({ body, socket: req.socket });
    if (refused)
      return void res.send(refused.status, { code: refused.status === 400 ? 'invalid_activity' : 'forbidden', message: refused.reason });
    const processActivity = (adapter as unknown as { processActivity: ProcessActivity }).processActivity.bind(adapter);
    let answer: { status: number; body?: unknown } | undefined;
    try {
      answer = await processActivity(req.header('authorization') ?? '', withDates(body), logic);
    } catch (error) {
      const { name, message, statusCode } = (error ?? {}) as { name?: unknown; message?: unknown; statusCode?: unknown };
      if (isDependencyDown(error) || name === 'FetchError' || METADATA_DOWN.test(String(message ?? ''))) return void unavailable(res);
      // The connector's AuthenticationError: a missing, forged or expired token. Not logged: anyone can send one.
      if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
        return void res.send(401, { code: 'unauthorized', message: 'A valid Bot Framework token is required.' });
      return void failed(res, 500);
    }
    const status = answer?.status ?? 200;
    // An invoke no handler answers (ActivityHandler's 501): the sender asked for something this bot does not do.
    if (status === 501) return void res.send(400, { code: 'unsupported_activity', message: 'This bot does not handle that invoke.' });
    if (status >= 500) return void failed(res, status);
    res.send(status, answer?.body);
  };
}
