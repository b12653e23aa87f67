import { GraphErrors } from '../../errors.js';
import { json } from '../../http/kit.js';
import type { StoredMessage } from '../../model.js';
import { MAIL_READ, route, type Route, type RouteContext } from '../context.js';
import { MESSAGE_PROPERTIES } from '../message-json.js';
import { contextUrl, decodeToken, encodeToken, encodePath, preferences, project, selectList } from '../odata.js';
import { folderOf, mailboxOf, render, renderOptions } from './shared.js';

/**
 * GET /users/{id}/mailFolders/{id}/messages/delta. A round covers the mailbox change sequence from the
 * previous deltaLink up to the sequence number seen when the round started; nextLinks walk that range in
 * pages, and the final deltaLink resumes exactly where the round ended. Changes made during a round land
 * in the next one, so nothing is lost.
 */

const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;
const CHANGE_TYPES = ['created', 'updated', 'deleted'] as const;

interface RoundToken {
  /** folder id */
  f: string;
  /** exclusive lower bound of the round */
  s: number;
  /** inclusive upper bound of the round */
  u: number;
  /** last sequence already returned in this round */
  a: number;
  sel?: string[] | undefined;
  ct?: string | undefined;
  /** receivedDateTime lower bound of the initial round (ISO), and whether it is exclusive (gt) */
  since?: string;
  gt?: boolean;
}

interface DeltaToken {
  f: string;
  s: number;
  sel?: string[] | undefined;
  ct?: string | undefined;
}

function delta(ctx: RouteContext) {
  const { req } = ctx;
  const mailbox = mailboxOf(ctx);
  const folder = folderOf(ctx, mailbox, ctx.params.folder!);
  const skip = req.query.get('$skiptoken');
  const deltaRaw = req.query.get('$deltatoken');
  let round: RoundToken;
  if (skip) {
    round = decodeToken<RoundToken>(skip, '$skiptoken');
  } else if (deltaRaw) {
    const t = decodeToken<DeltaToken>(deltaRaw, '$deltatoken');
    round = { f: t.f, s: t.s, u: mailbox.seq, a: t.s, sel: t.sel, ct: t.ct };
  } else {
    const select = selectList(req, MESSAGE_PROPERTIES, 'Microsoft.OutlookServices.Message');
    const changeType = req.query.get('changeType') ?? undefined;
    if (changeType && !CHANGE_TYPES.includes(changeType as (typeof CHANGE_TYPES)[number])) {
      throw GraphErrors.deltaChangeType(changeType);
    }
    round = { f: folder.id, s: 0, u: mailbox.seq, a: 0, sel: select, ct: changeType, ...receivedSince(req.query.get('$filter')) };
  }
  if (round.f !== folder.id) throw GraphErrors.deltaOtherFolder();

  const options = renderOptions(req, ctx);
  const pageSize = Math.min(preferences(req).maxPageSize ?? DEFAULT_PAGE, MAX_PAGE);
  const inRange = (seq: number) => seq > round.a && seq <= round.u;
  const present = ctx.services.tenant.mail.inFolder(mailbox, folder.id).filter((m) => inRange(m.seq) && receivedAfter(m, round));
  // A tombstone is news unless the same id is back in the folder within this round. With REST ids that
  // never happens (a move gives a new id, so the old one must be reported removed); with immutable ids a
  // message moved out and back again is simply present.
  const idOf = (x: { id: string; immutableId: string }) => (options.immutableIds ? x.immutableId : x.id);
  const presentIds = new Set(present.map(idOf));
  type Change = { seq: number; message?: StoredMessage; removed?: { id: string; immutableId: string } };
  let changes: Change[] = present.map((m) => ({ seq: m.seq, message: m }));
  if (round.s > 0) {
    changes.push(
      ...mailbox.tombstones
        .filter((t) => t.folderId === folder.id && inRange(t.seq) && !presentIds.has(idOf(t)))
        .map((t) => ({ seq: t.seq, removed: t })),
    );
  }
  // A message is 'created' in this round when it entered the folder after the round's start.
  if (round.ct === 'created') changes = changes.filter((c) => c.message && c.message.arrivedSeq > round.s);
  if (round.ct === 'updated') changes = changes.filter((c) => c.message && c.message.arrivedSeq <= round.s);
  if (round.ct === 'deleted') changes = changes.filter((c) => c.removed);
  changes.sort((a, b) => a.seq - b.seq);
  const page = changes.slice(0, pageSize);
  const last = page.length ? page[page.length - 1]!.seq : round.u;
  const more = changes.length > pageSize;

  const base = `${req.origin}/v1.0${encodePath(req.path)}`;
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(req, 'Collection(message)'),
    value: page.map((c) =>
      c.message
        ? { '@odata.type': '#microsoft.graph.message', ...project(render(c.message, options, round.sel), round.sel) }
        : {
            '@odata.type': '#microsoft.graph.message',
            id: options.immutableIds ? c.removed!.immutableId : c.removed!.id,
            '@removed': { reason: 'deleted' },
          },
    ),
  };
  if (more) body['@odata.nextLink'] = `${base}?$skiptoken=${encodeToken({ ...round, a: last } satisfies RoundToken)}`;
  else
    body['@odata.deltaLink'] =
      `${base}?$deltatoken=${encodeToken({ f: round.f, s: round.u, sel: round.sel, ct: round.ct } satisfies DeltaToken)}`;
  const applied = [options.applied['Preference-Applied'], preferences(req).maxPageSize ? `odata.maxpagesize=${pageSize}` : undefined]
    .filter(Boolean)
    .join(', ');
  return json(200, body, applied ? { 'Preference-Applied': applied } : {});
}

/** Delta on messages accepts only a receivedDateTime lower bound as $filter. */
function receivedSince(filter: string | null): Pick<RoundToken, 'since' | 'gt'> {
  if (!filter) return {};
  const m = /^\s*receivedDateTime\s+(ge|gt)\s+'?([0-9T:.\-+Z]+)'?\s*$/i.exec(filter);
  const at = m ? new Date(m[2]!) : undefined;
  if (!at || Number.isNaN(at.getTime())) {
    throw GraphErrors.deltaFilter();
  }
  return { since: at.toISOString(), gt: m![1]!.toLowerCase() === 'gt' };
}

/** Compared as instants: '...:02Z' and '...:02.000Z' are the same moment, which string comparison gets wrong. */
function receivedAfter(m: StoredMessage, round: RoundToken): boolean {
  if (!round.since) return true;
  const received = Date.parse(m.receivedDateTime);
  const since = Date.parse(round.since);
  return round.gt ? received > since : received >= since;
}

export const deltaRoutes: Route[] = [
  route('GET', /^\/users\/(?<user>[^/]+)\/mailFolders\/(?<folder>[^/]+)\/messages\/delta(\(\))?$/, MAIL_READ, delta, 'outlook'),
];
