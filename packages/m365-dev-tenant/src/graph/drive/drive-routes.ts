import { GraphErrors } from '../../errors.js';
import { json, jsonBody, noContent, type DevResponse } from '../../http/kit.js';
import type { Drive, DriveItem } from '../../model.js';
import { KqlSyntaxError, matchesFreeText, parseKql } from '../../query/kql.js';
import { searchableDriveItem } from '../../query/search-index.js';
import { segments } from '../../state/drive-store.js';
import { FILES_READ, FILES_WRITE, route, type Route, type RouteContext } from '../context.js';
import { contextUrl, decodeToken, encodeToken, intParam, linkTo, preferences } from '../odata.js';
import { driveJson, itemJson } from './drive-json.js';

/** OneDrive: the drive, items by id or path, children, content, search, small and resumable uploads. */

const U = '/users/(?<user>[^/]+)/drive';
const PAGE = 200;

function driveOf(ctx: RouteContext): Drive {
  return ctx.services.tenant.driveOf(ctx.user);
}

function itemById(ctx: RouteContext, drive: Drive, id: string): DriveItem {
  const item = id === 'root' ? ctx.services.tenant.drive.item(drive, drive.rootId) : ctx.services.tenant.drive.item(drive, id);
  if (!item) throw GraphErrors.itemNotFound();
  return item;
}

function itemByPath(ctx: RouteContext, drive: Drive, path: string, fromId?: string): DriveItem {
  const item = ctx.services.tenant.drive.byPath(drive, path, fromId);
  if (!item) throw GraphErrors.itemNotFound();
  return item;
}

function render(ctx: RouteContext, drive: Drive, item: DriveItem) {
  return itemJson(ctx.req.origin, ctx.user, drive, ctx.services.tenant.drive, item, ctx.services.tenant.now().getTime());
}

/** The user segment as Graph writes it in @odata.context: users('dpa%40itguy.dk'). */
function userSegment(ctx: RouteContext): string {
  return `users('${encodeURIComponent(ctx.params.user ?? ctx.user.id)}')`;
}

function entity(ctx: RouteContext, drive: Drive, item: DriveItem, status = 200): DevResponse {
  return json(status, {
    '@odata.context': `${contextUrl(ctx.req, `${userSegment(ctx)}/drive/items`)}/$entity`,
    ...render(ctx, drive, item),
  });
}

function page(ctx: RouteContext, drive: Drive, items: DriveItem[], scope: string, extra: Record<string, unknown> = {}): DevResponse {
  const size = intParam(ctx.req, '$top', { min: 1, max: 1000 }) ?? preferences(ctx.req).maxPageSize ?? PAGE;
  const token = ctx.req.query.get('$skiptoken');
  const offset = token ? decodeToken<{ o: number }>(token, '$skiptoken').o : 0;
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(ctx.req, scope),
    value: items.slice(offset, offset + size).map((i) => ({ ...render(ctx, drive, i), ...extra })),
  };
  if (offset + size < items.length) body['@odata.nextLink'] = linkTo(ctx.req, { $skiptoken: encodeToken({ o: offset + size }) });
  return json(200, body);
}

function children(ctx: RouteContext, parent: DriveItem): DevResponse {
  const drive = driveOf(ctx);
  // The context names the collection as the caller addressed it: …/drive/root/children or …/items('{id}')/children.
  const scope = `${userSegment(ctx)}/drive/${parent.parentId ? `items('${parent.id}')` : 'root'}/children`;
  if (!parent.folder) return page(ctx, drive, [], scope);
  const items = ctx.services.tenant.drive
    .children(drive, parent.id)
    .sort((a, b) => Number(b.folder) - Number(a.folder) || a.name.localeCompare(b.name, 'da'));
  return page(ctx, drive, items, scope);
}

/** OneDrive answers /content with a redirect to a short-lived pre-authenticated URL. */
function content(ctx: RouteContext, item: DriveItem): DevResponse {
  if (item.folder) throw GraphErrors.downloadFolder();
  const url = render(ctx, driveOf(ctx), item)['@microsoft.graph.downloadUrl'] as string;
  return { status: 302, headers: { Location: url } };
}

