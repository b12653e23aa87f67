import { GraphErrors } from '../errors.js';
import { json, jsonBody, type DevResponse } from '../http/kit.js';
import type { DriveItem } from '../model.js';
import { KqlSyntaxError, matchesFreeText, parseKql, words, type KqlNode } from '../query/kql.js';
import { searchableDriveItem } from '../query/search-index.js';
import { route, SITES_READ, type Route, type RouteContext } from './context.js';
import { driveById, renderItem } from './sites.js';

/**
 * The Microsoft Search API for files, app-only (search-query.md, search-concept-files.md,
 * search-concept-searchAll.md): one query over every SharePoint site library and every OneDrive, as
 * Graph searches both. Application permissions need `region` and allow only the SharePoint entity types.
 */

const ALLOWED = ['driveItem', 'listItem'];
const MAX_SIZE = 500;

interface SearchRequest {
  entityTypes?: unknown;
  query?: { queryString?: unknown };
  from?: unknown;
  size?: unknown;
  region?: unknown;
}

function checkRequest(r: SearchRequest, region: string): { types: string[]; q: string; from: number; size: number } {
  if (!Array.isArray(r.entityTypes) || r.entityTypes.length === 0 || !r.entityTypes.every((t) => typeof t === 'string'))
    throw GraphErrors.searchRequestShape('entityTypes must be a non-empty list of entity types.');
  const types = r.entityTypes as string[];
  const refused = types.filter((t) => !ALLOWED.some((a) => a.toLowerCase() === t.toLowerCase()));
  if (refused.length) throw GraphErrors.searchEntityTypes(refused.join(', '));
  if (typeof r.query?.queryString !== 'string' || !r.query.queryString.trim())
    throw GraphErrors.searchRequestShape('query.queryString is required.');
  if (r.region === undefined || r.region === null || r.region === '') throw GraphErrors.searchRegionMissing();
  if (typeof r.region !== 'string' || r.region.toUpperCase() !== region.toUpperCase())
    throw GraphErrors.searchRegionInvalid(String(r.region), region);
  const from = r.from ?? 0;
  const size = r.size ?? 25;
  if (!Number.isInteger(from) || (from as number) < 0) throw GraphErrors.searchRequestShape('from must be a non-negative integer.');
  if (!Number.isInteger(size) || (size as number) < 1 || (size as number) > MAX_SIZE)
    throw GraphErrors.searchRequestShape(`size must be an integer from 1 to ${MAX_SIZE}.`);
  return {
    types: types.map((t) => ALLOWED.find((a) => a.toLowerCase() === t.toLowerCase())!),
    q: r.query.queryString,
    from: from as number,
    size: size as number,
  };
}

function matcher(q: string, text: (item: DriveItem) => string): (item: DriveItem) => boolean {
  let node: KqlNode;
  try {
    node = parseKql(q);
  } catch (error) {
    if (!(error instanceof KqlSyntaxError)) throw error;
    // SharePoint treats an unparsable query as its words.
    const all = words(q);
    return (item) => all.length > 0 && all.every((w) => words(text(item)).includes(w));
  }
  return (item) => matchesFreeText(node, searchableDriveItem(item, text));
}

function answer(ctx: RouteContext, r: SearchRequest) {
  const { tenant } = ctx.services;
  const { types, q, from, size } = checkRequest(r, tenant.sources.settings.searchRegion);
  const matches = matcher(q, (i) => tenant.searchableText(i));
  const hits: { drive: string; item: DriveItem }[] = [];
  for (const drive of tenant.drive.drives.values()) {
    for (const item of drive.items) if (!item.folder && item.parentId && matches(item)) hits.push({ drive: drive.id, item });
  }
  hits.sort((a, b) => b.item.lastModifiedDateTime.localeCompare(a.item.lastModifiedDateTime) || a.item.id.localeCompare(b.item.id));
  // A document found as driveItem is not repeated as its listItem.
  const asDriveItem = types.includes('driveItem');
  const page = hits.slice(from, from + size).map(({ drive, item }, n) => {
    const owner = driveById(ctx, drive);
    const rendered = renderItem(ctx, owner, item);
    const { '@microsoft.graph.downloadUrl': _url, ...resource } = rendered;
    const siteId = owner.site?.id ?? `itguy-my.sharepoint.com,${owner.drive.ownerId},${owner.drive.ownerId}`;
    const parentReference = { ...(resource.parentReference as object), siteId };
    return {
      hitId: item.id,
      rank: from + n + 1,
      summary: '',
      resource: asDriveItem
        ? { '@odata.type': '#microsoft.graph.driveItem', ...resource, parentReference }
        : {
            '@odata.type': '#microsoft.graph.listItem',
            id: item.id,
            createdDateTime: item.createdDateTime,
            lastModifiedDateTime: item.lastModifiedDateTime,
            name: item.name,
            webUrl: resource.webUrl,
            createdBy: resource.createdBy,
            lastModifiedBy: resource.lastModifiedBy,
            parentReference: { siteId, driveId: owner.drive.id },
          },
    };
  });
  return {
    searchTerms: words(q.replace(/\b(AND|OR|NOT)\b/g, ' ')),
    hitsContainers: [{ hits: page, total: hits.length, moreResultsAvailable: from + size < hits.length }],
  };
}

function query(ctx: RouteContext): DevResponse {
  const body = jsonBody(ctx.req);
  if (!Array.isArray(body.requests) || body.requests.length === 0)
    throw GraphErrors.searchRequestShape('requests must be a non-empty list.');
  return json(200, {
    '@odata.context': `${ctx.req.origin}/v1.0/$metadata#Collection(microsoft.graph.searchResponse)`,
    value: (body.requests as SearchRequest[]).map((r) => answer(ctx, r)),
  });
}

export const searchRoutes: Route[] = [route('POST', /^\/search\/query$/, SITES_READ, query)];
