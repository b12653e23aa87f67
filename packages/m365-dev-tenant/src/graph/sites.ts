import { GraphErrors } from '../errors.js';
import { json, type DevResponse } from '../http/kit.js';
import type { DevUser, Drive, DriveItem } from '../model.js';
import type { StoredSite } from '../state/sources-store.js';
import { route, SITES_READ, type Route, type RouteContext } from './context.js';
import { driveJson, itemJson } from './drive/drive-json.js';
import { contextUrl, decodeToken, encodeToken, intParam, linkTo } from './odata.js';

/**
 * SharePoint sites and their default document library (site-get.md, site-list.md, drive-get.md,
 * driveitem-get.md, driveitem-get-content.md), and any drive by id (/drives/{drive-id}/…), OneDrives
 * included, so a search hit's parentReference.driveId and id are enough to fetch and download it.
 */

export function siteJson(s: StoredSite) {
  const [hostname] = s.id.split(',');
  return {
    createdDateTime: s.createdDateTime,
    description: s.description,
    id: s.id,
    lastModifiedDateTime: s.createdDateTime,
    name: s.name,
    webUrl: s.webUrl,
    displayName: s.displayName,
    root: {},
    siteCollection: { hostname },
  };
}

/** A site's library has no owning user; Graph names the site's system account as its owner. */
function siteOwner(s: StoredSite): DevUser {
  return {
    id: s.id,
    displayName: s.displayName,
    givenName: null,
    surname: null,
    mail: '',
    userPrincipalName: s.name,
    jobTitle: null,
    department: null,
    officeLocation: null,
    mobilePhone: null,
    businessPhones: [],
    preferredLanguage: null,
    accountEnabled: true,
    mailboxType: 'shared',
  };
}

export interface DriveOwner {
  drive: Drive;
  site?: StoredSite | undefined;
  user?: DevUser | undefined;
}

export function driveById(ctx: RouteContext, id: string): DriveOwner {
  const { tenant } = ctx.services;
  const drive = [...tenant.drive.drives.values()].find((d) => d.id === id);
  if (!drive) throw GraphErrors.itemNotFound();
  const site = tenant.sources.site(drive.ownerId);
  return { drive, site, user: site ? undefined : tenant.user(drive.ownerId) };
}

/** The SharePoint address of a site library item: the site's URL, the library, the path. */
function siteItemUrl(site: StoredSite, relative: string): string {
  return `${site.webUrl}/Shared%20Documents${relative.split('/').map(encodeURIComponent).join('/')}`;
}

export function renderItem(ctx: RouteContext, owner: DriveOwner, item: DriveItem) {
  const { tenant } = ctx.services;
  const user = owner.user ?? siteOwner(owner.site!);
  const out = itemJson(ctx.req.origin, user, owner.drive, tenant.drive, item, tenant.now().getTime());
  if (owner.site) {
    const parentPath = tenant.drive.parentPath(owner.drive, item);
    const relative = parentPath === undefined ? '' : `${parentPath.replace('/drive/root:', '')}/${item.name}`;
    out.webUrl = siteItemUrl(owner.site, relative);
    out.parentReference = { ...out.parentReference, driveType: 'documentLibrary', siteId: owner.site.id };
    const system = { user: { displayName: 'System Account' } };
    out.createdBy = system;
    out.lastModifiedBy = system;
  }
  return out;
}

function siteDriveJson(ctx: RouteContext, site: StoredSite) {
  const { tenant } = ctx.services;
  const drive = tenant.drive.ensureDrive(site.id, site.createdDateTime);
  return {
    ...driveJson(siteOwner(site), drive, tenant.drive),
    driveType: 'documentLibrary',
    name: 'Documents',
    webUrl: `${site.webUrl}/Shared%20Documents`,
    owner: { group: { id: site.id.split(',')[1], displayName: site.displayName } },
  };
}

function siteOf(ctx: RouteContext): StoredSite {
  const site = ctx.services.tenant.sources.site(ctx.params.site!);
  if (!site) throw GraphErrors.siteNotFound();
  return site;
}