function search(ctx: RouteContext): DevResponse {
  const drive = driveOf(ctx);
  const q = (ctx.params.q ?? '').replace(/''/g, "'").trim();
  const { tenant } = ctx.services;
  const text = (item: DriveItem) => tenant.searchableText(item);
  let matches: (item: DriveItem) => boolean;
  try {
    const node = parseKql(q);
    matches = (item) => matchesFreeText(node, searchableDriveItem(item, text));
  } catch (error) {
    if (!(error instanceof KqlSyntaxError)) throw error;
    // OneDrive treats q as plain words when it is not a valid query.
    const words = q
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    matches = (item) => {
      const lower = text(item).toLowerCase();
      return words.length > 0 && words.every((w) => lower.includes(w));
    };
  }
  const hits = drive.items.filter((i) => i.parentId !== undefined && q !== '' && matches(i));
  hits.sort((a, b) => b.lastModifiedDateTime.localeCompare(a.lastModifiedDateTime));
  // Every hit carries the searchResult facet (its onClickTelemetryUrl is optional; there is no telemetry here).
  return page(ctx, drive, hits, 'Collection(driveItem)', { searchResult: {} });
}

function write(ctx: RouteContext, drive: Drive, path: string, fromId?: string): DevResponse {
  const conflict = (ctx.req.query.get('@microsoft.graph.conflictBehavior') ?? 'replace') as 'replace' | 'rename' | 'fail';
  if (!['replace', 'rename', 'fail'].includes(conflict)) throw GraphErrors.conflictBehavior(conflict);
  if (ctx.req.body.length > 250 * 1024 * 1024) throw GraphErrors.simpleUploadTooLarge();
  const { item, created } = ctx.services.tenant.drive.write(drive, path, ctx.req.body, ctx.services.tenant.nowIso(), {
    conflict,
    contentType:
      ctx.req.headers['content-type'] && ctx.req.headers['content-type'] !== 'application/octet-stream'
        ? ctx.req.headers['content-type']
        : undefined,
    fromId,
  });
  return entity(ctx, drive, item, created ? 201 : 200);
}

/**
 * An upload session for a new file at a path (conflictBehavior `fail` by default, as documented for
 * createUploadSession, unlike simple PUT's `replace`), or for an existing file by id (which it replaces).
 */
function createUploadSession(
  ctx: RouteContext,
  parentPath: string,
  fromId?: string,
  defaultConflict: 'replace' | 'fail' = 'fail',
): DevResponse {
  const { tenant, uploads } = ctx.services;
  const drive = driveOf(ctx);
  const names = segments(parentPath);
  const name = names.pop();
  if (!name) throw GraphErrors.pathNotAFile();
  const body = jsonBody(ctx.req);
  const conflict = ((body.item as Record<string, unknown> | undefined)?.['@microsoft.graph.conflictBehavior'] ?? defaultConflict) as
    | 'replace'
    | 'rename'
    | 'fail';
  if (!['replace', 'rename', 'fail'].includes(conflict)) throw GraphErrors.conflictBehavior(String(conflict));
  const parent = names.length ? tenant.drive.byPath(drive, names.join('/'), fromId) : itemById(ctx, drive, fromId ?? drive.rootId);
  if (parent && !parent.folder) throw GraphErrors.parentIsAFile();
  if (conflict === 'fail' && tenant.drive.byPath(drive, parentPath, fromId)) throw GraphErrors.nameAlreadyExists();
  const session = uploads.create(
    { ownerId: ctx.user.id, parentId: fromId ?? drive.rootId, name: [...names, name].join('/'), conflict },
    tenant.now().getTime(),
  );
  return json(200, {
    '@odata.context': contextUrl(ctx.req, 'microsoft.graph.uploadSession'),
    uploadUrl: `${ctx.req.origin}/_upload/${session.id}`,
    expirationDateTime: new Date(session.expires).toISOString(),
    nextExpectedRanges: ['0-'],
  });
}

/** DELETE an item (by id or path): 204, and its children go with it. */
function remove(ctx: RouteContext, drive: Drive, item: DriveItem): DevResponse {
  ctx.services.tenant.drive.remove(drive, item);
  return noContent();
}

