import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DpoAccess } from '../app/dpo-access.js';
import { DomainError, PAUSE_KINDS, REFUSAL_BASES, Temporal, type Actor, type CaseCommand, type CaseId } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import restify, { type Request, type Response, type Server } from '../platform/http.js';
import { BodyRefused, readJsonObject, refuseBeforeReading } from '../platform/json-body.js';
import { checkedInput, RequestRefused } from '../platform/request-input.js';
import { isDependencyDown, RETRY_AFTER_SECONDS } from '../platform/outage.js';
import { openQuerySchema } from './open-rows.js';
import { reportCsv } from './report-rows.js';
import type { TabService } from './tab-service.js';

/**
 * The Teams tab "DSAR-overblik": its page under /tab/ (built into dist/tab-page) and its API under /api/tab/.
 * Every API route: an Entra access token for this app (401, checked exactly as the add-in API checks it),
 * a DPO (403), valid parameters (400 with the reason), then the work; errors are JSON { code, message }.
 *
 *   GET  /api/tab/cases?status&right&owner&paused&confirm&overdue&daysLeft&q&sort&dir&limit&offset
 *   GET  /api/tab/cases/:id                 the case, its clock, timeline and the commands offered
 *   POST /api/tab/cases/:id/actions         { version, type, ... } one of those commands (or add_note)
 *   GET  /api/tab/calendar?month=YYYY-MM    that month and the next, by effective deadline
 *   GET  /api/tab/report?year=YYYY          the year report and its months; report.csv / report.pdf (&lang)
 */

export const TAB_DIR = fileURLToPath(new URL('../../dist/tab-page/', import.meta.url));

/** Who signed in: the token's oid decides, the name is for display. */
export interface TabCaller {
  oid: string;
  name?: string;
}

/** The token was refused: 401 (no or a bad token) or 403 (a token without the scope). */
export class SignInRefused extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TabRouteDeps {
  service: TabService;
  access: DpoAccess;
  /** Validates the bearer token; throws SignInRefused for a token that is not accepted. */
  authenticate: (authorization: string | undefined) => Promise<TabCaller>;
  /** What the page needs to ask Entra ID (or Teams) for a token: public values. */
  signIn: { apiClientId: string; authority: string; scope: string };
  /** Local mode only: a token for the demo DPO from the dev tenant (undefined: it has no such user), so the tab works offline. */
  devToken?: () => Promise<string | undefined>;
  logger: Logger;
}

const checked = <T>(schema: z.ZodType<T>, value: unknown): T => checkedInput(schema, value, 'request');

const MAX_BODY = 16 * 1024;
const caseIdParam = z.object({ id: z.string().regex(/^DSAR-\d{4}-\d{4,}$/, { error: 'not a case number (DSAR-YYYY-NNNN)' }) });
const text = (what: string, max = 2000) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max);
const actionSchema = z
  .discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('start') }).strict(),
      z.object({ type: z.literal('pause'), kind: z.enum(PAUSE_KINDS), reason: text('reason') }).strict(),
      z.object({ type: z.literal('resume') }).strict(),
      z.object({ type: z.literal('respond'), summary: z.string().max(2000).optional() }).strict(),
      z.object({ type: z.literal('extend'), reason: text('reason') }).strict(),
      z.object({ type: z.literal('assign'), to: z.literal('me') }).strict(),
      z.object({ type: z.literal('set_task'), taskId: text('taskId', 100), done: z.boolean() }).strict(),
      z.object({ type: z.literal('reject'), basis: z.enum(REFUSAL_BASES), reason: text('reason') }).strict(),
      z.object({ type: z.literal('dismiss'), reason: text('reason') }).strict(),
      z.object({ type: z.literal('close'), outcome: text('outcome') }).strict(),
      z.object({ type: z.literal('add_note'), text: text('text') }).strict(),
    ],
    { error: 'type must be one of start, pause, resume, respond, extend, assign, set_task, reject, dismiss, close, add_note' },
  )
  .and(z.object({ version: z.number({ error: 'version (of the case as shown) is required' }).int().min(1) }));

const calendarQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month must be YYYY-MM' })
      .optional(),
  })
  .strict();
const reportQuery = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}$/, { error: 'year must be YYYY' })
      .transform(Number)
      .optional(),
    lang: z.enum(['da', 'en'], { error: 'lang must be da or en' }).default('da'),
  })
  .strict();

export function registerTabRoutes(server: Server, deps: TabRouteDeps): void {
  const { service, logger } = deps;

  async function dpo(req: Request): Promise<TabCaller> {
    const caller = await deps.authenticate(req.header('authorization'));
    let allowed: boolean;
    try {
      allowed = await deps.access.isDpo(caller.oid);
    } catch {
      throw new RequestRefused(503, 'access_check_failed', 'Could not check your access right now; try again shortly.');
    }
    if (!allowed) throw new RequestRefused(403, 'not_a_dpo', 'Only the data protection staff can see GDPR requests.');
    return caller;
  }

  type Answer = { status: number; body: unknown } | { status: number; file: Buffer | string; type: string; name: string };
  const handle = (work: (req: Request) => Promise<Answer>) => async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    try {
      const answer = await work(req);
      if ('file' in answer) {
        res.header('Content-Type', answer.type);
        res.header('Content-Disposition', `attachment; filename="${answer.name}"`);
        res.writeHead(answer.status);
        res.end(answer.file);
        return;
      }
      res.send(answer.status, answer.body);
    } catch (error) {
      const [status, code, message] =
        error instanceof RequestRefused || error instanceof SignInRefused || error instanceof BodyRefused
          ? [error.status, error.code, error.message]
          : error instanceof DomainError
            ? [error.code === 'not_found' ? 404 : 422, error.code, error.message]
            : isDependencyDown(error)
              ? [503, 'unavailable', 'The case store or Microsoft 365 is not answering right now; try again shortly.']
              : [500, 'internal_error', 'Something went wrong; try again. If it happens again, contact IT.'];
      // The error's name only: its text may quote a person.
      if (status >= 500)
        logger.error(
          { error: error instanceof Error ? error.name : typeof error, status, route: String(req.getRoute()?.path ?? 'none') },
          'tab: request failed',
        );
      if (status === 503) res.header('Retry-After', String(RETRY_AFTER_SECONDS));
      if (error instanceof BodyRefused) res.header('Connection', 'close');
      res.send(status, { code, message });
    }
  };

  server.get(
    '/api/tab/cases',
    handle(async (req) => {
      const caller = await dpo(req);
      const query = checked(openQuerySchema, req.query ?? {});
      return { status: 200, body: await service.open(query, caller.oid) };
    }),
  );

  server.get(
    '/api/tab/cases/:id',
    handle(async (req) => {
      await dpo(req);
      const { id } = checked(caseIdParam, req.params ?? {});
      return { status: 200, body: await service.detail(await service.get(id as CaseId)) };
    }),
  );

  server.post(
    '/api/tab/cases/:id/actions',
    handle(async (req) => {
      refuseBeforeReading(req as IncomingMessage, MAX_BODY);
      const caller = await dpo(req);
      const { id } = checked(caseIdParam, req.params ?? {});
      const body = checked(actionSchema, await readJsonObject(req as IncomingMessage, MAX_BODY));
      const actor: Actor = { kind: 'user', id: caller.oid, ...(caller.name ? { name: caller.name } : {}) };
      const current = await service.get(id as CaseId);
      // The DPO acted on what the tab showed: if the case changed since, they must look again first.
      if (current.version !== body.version)
        throw new RequestRefused(409, 'case_changed', `${id} was changed since you opened it; look at it again before acting.`);
      const { next } = await service.detail(current);
      if (body.type !== 'add_note' && !(next as string[]).includes(body.type))
        throw new RequestRefused(409, 'not_offered', `${body.type} is not possible on ${id} as it stands.`);
      const updated = await service.act(current.id, commandOf(body, actor), actor);
      logger.info({ caseId: updated.id, action: body.type }, 'tab: case action');
      return { status: 200, body: await service.detail(updated) };
    }),
  );

  server.get(
    '/api/tab/calendar',
    handle(async (req) => {
      await dpo(req);
      const { month } = checked(calendarQuery, req.query ?? {});
      return { status: 200, body: await service.calendar(month ? Temporal.PlainYearMonth.from(month) : undefined) };
    }),
  );

  const year = (asked: number | undefined) => asked ?? service.today().year;
  server.get(
    '/api/tab/report',
    handle(async (req) => {
      await dpo(req);
      const query = checked(reportQuery.omit({ lang: true }).strict(), req.query ?? {});
      return { status: 200, body: await service.report(year(query.year)) };
    }),
  );
  server.get(
    '/api/tab/report.csv',
    handle(async (req) => {
      await dpo(req);
      const query = checked(reportQuery, req.query ?? {});
      const { report, months } = await service.report(year(query.year));
      return {
        status: 200,
        file: reportCsv(report, months, query.lang),
        type: 'text/csv; charset=utf-8',
        name: `dsar-rapport-${report.year}.csv`,
      };
    }),
  );
  server.get(
    '/api/tab/report.pdf',
    handle(async (req) => {
      await dpo(req);
      const query = checked(reportQuery, req.query ?? {});
      const { report, months } = await service.report(year(query.year));
      // PDFKit and its fonts load on the first PDF, not at start-up.
      const { reportPdf } = await import('./report-pdf.js');
      return {
        status: 200,
        file: await reportPdf(report, months, query.lang),
        type: 'application/pdf',
        name: `dsar-rapport-${report.year}.pdf`,
      };
    }),
  );

  // The page: public, holds no data; every call it makes is authenticated.
  server.get('/tab/config.json', (_req, res, next) => {
    res.header('Cache-Control', 'no-cache');
    res.send(200, { ...deps.signIn, devSignIn: deps.devToken !== undefined });
    next();
  });
  server.post('/tab/dev-token', async (_req, res) => {
    res.header('Cache-Control', 'no-store');
    if (!deps.devToken) {
      res.send(404, { code: 'not_found', message: 'Dev sign-in exists only in local mode.' });
      return;
    }
    let token: string | undefined;
    try {
      token = await deps.devToken();
    } catch (error) {
      logger.warn({ error: error instanceof Error ? error.name : typeof error }, 'tab: dev sign-in failed');
      res.header('Retry-After', String(RETRY_AFTER_SECONDS));
      res.send(503, { code: 'unavailable', message: 'The dev tenant is unavailable; is it running?' });
      return;
    }
    if (token) res.send(200, { accessToken: token });
    else res.send(422, { code: 'no_demo_dpo', message: 'The dev tenant has no demo DPO to sign in as (start it with the demo seed).' });
  });
  server.get(
    '/tab/*',
    (req, res, next) => {
      if (req.getPath().toLowerCase().includes('.map')) {
        res.send(404, { code: 'not_found', message: 'Source maps are not served here.' });
        return next(false);
      }
      if (!existsSync(TAB_DIR)) {
        res.send(404, { code: 'tab_not_built', message: 'The tab page is not built: run npm run build.' });
        return next(false);
      }
      res.header('X-Content-Type-Options', 'nosniff');
      return next();
    },
    restify.plugins.serveStaticFiles(TAB_DIR, { maxAge: 300 }),
  );
}

type Action = z.infer<typeof actionSchema>;

function commandOf(body: Action, actor: Actor): CaseCommand {
  switch (body.type) {
    case 'assign':
      return { type: 'assign', assignee: actor };
    case 'respond':
      return { type: 'respond', ...(body.summary ? { summary: body.summary } : {}) };
    default: {
      const { version: _version, ...command } = body;
      return command as CaseCommand;
    }
  }
}
