import type { Request, Response } from '../platform/http.js';
import { z } from 'zod';
import type { DpoAccess } from '../app/dpo-access.js';
import { DomainError, type CaseId } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { Server } from '../platform/http.js';
import type { IncomingMessage } from 'node:http';
import { GRAPH_ID, MAX_GRAPH_ID } from '../platform/graph-id.js';
import { BodyRefused, readJsonObject, refuseBeforeReading } from '../platform/json-body.js';
import { checkedInput, RequestRefused } from '../platform/request-input.js';
import { isDependencyDown, RETRY_AFTER_SECONDS } from '../platform/outage.js';
import { TokenRejected, type Caller } from './access-token.js';
import { MessageNotFound, PersonHasOpenCase, overridesSchema, type CaseFromMessage } from './case-from-message.js';
import { MailboxLookupFailed, type MailboxRelation } from './own-mailbox.js';
import { errorText } from '../platform/error-text.js';

/**
 * The add-in's API. Every route: a valid Entra access token for this API (401), a DPO user (403), a
 * mailbox the caller may act in (their own, the DPO mailbox, or one Graph says they can read), then the work. Errors are JSON
 * `{ code, message }`. A body that is not JSON is refused (415) and one declared over 64 KiB (413) before the
 * token is even checked; the body is read only after it is, up to 64 KiB (413), and explained when malformed (400).
 * A store or Graph outage is 503 with Retry-After; nothing else is a 5xx.
 *
 *   POST /api/cases/from-message  { mailbox, messageId, overrides?, force? }  201 opened, 200 already opened
 *        from this message, 409 person_has_open_case { caseId, openCase } unless force: true
 *   POST /api/cases/:id/follow-ups { mailbox, messageId }  200: the message noted on the case and tagged
 *   GET  /api/cases/by-message?mailbox&messageId  the case opened from it, or what the classifier reads
 */

export interface ApiDeps {
  validate: (authorization: string | undefined) => Promise<Caller>;
  access: DpoAccess;
  logic: CaseFromMessage;
  /** Whose the mailbox is, for this caller (by their oid): the DPO mailbox, their own, someone else's, nobody's. */
  mailboxRelation: (callerOid: string, mailbox: string) => Promise<MailboxRelation>;
  /**
   * Whether the signed-in user (whose API token is `bearer`) can read the message in `mailbox`, asked of
   * Graph as that user; absent when the API has no credential for it (then only their own and the DPO mailbox).
   */
  canRead?: (bearer: string, mailbox: string, messageId: string) => Promise<boolean>;
  logger: Logger;
}

const MAX_BODY = 64 * 1024;

const target = z.object({
  mailbox: z.email({ error: 'mailbox must be the mailbox address (user principal name)' }).max(320),
  messageId: z
    .string({ error: 'messageId is required' })
    .min(1, 'messageId is required')
    .max(MAX_GRAPH_ID)
    .regex(GRAPH_ID, { error: 'messageId is not a message id (letters, digits, - _ =)' }),
});
const logBody = target.extend({ overrides: overridesSchema.optional(), force: z.boolean().optional() }).strict();
const caseIdParam = z.object({ id: z.string().regex(/^DSAR-\d{4}-\d{4,}$/, { error: 'not a case id' }) });

const checked = <T>(schema: z.ZodType<T>, value: unknown): T => checkedInput(schema, value, 'body');

