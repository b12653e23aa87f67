import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logging/logger.js';
import type { Request, Response } from '../platform/http.js';
import type { Server } from '../platform/http.js';
import type { IntakeTable } from './intake-table.js';
import { errorText } from '../platform/error-text.js';

/**
 * The Graph webhook: POST /api/notifications (created messages) and /api/notifications/lifecycle.
 * Answers the validation handshake; accepts an item only when its clientState is ours and its
 * subscription is one we own, which also says which watched mailbox it is for (one POST may mix them);
 * persists accepted items before answering 202 (within Graph's 3 s), so a crash after the answer loses
 * nothing. Processing happens later, from what was persisted.
 */

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface WebhookDeps {
  intake: Pick<IntakeTable, 'enqueue'>;
  /** The subscription ids notifications may carry, each with the mailbox it watches. */
  subscriptions(): Promise<ReadonlyMap<string, string>>;
  clientState: string;
  logger: Logger;
  /** Called after the 202 for each accepted lifecycle event. */
  onLifecycle(event: LifecycleEvent, subscriptionId: string, mailbox: string): void;
  /** Called after the 202 when messages were queued (wakes the processor). */
  onQueued?(): void;
}

const MAX_BODY = 1024 * 1024;

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; reason: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return { ok: false, status: 413, reason: 'notification body too large' };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, reason: 'the body is not JSON' };
  }
}

type Item = { subscriptionId?: unknown; clientState?: unknown; resourceData?: { id?: unknown }; lifecycleEvent?: unknown };

export function registerWebhookRoutes(server: Server, deps: WebhookDeps): void {
  const { logger } = deps;

  const handle = (kind: 'change' | 'lifecycle') => async (req: Request, res: Response) => {
    // Graph's handshake: echo the token, as plain text, within 10 s.
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
    if (token !== null) {
      res.sendRaw(200, token, { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    const body = await readJson(req as IncomingMessage);
    if (!body.ok) return void res.send(body.status, { error: body.reason });
    const items = (body.value as { value?: unknown }).value;
    if (!Array.isArray(items)) return void res.send(400, { error: 'expected {"value":[...]} as Graph sends it' });

    const ours = await deps.subscriptions();
    const accepted: { item: Item; mailbox: string }[] = [];
    for (const item of items as Item[]) {
      const subscriptionId = typeof item?.subscriptionId === 'string' ? item.subscriptionId : undefined;
      const mailbox = subscriptionId ? ours.get(subscriptionId) : undefined;
      // Ids and reasons only: never the resource (it names a mailbox) or a clientState someone tried.
      if (!sameSecret(item?.clientState, deps.clientState))
        logger.warn({ subscriptionId, kind }, 'intake: notification with a wrong clientState ignored');
      else if (!mailbox) logger.warn({ subscriptionId, kind }, 'intake: notification for an unknown subscription ignored');
      else accepted.push({ item, mailbox });
    }

    if (kind === 'change') {
      const queue = accepted.flatMap(({ item, mailbox }) => {
        const messageId = item.resourceData?.id;
        return typeof messageId === 'string' && messageId.length > 0 ? [{ mailbox, messageId, via: 'notification' as const }] : [];
      });
      try {
        if (queue.length) await deps.intake.enqueue(queue, new Date());
      } catch (error) {
        // Not persisted: let Graph retry rather than answer 202 and lose the message.
        logger.error({ err: errorText(error) }, 'intake: could not persist notifications');
        return void res.send(503, { error: 'could not persist the notifications; retry' });
      }
      res.send(202);
      if (queue.length) deps.onQueued?.();
      return;
    }
    res.send(202);
    for (const { item, mailbox } of accepted) {
      const event = item.lifecycleEvent;
      if (event === 'reauthorizationRequired' || event === 'subscriptionRemoved' || event === 'missed')
        deps.onLifecycle(event, String(item.subscriptionId), mailbox);
    }
  };

  server.post('/api/notifications', handle('change'));
  server.post('/api/notifications/lifecycle', handle('lifecycle'));
}
