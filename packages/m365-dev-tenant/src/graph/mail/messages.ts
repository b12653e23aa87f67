import { GraphErrors } from '../../errors.js';
import { json, jsonBody, noContent } from '../../http/kit.js';
import { composeMime } from '../../mime.js';
import { KqlSyntaxError, matchesKql, parseKql } from '../../query/kql.js';
import {
  compareByOrder,
  evaluateFilter,
  ODataQueryError,
  parseFilter,
  parseOrderBy,
  type FilterNode,
  type Operand,
  type OrderTerm,
} from '../../query/odata-filter.js';
import type { StoredMessage } from '../../model.js';
import { MAIL_READ, MAIL_WRITE, route, type Route, type RouteContext } from '../context.js';
import { attachmentJson, MESSAGE_PROPERTIES, messageView } from '../message-json.js';
import { contextUrl, decodeToken, encodeToken, intParam, linkTo, preferences, project, selectList } from '../odata.js';
import { folderOf, mailboxOf, messageOf, render, renderOptions, userSegment } from './shared.js';
import { narrow, searchable } from '../../query/search-index.js';

/** Reading mail: lists with OData query options and $search, single messages, MIME and attachments (and removing one). */

const TYPE = 'Microsoft.OutlookServices.Message';
const DEFAULT_PAGE = 10;
const MAX_TOP = 1000;
const MAX_SEARCH_RESULTS = 1000;
const U = '(?<user>[^/]+)';
const F = '(?<folder>[^/]+)';
const M = '(?<id>[^/]+)';

function list(ctx: RouteContext) {
  const { req } = ctx;
  const mailbox = mailboxOf(ctx);
  const folder = ctx.params.folder ? folderOf(ctx, mailbox, ctx.params.folder) : undefined;
  const select = selectList(req, MESSAGE_PROPERTIES, TYPE);
  const options = renderOptions(req, ctx);
  const search = req.query.get('$search');
  const filter = req.query.get('$filter');
  const orderby = req.query.get('$orderby');
  const countRaw = req.query.get('$count');
  const prefs = preferences(req);

  let matched: StoredMessage[] = ctx.services.tenant.mail.inFolder(mailbox, folder?.id);
  let paging: 'skip' | 'skiptoken' = 'skip';
  try {
    if (search !== null) {
      if (filter !== null) throw GraphErrors.searchWithFilter();
      if (orderby !== null) throw GraphErrors.searchWithOrderBy();
      if (req.query.has('$skip')) throw GraphErrors.searchWithSkip();
      const node = parseKql(unquote(search));
      // Documented: at most 1,000 results, sorted by the date and time the message was sent, newest first.
      // The word index only narrows which messages are examined; matchesKql still decides.
      matched = narrow(node, mailbox, matched)
        .filter((m) => matchesKql(node, searchable(m)))
        .sort((a, b) => b.sentDateTime.localeCompare(a.sentDateTime) || b.receivedDateTime.localeCompare(a.receivedDateTime))
        .slice(0, MAX_SEARCH_RESULTS);
      paging = 'skiptoken';
    } else {
      const node = filter !== null ? parseFilter(filter) : undefined;
      const order = orderby !== null ? parseOrderBy(orderby) : [{ path: ['receivedDateTime'], direction: 'desc' as const }];
      if (node && orderby !== null) requireSortableFilter(node, order);
      // Read through views: only what the filter and the order look at is computed, not the whole message.
      if (node) matched = matched.filter((m) => evaluateFilter(node, messageView(m, options, true)));
      const rendered = new Map(matched.map((m) => [m, messageView(m, options)]));
      matched = [...matched].sort((a, b) => compareByOrder(order, rendered.get(a), rendered.get(b)));
    }
  } catch (error) {
    if (error instanceof ODataQueryError) throw GraphErrors.invalidFilter(error.message);
    if (error instanceof KqlSyntaxError) throw GraphErrors.invalidSearch(error.message);
    throw error;
  }

  const top = intParam(req, '$top', { min: 1, max: MAX_TOP });
  const pageSize = Math.min(prefs.maxPageSize ?? top ?? DEFAULT_PAGE, MAX_TOP);
  const token = req.query.get('$skiptoken');
  const offset =
    paging === 'skip'
      ? (intParam(req, '$skip', { min: 0, max: Number.MAX_SAFE_INTEGER }) ?? 0)
      : token
        ? decodeToken<{ o: number }>(token, '$skiptoken').o
        : 0;
  const page = matched.slice(offset, offset + pageSize);

  const scope = folder
    ? `users('${userSegment(ctx)}')/mailFolders('${encodeURIComponent(ctx.params.folder!)}')/messages`
    : `users('${userSegment(ctx)}')/messages`;
  const body: Record<string, unknown> = { '@odata.context': contextUrl(req, scope, select) };
  if (countRaw === 'true') body['@odata.count'] = matched.length;
  body.value = page.map((m) => project(render(m, options, select), select));
  if (offset + pageSize < matched.length) {
    body['@odata.nextLink'] =
      paging === 'skip'
        ? linkTo(req, { $skip: String(offset + pageSize) })
        : linkTo(req, { $skiptoken: encodeToken({ o: offset + pageSize }) });
  }
  const applied = prefs.maxPageSize
    ? { 'Preference-Applied': [options.applied['Preference-Applied'], `odata.maxpagesize=${pageSize}`].filter(Boolean).join(', ') }
    : options.applied;
  return json(200, body, applied);
}