export function registerApiRoutes(server: Server, deps: ApiDeps): void {
  const { logger } = deps;

  /**
   * DPO, and a mailbox they may act in: whether the (already authenticated) caller may do this. Their own
   * mailbox and the DPO mailbox always; any other only if Graph, asked as them, lets them read the message.
   */
  async function authorise(caller: Caller, req: Request, { mailbox, messageId }: { mailbox: string; messageId: string }): Promise<Caller> {
    let dpo: boolean;
    try {
      dpo = await deps.access.isDpo(caller.oid);
    } catch {
      throw new RequestRefused(503, 'access_check_failed', 'Could not check your access right now; try again shortly.');
    }
    if (!dpo) throw new RequestRefused(403, 'not_a_dpo', 'Only the data protection staff can log and see GDPR requests.');
    const relation = await relationOf(caller, mailbox);
    if (relation === 'dpo-mailbox' || relation === 'own') return caller;
    if (relation === 'unknown') throw new RequestRefused(404, 'mailbox_not_found', 'No mailbox in your organisation has that address.');
    const { canRead } = deps;
    if (!canRead)
      throw new RequestRefused(403, 'mailbox_not_allowed', 'You can log messages from your own mailbox and the DPO mailbox only.');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
    let readable: boolean;
    try {
      readable = await canRead(bearer, mailbox, messageId);
    } catch (error) {
      logger.warn({ err: errorText(error, { firstLine: true }) }, 'api: mailbox access check failed');
      throw new RequestRefused(503, 'access_check_failed', 'Could not check your access to that mailbox right now; try again shortly.');
    }
    if (!readable) throw new RequestRefused(403, 'mailbox_not_allowed', 'You can log messages only from mailboxes you can read.');
    return caller;
  }

  /** The own-mailbox decision; when the directory cannot answer, 503 (never "allowed"). */
  async function relationOf(caller: Caller, mailbox: string): Promise<MailboxRelation> {
    try {
      return await deps.mailboxRelation(caller.oid, mailbox);
    } catch (error) {
      if (!(error instanceof MailboxLookupFailed)) throw error;
      logger.warn({ err: errorText(error.cause, { firstLine: true }) }, 'api: mailbox owner lookup failed');
      throw new RequestRefused(503, 'mailbox_check_failed', 'Could not check whose mailbox that is right now; try again shortly.');
    }
  }

  const handle = (work: (req: Request) => Promise<{ status: number; body: unknown }>) => async (req: Request, res: Response) => {
    try {
      const { status, body } = await work(req);
      res.send(status, body);
    } catch (error) {
      if (error instanceof PersonHasOpenCase) {
        // 409: the person has this case open; the add-in offers adding to it, or `force: true` for a new one.
        res.header('Cache-Control', 'no-store');
        const { openCase } = error;
        res.send(409, { code: 'person_has_open_case', message: error.message, caseId: openCase.id, openCase, retryWith: { force: true } });
        return;
      }
      const [status, code, message] =
        error instanceof RequestRefused
          ? [error.status, error.code, error.message]
          : error instanceof TokenRejected
            ? [error.status, error.code, error.message]
            : error instanceof BodyRefused
              ? [error.status, error.code, error.message]
              : error instanceof MessageNotFound
                ? [404, 'message_not_found', 'The message does not exist in that mailbox (it may have been deleted).']
                : error instanceof DomainError
                  ? [error.code === 'not_found' ? 404 : 422, error.code, error.message]
                  : isDependencyDown(error)
                    ? [503, 'unavailable', 'The case store or Microsoft 365 is not answering right now; try again shortly.']
                    : [500, 'internal_error', 'Something went wrong; try again. If it happens again, contact IT.'];
      // The error's name only: its text may quote a mailbox or a message.
      if (status >= 500)
        logger.error(
          { error: error instanceof Error ? error.name : typeof error, status, route: String(req.getRoute()?.path ?? 'none') },
          'api: request failed',
        );
      if (status === 503) res.header('Retry-After', String(RETRY_AFTER_SECONDS));
      // A refused body may be unread: close rather than read the rest.
      if (error instanceof BodyRefused) res.header('Connection', 'close');
      res.header('Cache-Control', 'no-store');
      res.send(status, { code, message });
    }
  };

  /** The body, read only once the caller is authenticated; what needs no reading is refused before the token check. */
  const authenticatedBody = async (req: Request) => {
    refuseBeforeReading(req as IncomingMessage, MAX_BODY);
    const authenticated = await deps.validate(req.header('authorization'));
    return { authenticated, raw: await readJsonObject(req as IncomingMessage, MAX_BODY) };
  };

  server.post(
    '/api/cases/from-message',
    handle(async (req) => {
      const { authenticated, raw } = await authenticatedBody(req);
      const body = checked(logBody, raw);
      const caller = await authorise(authenticated, req, body);
      const actor = { kind: 'user' as const, id: caller.oid, ...(caller.name ? { name: caller.name } : {}) };
      const result = await deps.logic.log(body.mailbox, body.messageId, body.overrides ?? {}, actor, { force: body.force ?? false });
      logger.info({ caseId: result.case.id, created: result.created }, 'api: message logged as a case');
      return { status: result.created ? 201 : 200, body: result };
    }),
  );

  // "Add to the open case": the message is recorded on the case's timeline (a note) and tagged with its number.
  server.post(
    '/api/cases/:id/follow-ups',
    handle(async (req) => {
      const { authenticated, raw } = await authenticatedBody(req);
      const { id } = checked(caseIdParam, req.params ?? {});
      const body = checked(target.strict(), raw);
      const caller = await authorise(authenticated, req, body);
      const actor = { kind: 'user' as const, id: caller.oid, ...(caller.name ? { name: caller.name } : {}) };
      const result = await deps.logic.addToCase(body.mailbox, body.messageId, id as CaseId, actor);
      logger.info({ caseId: result.case.id }, 'api: message added to a case');
      return { status: 200, body: result };
    }),
  );

  server.get(
    '/api/cases/by-message',
    handle(async (req) => {
      const authenticated = await deps.validate(req.header('authorization'));
      const query = checked(target, req.query ?? {});
      await authorise(authenticated, req, query);
      return { status: 200, body: await deps.logic.lookup(query.mailbox, query.messageId) };
    }),
  );
}
