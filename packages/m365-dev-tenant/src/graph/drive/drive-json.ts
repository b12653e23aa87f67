import { createHmac, randomBytes } from 'node:crypto';
import type { DriveItem as GraphDriveItem } from '@microsoft/microsoft-graph-types';
import type { DevUser, Drive, DriveItem } from '../../model.js';
import type { DriveStore } from '../../state/drive-store.js';

/** Drive and driveItem resources, and the pre-authenticated download URLs OneDrive hands out. */

const downloadKey = randomBytes(32);

export function signDownload(ownerId: string, itemId: string, expires: number): string {
  const payload = Buffer.from(JSON.stringify({ o: ownerId, i: itemId, e: expires })).toString('base64url');
  const sig = createHmac('sha256', downloadKey).update(payload).digest('base64url');
  return `${payload}.${sig}`;
}

export function verifyDownload(token: string, now: number): { ownerId: string; itemId: string } | undefined {
  const [payload, sig] = token.split('.');
  if (!payload || !sig || createHmac('sha256', downloadKey).update(payload).digest('base64url') !== sig) return undefined;
  const { o, i, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { o: string; i: string; e: number };
  return e >= now ? { ownerId: o, itemId: i } : undefined;
}

/** SharePoint's address of the item: the path below Documents, each segment percent-encoded ('My%20Folder'). */
export function webUrl(owner: DevUser, path = ''): string {
  const personal = owner.userPrincipalName.replace(/[@.]/g, '_');
  return `https://itguy-my.sharepoint.com/personal/${personal}/Documents${path.split('/').map(encodeURIComponent).join('/')}`;
}

export function driveJson(owner: DevUser, drive: Drive, store: DriveStore) {
  const root = store.item(drive, drive.rootId)!;
  const used = store.sizeOf(drive, root);
  const system = { user: { displayName: 'System Account' } };
  return {
    id: drive.id,
    driveType: 'business',
    name: 'OneDrive',
    description: '',
    createdDateTime: drive.createdDateTime,
    lastModifiedDateTime: root.lastModifiedDateTime,
    webUrl: webUrl(owner),
    owner: { user: { id: owner.id, displayName: owner.displayName, email: owner.mail } },
    createdBy: system,
    lastModifiedBy: system,
    quota: { deleted: 0, remaining: 1_099_511_627_776 - used, state: 'normal', total: 1_099_511_627_776, used },
  };
}

export function itemJson(
  origin: string,
  owner: DevUser,
  drive: Drive,
  store: DriveStore,
  item: DriveItem,
  now: number,
): GraphDriveItem & Record<string, unknown> {
  const parentPath = store.parentPath(drive, item);
  const relative = parentPath === undefined ? '' : `${parentPath.replace('/drive/root:', '')}/${item.name}`;
  const by = { user: { email: owner.mail, id: owner.id, displayName: owner.displayName } };
  const parentName = item.parentId ? store.item(drive, item.parentId)?.name : undefined;
  const json: GraphDriveItem & Record<string, unknown> = {
    ...(item.folder ? {} : { '@microsoft.graph.downloadUrl': `${origin}/_download/${signDownload(owner.id, item.id, now + 3600_000)}` }),
    createdDateTime: item.createdDateTime,
    eTag: item.eTag,
    id: item.id,
    lastModifiedDateTime: item.lastModifiedDateTime,
    name: item.name,
    webUrl: webUrl(owner, relative),
    cTag: item.cTag,
    size: store.sizeOf(drive, item),
    createdBy: by,
    lastModifiedBy: by,
    parentReference: item.parentId
      ? {
          driveType: 'business',
          driveId: drive.id,
          id: item.parentId,
          ...(parentName !== undefined ? { name: parentName } : {}),
          ...(parentPath !== undefined ? { path: parentPath } : {}),
        }
      : { driveType: 'business', driveId: drive.id },
    fileSystemInfo: { createdDateTime: item.createdDateTime, lastModifiedDateTime: item.lastModifiedDateTime },
  };
  if (item.folder) json.folder = { childCount: store.children(drive, item.id).length };
  else
    json.file = {
      mimeType: item.contentType ?? 'application/octet-stream',
      hashes: { quickXorHash: Buffer.from(item.eTag).toString('base64').slice(0, 28) },
    };
  if (!item.parentId) json.root = {};
  return json;
}