/** The property paths a filter compares, left to right (`from/emailAddress/address`). */
function filterPaths(node: FilterNode | Operand, out: string[] = []): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
    case 'compare':
      filterPaths(node.left, out);
      filterPaths(node.right, out);
      break;
    case 'not':
      filterPaths(node.operand, out);
      break;
    case 'value':
      filterPaths(node.operand, out);
      break;
    case 'in':
      filterPaths(node.left, out);
      break;
    case 'call':
      for (const arg of node.args) filterPaths(arg, out);
      break;
    case 'lambda':
      out.push(node.collection.path.join('/'));
      break;
    case 'path':
      if (node.variable === undefined) out.push(node.path.join('/'));
      break;
  }
  return out;
}

/**
 * Exchange's rule for $filter with $orderby: the sorted properties must come first in the filter, in the same
 * order; anything else is "too complex" (documented, user-list-messages.md).
 */
function requireSortableFilter(filter: FilterNode, order: OrderTerm[]): void {
  const seen = [...new Set(filterPaths(filter).map((p) => p.toLowerCase()))];
  const sorted = order.map((o) => o.path.join('/').toLowerCase());
  if (!sorted.every((path, i) => seen[i] === path)) {
    throw GraphErrors.inefficientFilter();
  }
}

/** Graph wants `$search="..."`; the outer quotes are syntax, not part of the query. */
function unquote(search: string): string {
  const trimmed = search.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

function getOne(ctx: RouteContext) {
  const { req } = ctx;
  const mailbox = mailboxOf(ctx);
  const message = messageOf(ctx, mailbox, ctx.params.id!, ctx.params.folder);
  const select = selectList(req, MESSAGE_PROPERTIES, TYPE);
  const options = renderOptions(req, ctx);
  const scope = `users('${userSegment(ctx)}')/messages`;
  return json(
    200,
    { '@odata.context': `${contextUrl(req, scope, select)}/$entity`, ...project(render(message, options, select), select) },
    options.applied,
  );
}

async function mime(ctx: RouteContext) {
  const message = messageOf(ctx, mailboxOf(ctx), ctx.params.id!, ctx.params.folder);
  const source = message.mime ?? (await composeMime(message));
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from(source, 'utf8') };
}

function attachments(ctx: RouteContext) {
  const message = messageOf(ctx, mailboxOf(ctx), ctx.params.id!, ctx.params.folder);
  const select = selectList(
    ctx.req,
    ['id', 'name', 'contentType', 'size', 'isInline', 'lastModifiedDateTime', 'contentBytes', 'contentId', 'contentLocation'],
    'microsoft.graph.attachment',
  );
  return json(200, {
    '@odata.context': contextUrl(
      ctx.req,
      `users('${userSegment(ctx)}')/messages('${encodeURIComponent(ctx.params.id!)}')/attachments`,
      select,
    ),
    value: message.attachments.map((a) => project(attachmentJson(a), select)),
  });
}

function attachmentOf(ctx: RouteContext) {
  const message = messageOf(ctx, mailboxOf(ctx), ctx.params.id!, ctx.params.folder);
  const attachment = message.attachments.find((a) => a.id === ctx.params.attachment);
  if (!attachment) throw GraphErrors.notFoundInStore();
  return attachment;
}