export const driveRoutes: Route[] = [
  route(
    'DELETE',
    new RegExp(`^${U}/items/(?<id>[^/:]+)$`),
    FILES_WRITE,
    (ctx) => remove(ctx, driveOf(ctx), itemById(ctx, driveOf(ctx), ctx.params.id!)),
    'onedrive',
  ),
  route(
    'DELETE',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+)):/(?<path>.+?):?$`),
    FILES_WRITE,
    (ctx) => remove(ctx, driveOf(ctx), itemByPath(ctx, driveOf(ctx), ctx.params.path!, ctx.params.id)),
    'onedrive',
  ),
  route(
    'GET',
    new RegExp(`^${U}$`),
    FILES_READ,
    (ctx) =>
      json(200, {
        '@odata.context': `${contextUrl(ctx.req, `${userSegment(ctx)}/drive`)}/$entity`,
        ...driveJson(ctx.user, driveOf(ctx), ctx.services.tenant.drive),
      }),
    'onedrive',
  ),
  route('GET', new RegExp(`^${U}/root/search\\(q='(?<q>.*)'\\)$`), FILES_READ, search, 'onedrive'),
  route(
    'GET',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+))$`),
    FILES_READ,
    (ctx) => entity(ctx, driveOf(ctx), itemById(ctx, driveOf(ctx), ctx.params.id ?? 'root')),
    'onedrive',
  ),
  route(
    'GET',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+))/children$`),
    FILES_READ,
    (ctx) => children(ctx, itemById(ctx, driveOf(ctx), ctx.params.id ?? 'root')),
    'onedrive',
  ),
  route(
    'GET',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+))/content$`),
    FILES_READ,
    (ctx) => content(ctx, itemById(ctx, driveOf(ctx), ctx.params.id ?? 'root')),
    'onedrive',
  ),
  // Path-addressed children and content come before the bare path, whose pattern would swallow ':/children'.
  route(
    'GET',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+)):/(?<path>.+?):/children$`),
    FILES_READ,
    (ctx) => children(ctx, itemByPath(ctx, driveOf(ctx), ctx.params.path!, ctx.params.id)),
    'onedrive',
  ),
  route(
    'GET',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+)):/(?<path>.+?):/content$`),
    FILES_READ,
    (ctx) => content(ctx, itemByPath(ctx, driveOf(ctx), ctx.params.path!, ctx.params.id)),
    'onedrive',
  ),
  route(
    'GET',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+)):/(?<path>.+?):?$`),
    FILES_READ,
    (ctx) => {
      const drive = driveOf(ctx);
      return entity(ctx, drive, itemByPath(ctx, drive, ctx.params.path!, ctx.params.id));
    },
    'onedrive',
  ),
  route(
    'PUT',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+)):/(?<path>.+?):/content$`),
    FILES_WRITE,
    (ctx) => write(ctx, driveOf(ctx), ctx.params.path!, ctx.params.id),
    'onedrive',
  ),
  route(
    'PUT',
    new RegExp(`^${U}/items/(?<id>[^/:]+)/content$`),
    FILES_WRITE,
    (ctx) => {
      const drive = driveOf(ctx);
      const item = itemById(ctx, drive, ctx.params.id!);
      if (item.folder || !item.parentId) throw GraphErrors.contentToFolder();
      return write(ctx, drive, item.name, item.parentId);
    },
    'onedrive',
  ),
  route(
    'POST',
    new RegExp(`^${U}/(?:root|items/(?<id>[^/:]+)):/(?<path>.+?):/createUploadSession$`),
    FILES_WRITE,
    (ctx) => createUploadSession(ctx, ctx.params.path!, ctx.params.id),
    'onedrive',
  ),
  // Updating an existing file: the session replaces that item's content.
  route(
    'POST',
    new RegExp(`^${U}/items/(?<id>[^/:]+)/createUploadSession$`),
    FILES_WRITE,
    (ctx) => {
      const drive = driveOf(ctx);
      const item = itemById(ctx, drive, ctx.params.id!);
      if (item.folder || !item.parentId) throw GraphErrors.uploadSessionTarget();
      return createUploadSession(ctx, item.name, item.parentId, 'replace');
    },
    'onedrive',
  ),
];
