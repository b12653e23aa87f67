import { createHash } from 'node:crypto';
import { GraphErrors } from '../errors.js';
import type { Drive, DriveItem } from '../model.js';
import { newDriveItemId, newGuid } from './ids.js';

/** OneDrive for Business drives: a tree of folders and files per user. */

export class DriveStore {
  readonly drives = new Map<string, Drive>();
  /** Called with each file written (new or replaced), e.g. to index it for search as OneDrive does. */
  onWrite?: (item: DriveItem) => void;

  ensureDrive(ownerId: string, now: string): Drive {
    let drive = this.drives.get(ownerId);
    if (!drive) {
      const rootId = newDriveItemId();
      drive = {
        id: `b!${Buffer.from(newGuid() + newGuid())
          .toString('base64url')
          .slice(0, 64)}`,
        ownerId,
        rootId,
        createdDateTime: now,
        items: [{ id: rootId, name: 'root', folder: true, createdDateTime: now, lastModifiedDateTime: now, ...tags(rootId, ''), size: 0 }],
      };
      this.drives.set(ownerId, drive);
    }
    return drive;
  }

  clear(): void {
    this.drives.clear();
  }

  restore(drive: Drive): void {
    this.drives.set(drive.ownerId, drive);
  }

  item(drive: Drive, id: string): DriveItem | undefined {
    return drive.items.find((i) => i.id === id);
  }

  /** Removes an item and everything below it (Graph's DELETE moves it to the recycle bin; here it is gone). */
  remove(drive: Drive, item: DriveItem): void {
    if (item.id === drive.rootId) throw GraphErrors.rootNotDeletable();
    const doomed = new Set([item.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const i of drive.items) {
        if (i.parentId && doomed.has(i.parentId) && !doomed.has(i.id)) {
          doomed.add(i.id);
          grew = true;
        }
      }
    }
    drive.items = drive.items.filter((i) => !doomed.has(i.id));
  }

  children(drive: Drive, parentId: string): DriveItem[] {
    return drive.items.filter((i) => i.parentId === parentId);
  }

  /** The item at a '/'-separated path below `fromId` (the root by default). */
  byPath(drive: Drive, path: string, fromId = drive.rootId): DriveItem | undefined {
    let current = this.item(drive, fromId);
    for (const name of segments(path)) {
      if (!current) return undefined;
      current = drive.items.find((i) => i.parentId === current!.id && i.name.toLowerCase() === name.toLowerCase());
    }
    return current;
  }

  /** The path of an item's parent as Graph writes it in parentReference.path: /drive/root:/A/B */
  parentPath(drive: Drive, item: DriveItem): string | undefined {
    if (!item.parentId) return undefined;
    const names: string[] = [];
    for (let p = this.item(drive, item.parentId); p?.parentId; p = this.item(drive, p.parentId)) names.unshift(p.name);
    return `/drive/root:${names.length ? `/${names.join('/')}` : ''}`;
  }

  /** Writes a file at `path`, creating folders; replaces, renames or fails on an existing file per `conflict`. */
  write(
    drive: Drive,
    path: string,
    bytes: Buffer,
    now: string,
    options: {
      contentType?: string | undefined;
      searchText?: string | undefined;
      conflict?: 'replace' | 'rename' | 'fail';
      fromId?: string | undefined;
    } = {},
  ): { item: DriveItem; created: boolean } {
    const names = segments(path);
    const fileName = names.pop();
    if (!fileName) throw GraphErrors.pathNotAFile();
    let parent = this.item(drive, options.fromId ?? drive.rootId)!;
    for (const name of names) parent = this.folder(drive, parent, name, now);
    let name = fileName;
    const existing = drive.items.find((i) => i.parentId === parent.id && i.name.toLowerCase() === name.toLowerCase());
    if (existing?.folder) throw GraphErrors.folderExists();
    if (existing && options.conflict === 'fail') throw GraphErrors.nameAlreadyExists();
    if (existing && options.conflict === 'rename') name = this.freeName(drive, parent.id, name);
    const target = existing && options.conflict !== 'rename' ? existing : undefined;
    const fields = {
      content: bytes.toString('base64'),
      size: bytes.length,
      contentType: options.contentType ?? contentTypeOf(name),
      searchText: options.searchText,
      lastModifiedDateTime: now,
    };
    if (target) {
      Object.assign(target, fields, tags(target.id, fields.content));
      this.touchParents(drive, target, now);
      this.onWrite?.(target);
      return { item: target, created: false };
    }
    const id = newDriveItemId();
    const item: DriveItem = { id, name, parentId: parent.id, folder: false, createdDateTime: now, ...fields, ...tags(id, fields.content) };
    drive.items.push(item);
    this.touchParents(drive, item, now);
    this.onWrite?.(item);
    return { item, created: true };
  }

  /** The byte size of a folder is the sum of what it holds, as OneDrive reports it. */
  sizeOf(drive: Drive, item: DriveItem): number {
    if (!item.folder) return item.size;
    return this.children(drive, item.id).reduce((sum, child) => sum + this.sizeOf(drive, child), 0);
  }

  private folder(drive: Drive, parent: DriveItem, name: string, now: string): DriveItem {
    const found = drive.items.find((i) => i.parentId === parent.id && i.name.toLowerCase() === name.toLowerCase());
    if (found && !found.folder) throw GraphErrors.notAFolder(name);
    if (found) return found;
    const id = newDriveItemId();
    const folder: DriveItem = {
      id,
      name,
      parentId: parent.id,
      folder: true,
      createdDateTime: now,
      lastModifiedDateTime: now,
      size: 0,
      ...tags(id, ''),
    };
    drive.items.push(folder);
    return folder;
  }

  private freeName(drive: Drive, parentId: string, name: string): string {
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; ; n++) {
      const candidate = `${stem} ${n}${ext}`;
      if (!drive.items.some((i) => i.parentId === parentId && i.name.toLowerCase() === candidate.toLowerCase())) return candidate;
    }
  }

  private touchParents(drive: Drive, item: DriveItem, now: string): void {
    for (
      let p = item.parentId ? this.item(drive, item.parentId) : undefined;
      p;
      p = p.parentId ? this.item(drive, p.parentId) : undefined
    ) {
      p.lastModifiedDateTime = now;
    }
  }
}

function tags(id: string, content: string): { eTag: string; cTag: string } {
  const version = createHash('sha1').update(content).digest('hex').slice(0, 8).toUpperCase();
  return { eTag: `"{${id.slice(2, 10)}-${version}},1"`, cTag: `"c:{${id.slice(2, 10)}-${version}},1"` };
}

export function segments(path: string): string[] {
  return path
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
}

const TYPES: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  pdf: 'application/pdf',
  eml: 'message/rfc822',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export function contentTypeOf(name: string): string {
  return TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

export function isTextual(contentType: string | undefined): boolean {
  return !!contentType && (/^text\//.test(contentType) || /json|xml|rfc822/.test(contentType));
}
