import { GraphErrors, GraphHttpError } from '../../errors.js';
import { graphErrorResponse, type DevResponse } from '../../http/kit.js';
import type { Services } from '../context.js';
import { itemJson, verifyDownload } from './drive-json.js';

/** The pre-authenticated URLs outside /v1.0: file downloads and upload-session fragments. */

const ids = { requestId: 'upload', clientRequestId: 'upload' };
const answer = (error: GraphHttpError, now: Date): DevResponse => graphErrorResponse(ids, error, now);

export function handleDownload(token: string, services: Services): DevResponse {
  const { tenant } = services;
  const target = verifyDownload(token, tenant.now().getTime());
  const drive = target ? tenant.drive.drives.get(target.ownerId) : undefined;
  const item = target && drive ? tenant.drive.item(drive, target.itemId) : undefined;
  if (!item || item.folder) return answer(GraphErrors.downloadGone(), tenant.now());
  return {
    status: 200,
    headers: { 'Content-Type': item.contentType ?? 'application/octet-stream', ETag: item.eTag },
    body: Buffer.from(item.content ?? '', 'base64'),
  };
}

export function handleUpload(
  method: string,
  id: string,
  headers: Record<string, string | undefined>,
  body: Buffer,
  services: Services,
  origin: string,
): DevResponse {
  const { tenant, uploads } = services;
  const now = tenant.now().getTime();
  const session = uploads.get(id, now);
  const gone = () => answer(GraphErrors.uploadSessionGone(), tenant.now());
  if (!session) return gone();
  if (method === 'DELETE') {
    uploads.cancel(id);
    return { status: 204 };
  }
  const status = () => ({ expirationDateTime: new Date(session.expires).toISOString(), nextExpectedRanges: [`${session.next}-`] });
  if (method === 'GET') return { status: 200, body: status() };
  if (method !== 'PUT') return answer(GraphErrors.uploadMethod(), tenant.now());

  const result = uploads.fragment(session, headers['content-range'], body, now);
  if (result.kind === 'error') return answer(result.error, tenant.now());
  if (result.kind === 'partial') return { status: 202, body: status() };
  const owner = tenant.user(session.ownerId);
  const drive = tenant.drive.drives.get(session.ownerId);
  if (!owner || !drive) return gone();
  try {
    const { item, created } = tenant.drive.write(drive, session.name, result.bytes, tenant.nowIso(), {
      conflict: session.conflict,
      fromId: session.parentId,
    });
    return { status: created ? 201 : 200, body: itemJson(origin, owner, drive, tenant.drive, item, now) };
  } catch (error) {
    if (error instanceof GraphHttpError) return answer(error, tenant.now());
    throw error;
  }
}