/**
 * Removes one attachment (attachment-delete: 204, no body). The message changes as Exchange changes it: a
 * new changeKey, hasAttachments false once no file is left, and its MIME source without the file (the stored
 * source is dropped, so $value is composed from what remains).
 */
function deleteAttachment(ctx: RouteContext) {
  const { tenant } = ctx.services;
  const mailbox = mailboxOf(ctx);
  const message = messageOf(ctx, mailbox, ctx.params.id!, ctx.params.folder);
  const attachment = attachmentOf(ctx);
  tenant.mail.update(
    mailbox,
    message,
    { attachments: message.attachments.filter((a) => a !== attachment), mime: undefined },
    tenant.nowIso(),
  );
  return noContent();
}

function deleteMessage(ctx: RouteContext) {
  const { tenant } = ctx.services;
  const mailbox = mailboxOf(ctx);
  const message = messageOf(ctx, mailbox, ctx.params.id!);
  const deleted = tenant.mail.wellKnown(mailbox, 'deleteditems');
  // Like Outlook: deleting moves to Deleted Items; deleting from there removes the item.
  if (message.folderId === deleted.id) tenant.mail.remove(mailbox, message);
  else tenant.mail.move(mailbox, message, deleted, tenant.nowIso());
  return noContent();
}

function move(ctx: RouteContext) {
  const { tenant } = ctx.services;
  const mailbox = mailboxOf(ctx);
  const message = messageOf(ctx, mailbox, ctx.params.id!);
  const body = jsonBody(ctx.req) as { destinationId?: unknown };
  if (typeof body.destinationId !== 'string') throw GraphErrors.destinationMissing();
  const to = folderOf(ctx, mailbox, body.destinationId);
  tenant.mail.move(mailbox, message, to, tenant.nowIso());
  const options = renderOptions(ctx.req, ctx);
  return json(
    201,
    { '@odata.context': `${contextUrl(ctx.req, `users('${userSegment(ctx)}')/messages`)}/$entity`, ...render(message, options) },
    options.applied,
  );
}

const one = (path: string) => [
  new RegExp(`^/users/${U}/messages/${M}${path}$`),
  new RegExp(`^/users/${U}/mailFolders/${F}/messages/${M}${path}$`),
];

export const messageRoutes: Route[] = [
  route('GET', new RegExp(`^/users/${U}/messages$`), MAIL_READ, list, 'outlook'),
  route('GET', new RegExp(`^/users/${U}/mailFolders/${F}/messages$`), MAIL_READ, list, 'outlook'),
  ...one('').map((p) => route('GET', p, MAIL_READ, getOne, 'outlook')),
  ...one('/\\$value').map((p) => route('GET', p, MAIL_READ, mime, 'outlook')),
  ...one('/attachments').map((p) => route('GET', p, MAIL_READ, attachments, 'outlook')),
  ...one('/attachments/(?<attachment>[^/]+)').map((p) =>
    route(
      'GET',
      p,
      MAIL_READ,
      (ctx) =>
        json(200, {
          '@odata.context': `${contextUrl(ctx.req, `users('${userSegment(ctx)}')/messages('${encodeURIComponent(ctx.params.id!)}')/attachments`)}/$entity`,
          ...attachmentJson(attachmentOf(ctx)),
        }),
      'outlook',
    ),
  ),
  ...one('/attachments/(?<attachment>[^/]+)/\\$value').map((p) =>
    route(
      'GET',
      p,
      MAIL_READ,
      (ctx) => {
        const a = attachmentOf(ctx);
        return { status: 200, headers: { 'Content-Type': a.contentType }, body: Buffer.from(a.contentBytes, 'base64') };
      },
      'outlook',
    ),
  ),
  route('DELETE', new RegExp(`^/users/${U}/messages/${M}$`), MAIL_WRITE, deleteMessage, 'outlook'),
  ...one('/attachments/(?<attachment>[^/]+)').map((p) => route('DELETE', p, MAIL_WRITE, deleteAttachment, 'outlook')),
  route('POST', new RegExp(`^/users/${U}/messages/${M}/move$`), MAIL_WRITE, move, 'outlook'),
];
