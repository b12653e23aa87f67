import { errorBody, type DevResponse } from '../../http/kit.js';
import { DriveError } from '../../state/drive-store.js';
import type { Services } from '../context.js';
import { itemJson, verifyDownload } from './drive-json.js';

/** The pre-authenticated URLs outside /v1.0: file downloads and upload-session fragments. */

const ids = { requestId: 'upload', clientRequestId: 'upload' };

export function handleDownload(token: string, services: Services): DevResponse {
  const { tenant } = services;
  const target = verifyDownload(token, tenant.now().getTime());
  const drive = target ? tenant.drive.drives.get(target.ownerId) : undefined;
  const item = target && drive ? tenant.drive.item(drive, target.itemId) : undefined;
  if (!item || item.folder) return { status: 404, body: errorBody(ids, 'itemNotFound', 'The download link is invalid or has expired.', tenant.now()) };
  return { status: 200, headers: { 'Content-Type': item.contentType ?? 'application/octet-stream', ETag: item.eTag }, body: Buffer.from(item.content ?? '', 'base64') };
}

export function handleUpload(method: string, id: string, headers: Record<string, string | undefined>, body: Buffer, services: Services, origin: string): DevResponse {
  const { tenant, uploads } = services;
  const now = tenant.now().getTime();
  const session = uploads.get(id, now);
  const gone = () => ({ status: 404, body: errorBody(ids, 'itemNotFound', 'The upload session was not found or has expired.', tenant.now()) });
  if (!session) return gone();
  if (method === 'DELETE') {
    uploads.cancel(id);
    return { status: 204 };
  }
  const status = () => ({ expirationDateTime: new Date(session.expires).toISOString(), nextExpectedRanges: [`${session.next}-`] });
  if (method === 'GET') return { status: 200, body: status() };
  if (method !== 'PUT') return { status: 405, body: errorBody(ids, 'invalidRequest', 'Use PUT to upload a fragment.', tenant.now()) };

  const result = uploads.fragment(session, headers['content-range'], body, now);
  if (result.kind === 'error') return { status: result.status, body: errorBody(ids, result.code, result.message, tenant.now()) };
  if (result.kind === 'partial') return { status: 202, body: status() };
  const owner = tenant.user(session.ownerId);
  const drive = tenant.drive.drives.get(session.ownerId);
  if (!owner || !drive) return gone();
  try {
    const { item, created } = tenant.drive.write(drive, session.name, result.bytes, tenant.nowIso(), { conflict: session.conflict, fromId: session.parentId });
    return { status: created ? 201 : 200, body: itemJson(origin, owner, drive, tenant.drive, item, now) };
  } catch (error) {
    if (error instanceof DriveError) return { status: error.status, body: errorBody(ids, error.code, error.message, tenant.now()) };
    throw error;
  }
}
