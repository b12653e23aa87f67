import { EventEmitter } from 'node:events';
import type { MailFolder, Mailbox, StoredMessage } from '../model.js';
import { newChangeKey, newFolderId, newImmutableId, newRestId } from './ids.js';

/** Mailboxes, folders and messages, with the change sequence delta and notifications are built on. */

export const WELL_KNOWN_FOLDERS = [
  ['msgfolderroot', 'Top of Information Store'],
  ['inbox', 'Indbakke'],
  ['sentitems', 'Sendt post'],
  ['drafts', 'Kladder'],
  ['deleteditems', 'Slettet post'],
  ['archive', 'Arkiv'],
  ['junkemail', 'Uønsket mail'],
  ['outbox', 'Udbakke'],
] as const;

export type ChangeType = 'created' | 'updated' | 'deleted';

export interface MessageChange {
  changeType: ChangeType;
  mailboxId: string;
  folderId: string;
  message: StoredMessage;
}

export class MailStore extends EventEmitter<{ change: [MessageChange] }> {
  readonly mailboxes = new Map<string, Mailbox>();
  private readonly byId = new Map<string, StoredMessage>();

  ensureMailbox(userId: string): Mailbox {
    let mailbox = this.mailboxes.get(userId);
    if (!mailbox) {
      const rootId = newFolderId();
      const folders: MailFolder[] = WELL_KNOWN_FOLDERS.map(([wellKnownName, displayName]) => ({
        id: wellKnownName === 'msgfolderroot' ? rootId : newFolderId(),
        wellKnownName,
        displayName,
        parentFolderId: rootId,
      }));
      mailbox = { userId, folders, messages: [], tombstones: [], seq: 0 };
      this.mailboxes.set(userId, mailbox);
    }
    return mailbox;
  }

  clear(): void {
    this.mailboxes.clear();
    this.byId.clear();
  }

  /** Restores a mailbox from a snapshot. */
  restore(mailbox: Mailbox): void {
    this.mailboxes.set(mailbox.userId, mailbox);
    for (const message of mailbox.messages) this.index(message);
  }

  folder(mailbox: Mailbox, idOrName: string): MailFolder | undefined {
    const key = idOrName.toLowerCase();
    return mailbox.folders.find((f) => f.id === idOrName || f.wellKnownName === key || f.displayName.toLowerCase() === key);
  }

  wellKnown(mailbox: Mailbox, name: string): MailFolder {
    return mailbox.folders.find((f) => f.wellKnownName === name)!;
  }

  /** A message by REST or immutable id, in this mailbox only. */
  find(mailbox: Mailbox, id: string): StoredMessage | undefined {
    const message = this.byId.get(id);
    return message && message.mailboxId === mailbox.userId ? message : undefined;
  }

  add(
    mailbox: Mailbox,
    folder: MailFolder,
    fields: Omit<StoredMessage, 'id' | 'immutableId' | 'mailboxId' | 'folderId' | 'changeKey' | 'seq' | 'arrivedSeq'>,
  ): StoredMessage {
    const seq = ++mailbox.seq;
    const message: StoredMessage = {
      ...fields,
      id: newRestId(),
      immutableId: newImmutableId(),
      mailboxId: mailbox.userId,
      folderId: folder.id,
      changeKey: newChangeKey(),
      seq,
      arrivedSeq: seq,
    };
    mailbox.messages.push(message);
    this.index(message);
    this.emit('change', { changeType: 'created', mailboxId: mailbox.userId, folderId: folder.id, message });
    return message;
  }

  update(mailbox: Mailbox, message: StoredMessage, patch: Partial<StoredMessage>, now: string): StoredMessage {
    Object.assign(message, patch, { changeKey: newChangeKey(), lastModifiedDateTime: now, seq: ++mailbox.seq });
    this.emit('change', { changeType: 'updated', mailboxId: mailbox.userId, folderId: message.folderId, message });
    return message;
  }

  /** Moving gives the message a new REST id, as Exchange does; the immutable id stays. */
  move(mailbox: Mailbox, message: StoredMessage, to: MailFolder, now: string): StoredMessage {
    if (to.id === message.folderId) return message;
    this.tombstone(mailbox, message);
    // Subscribers of the old folder see the message go, under the id they knew.
    this.emit('change', { changeType: 'deleted', mailboxId: mailbox.userId, folderId: message.folderId, message: { ...message } });
    this.byId.delete(message.id);
    message.id = newRestId();
    message.folderId = to.id;
    this.byId.set(message.id, message);
    const seq = ++mailbox.seq;
    Object.assign(message, { changeKey: newChangeKey(), lastModifiedDateTime: now, seq, arrivedSeq: seq });
    this.emit('change', { changeType: 'created', mailboxId: mailbox.userId, folderId: to.id, message });
    return message;
  }

  remove(mailbox: Mailbox, message: StoredMessage): void {
    this.tombstone(mailbox, message);
    mailbox.messages.splice(mailbox.messages.indexOf(message), 1);
    this.byId.delete(message.id);
    this.byId.delete(message.immutableId);
    this.emit('change', { changeType: 'deleted', mailboxId: mailbox.userId, folderId: message.folderId, message });
  }

  inFolder(mailbox: Mailbox, folderId: string | undefined): StoredMessage[] {
    return folderId ? mailbox.messages.filter((m) => m.folderId === folderId) : mailbox.messages;
  }

  private tombstone(mailbox: Mailbox, message: StoredMessage): void {
    mailbox.tombstones.push({ id: message.id, immutableId: message.immutableId, folderId: message.folderId, seq: ++mailbox.seq });
  }

  private index(message: StoredMessage): void {
    this.byId.set(message.id, message);
    this.byId.set(message.immutableId, message);
  }
}
