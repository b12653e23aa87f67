import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logging/logger.js';
import type { Request, Response } from '../platform/http.js';
import { BodyRefused, readJsonObject, refusal } from '../platform/json-body.js';
import { isDependencyDown, RETRY_AFTER_SECONDS } from '../platform/outage.js';
import type { Refusal } from './activity-gate.js';
import type { BotAdapter, TurnAnswer, TurnContext } from './bot-framework.js';

/**
 * POST /api/messages: the adapter's gate on the sender (without a registration: this machine only), the
 * body read as JSON only (no multipart, nothing on disk, 256 KiB), the gate on the activity (shape,
 * service URL, delivery mode), all before authentication or the bot see it (400/403); then the turn, its
 * failures translated: 503 with Retry-After when Microsoft's sign-in metadata (OpenID configuration, keys)
 * cannot be fetched, 401 for a bad token, 400 for an invoke the bot does not do, a generic 500 otherwise.
 */

const MAX_ACTIVITY = 256 * 1024;

/** Microsoft's sign-in metadata could not be fetched (node-fetch's network error, or the connector's own words). */
const METADATA_DOWN =
  /Failed to load (openID config|Keys)|request to https?:\/\/\S+ failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed/i;

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
    const refuse = (refused: Refusal) => void res.send(refused.status, { code: refused.code, message: refused.reason });
    // The gate (activity-gate.ts) first: an unsigned request from elsewhere is not even read.
    const sender = adapter.refuseSender({ socket: req.socket, headers: req.headers });
    if (sender) return refuse(sender);
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req as IncomingMessage, MAX_ACTIVITY);
    } catch (error) {
      if (!(error instanceof BodyRefused)) throw error;
      const { status, headers, body: answer } = refusal(error);
      return void res.send(status, answer, headers);
    }
    const refused = adapter.refuseActivity(body);
    if (refused) return refuse(refused);
    let answer: TurnAnswer;
    try {
      answer = await adapter.handleActivity(req.header('authorization') ?? '', body, logic);
    } catch (error) {
      const { name, message, statusCode } = (error ?? {}) as { name?: unknown; message?: unknown; statusCode?: unknown };
      if (isDependencyDown(error) || name === 'FetchError' || METADATA_DOWN.test(String(message ?? ''))) return void unavailable(res);
      // The connector's AuthenticationError: a missing, forged or expired token. Not logged: anyone can send one.
      if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500)
        return void res.send(401, { code: 'unauthorized', message: 'A valid Bot Framework token is required.' });
      return void failed(res, 500);
    }
    if (answer.status >= 500) return void failed(res, answer.status);
    res.send(answer.status, answer.body);
  };
}