function listSites(ctx: RouteContext): DevResponse {
  const search = ctx.req.query.get('search')?.trim().toLowerCase();
  const sites = ctx.services.tenant.sources.sites.filter(
    (s) => !search || search === '*' || `${s.name} ${s.displayName} ${s.description}`.toLowerCase().includes(search),
  );
  const top = intParam(ctx.req, '$top', { min: 1, max: 999 }) ?? 200;
  const token = ctx.req.query.get('$skiptoken');
  const skip = token ? decodeToken<{ s: number }>(token, '$skiptoken').s : 0;
  return json(200, {
    '@odata.context': contextUrl(ctx.req, 'sites'),
    value: sites.slice(skip, skip + top).map(siteJson),
    ...(skip + top < sites.length ? { '@odata.nextLink': linkTo(ctx.req, { $skiptoken: encodeToken({ s: skip + top }) }) } : {}),
  });
}

function itemOf(ctx: RouteContext, owner: DriveOwner): DriveItem {
  const id = ctx.params.id ?? 'root';
  const item = ctx.services.tenant.drive.item(owner.drive, id === 'root' ? owner.drive.rootId : id);
  if (!item) throw GraphErrors.itemNotFound();
  return item;
}

function children(ctx: RouteContext): DevResponse {
  const owner = driveById(ctx, ctx.params.drive!);
  const parent = itemOf(ctx, owner);
  const items = ctx.services.tenant.drive
    .children(owner.drive, parent.id)
    .sort((a, b) => Number(b.folder) - Number(a.folder) || a.name.localeCompare(b.name, 'da'));
  return json(200, {
    '@odata.context': contextUrl(ctx.req, `drives('${owner.drive.id}')/items('${parent.id}')/children`),
    value: items.map((i) => renderItem(ctx, owner, i)),
  });
}

const D = '/drives/(?<drive>[^/]+)';

export const siteRoutes: Route[] = [
  route('GET', /^\/sites(?:\/getAllSites(?:\(\))?)?$/, SITES_READ, listSites),
  route('GET', /^\/sites\/(?<site>[^/]+)$/, SITES_READ, (ctx) =>
    json(200, { '@odata.context': contextUrl(ctx.req, 'sites/$entity'), ...siteJson(siteOf(ctx)) }),
  ),
  route('GET', /^\/sites\/(?<site>[^/]+)\/drive$/, SITES_READ, (ctx) =>
    json(200, { '@odata.context': contextUrl(ctx.req, 'drives/$entity'), ...siteDriveJson(ctx, siteOf(ctx)) }),
  ),
  route('GET', /^\/sites\/(?<site>[^/]+)\/drives$/, SITES_READ, (ctx) =>
    json(200, { '@odata.context': contextUrl(ctx.req, 'drives'), value: [siteDriveJson(ctx, siteOf(ctx))] }),
  ),
  route('GET', new RegExp(`^${D}$`), SITES_READ, (ctx) => {
    const owner = driveById(ctx, ctx.params.drive!);
    const body = owner.site ? siteDriveJson(ctx, owner.site) : driveJson(owner.user!, owner.drive, ctx.services.tenant.drive);
    return json(200, { '@odata.context': contextUrl(ctx.req, 'drives/$entity'), ...body });
  }),
  route('GET', new RegExp(`^${D}/(?:root|items/(?<id>[^/:]+))$`), SITES_READ, (ctx) => {
    const owner = driveById(ctx, ctx.params.drive!);
    return json(200, {
      '@odata.context': contextUrl(ctx.req, `drives('${owner.drive.id}')/items/$entity`),
      ...renderItem(ctx, owner, itemOf(ctx, owner)),
    });
  }),
  route('GET', new RegExp(`^${D}/(?:root|items/(?<id>[^/:]+))/children$`), SITES_READ, children),
  route('GET', new RegExp(`^${D}/items/(?<id>[^/:]+)/content$`), SITES_READ, (ctx) => {
    const owner = driveById(ctx, ctx.params.drive!);
    const item = itemOf(ctx, owner);
    if (item.folder) throw GraphErrors.downloadFolder();
    return { status: 302, headers: { Location: renderItem(ctx, owner, item)['@microsoft.graph.downloadUrl'] as string } };
  }),
];
