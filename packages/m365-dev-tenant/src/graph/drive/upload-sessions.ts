import { GraphErrors, type GraphHttpError } from '../../errors.js';
import type { DriveItem } from '../../model.js';
import { newToken } from '../../state/ids.js';

/**
 * Resumable uploads (createUploadSession): fragments arrive in order with Content-Range, each a
 * multiple of 320 KiB except the last, at most 60 MiB; the file is written when the last byte arrives.
 */

export const FRAGMENT_MULTIPLE = 320 * 1024;
export const MAX_FRAGMENT = 60 * 1024 * 1024;
const SESSION_LIFETIME_MS = 15 * 60_000;

export interface UploadSession {
  id: string;
  ownerId: string;
  parentId: string;
  name: string;
  conflict: 'replace' | 'rename' | 'fail';
  expires: number;
  received: Buffer[];
  next: number;
  total?: number;
}

export type FragmentResult =
  | { kind: 'partial'; session: UploadSession }
  | { kind: 'complete'; session: UploadSession; bytes: Buffer }
  | { kind: 'error'; error: GraphHttpError };

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  create(init: Omit<UploadSession, 'id' | 'expires' | 'received' | 'next'>, now: number): UploadSession {
    const session: UploadSession = { ...init, id: newToken(32), expires: now + SESSION_LIFETIME_MS, received: [], next: 0 };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string, now: number): UploadSession | undefined {
    const s = this.sessions.get(id);
    if (s && s.expires < now) this.sessions.delete(id);
    return s && s.expires >= now ? s : undefined;
  }

  cancel(id: string): boolean {
    return this.sessions.delete(id);
  }

  fragment(session: UploadSession, contentRange: string | undefined, bytes: Buffer, now: number): FragmentResult {
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '');
    if (!m) return { kind: 'error', error: GraphErrors.contentRangeSyntax() };
    const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (end < start || end >= total || bytes.length !== end - start + 1) {
      return { kind: 'error', error: GraphErrors.contentRangeLength() };
    }
    if (session.total !== undefined && session.total !== total) {
      return { kind: 'error', error: GraphErrors.uploadTotalChanged() };
    }
    if (start !== session.next) {
      return { kind: 'error', error: GraphErrors.fragmentOutOfOrder(session.next) };
    }
    const last = end === total - 1;
    if (bytes.length > MAX_FRAGMENT) return { kind: 'error', error: GraphErrors.fragmentTooLarge() };
    if (!last && bytes.length % FRAGMENT_MULTIPLE !== 0) {
      return { kind: 'error', error: GraphErrors.fragmentMultiple() };
    }
    session.total = total;
    session.received.push(bytes);
    session.next = end + 1;
    session.expires = now + SESSION_LIFETIME_MS;
    if (!last) return { kind: 'partial', session };
    this.sessions.delete(session.id);
    return { kind: 'complete', session, bytes: Buffer.concat(session.received) };
  }
}

export type { DriveItem };
