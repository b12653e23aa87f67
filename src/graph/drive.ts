import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { userPath } from './paths.js';

/** A user's OneDrive: items by path, file content down and up, deleting (the answer package). */

/** Simple PUT up to 4 MB (Graph's limit for it); larger files go through an upload session. */
const SIMPLE_UPLOAD_MAX = 4 * 1024 * 1024;
/** Upload session chunks must be multiples of 320 KiB. */
const CHUNK = 320 * 1024 * 10;

export interface DriveItem {
  id?: string;
  name?: string;
  webUrl?: string;
}

/** `/users/{user}/drive/root:/{path}`; the path's own slashes stay separators. */
const byPath = (user: string, path: string) => `${userPath(user)}/drive/root:/${encodeURI(path)}`;

export async function driveItemByPath(graph: Client, user: string, path: string): Promise<DriveItem> {
  return (await graph.api(byPath(user, path)).get()) as DriveItem;
}

/** A file's content by item id. */
export async function downloadDriveItem(graph: Client, user: string, itemId: string): Promise<Buffer> {
  return Buffer.from(
    (await graph
      .api(`${userPath(user)}/drive/items/${encodeURIComponent(itemId)}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer,
  );
}

/** A file's bytes by its drive's id: a SharePoint library's file, which has no owner to address it by. */
export async function downloadDriveItemIn(graph: Client, driveId: string, itemId: string): Promise<Buffer> {
  return Buffer.from(
    (await graph
      .api(`/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(itemId)}/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer,
  );
}

/** Deletes a file or a folder with everything in it. */
export async function deleteDriveItemByPath(graph: Client, user: string, path: string): Promise<void> {
  await graph.api(byPath(user, path)).delete();
}

/**
 * Writes `content` to `path` (replacing what is there): in one PUT up to SIMPLE_UPLOAD_MAX, else through an
 * upload session in chunks. `label` names the file in an error.
 */
export async function uploadFile(graph: Client, user: string, path: string, content: Buffer, label = path): Promise<void> {
  const target = byPath(user, path);
  if (content.length <= SIMPLE_UPLOAD_MAX) {
    await graph.api(`${target}:/content`).header('Content-Type', 'application/octet-stream').put(content);
    return;
  }
  const session = (await graph
    .api(`${target}:/createUploadSession`)
    .post({ item: { '@microsoft.graph.conflictBehavior': 'replace' } })) as { uploadUrl: string };
  // The upload URL is pre-authenticated: no Authorization header (Graph docs).
  for (let start = 0; start < content.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, content.length);
    const response = await fetch(session.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Length': String(end - start), 'Content-Range': `bytes ${start}-${end - 1}/${content.length}` },
      body: new Uint8Array(content.subarray(start, end)),
    });
    if (!response.ok) throw new Error(`upload of ${label} failed at byte ${start}: HTTP ${response.status}`);
  }
}
