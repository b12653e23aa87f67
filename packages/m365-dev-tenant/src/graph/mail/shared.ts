import { GraphErrors } from '../../errors.js';
import type { DevRequest } from '../../http/kit.js';
import type { Mailbox, StoredMessage } from '../../model.js';
import type { RouteContext } from '../context.js';
import { messageJson, type RenderOptions } from '../message-json.js';
import { preferenceApplied, preferences } from '../odata.js';

/** Lookups and rendering every mail route shares. */

export function mailboxOf(ctx: RouteContext): Mailbox {
  return ctx.services.tenant.mailboxOf(ctx.user);
}

export function folderOf(ctx: RouteContext, mailbox: Mailbox, key: string) {
  const folder = ctx.services.tenant.mail.folder(mailbox, key);
  if (!folder) throw GraphErrors.notFoundInStore();
  return folder;
}

const ID = /^[A-Za-z0-9_\-=+/]{20,}$/;

export function messageOf(ctx: RouteContext, mailbox: Mailbox, id: string, folderKey?: string): StoredMessage {
  if (!ID.test(id)) throw GraphErrors.idMalformed();
  const message = ctx.services.tenant.mail.find(mailbox, id);
  if (!message || (folderKey && folderOf(ctx, mailbox, folderKey).id !== message.folderId)) {
    throw GraphErrors.notFoundInStore();
  }
  return message;
}

export function renderOptions(req: DevRequest, ctx: RouteContext): RenderOptions & { applied: Record<string, string> } {
  const prefs = preferences(req);
  const applied: string[] = [];
  if (prefs.immutableIds) applied.push('IdType="ImmutableId"');
  if (prefs.textBody) applied.push('outlook.body-content-type="text"');
  return {
    immutableIds: prefs.immutableIds,
    textBody: prefs.textBody,
    webBase: `https://outlook.office365.com/owa/?mailbox=${encodeURIComponent(ctx.user.mail)}`,
    applied: preferenceApplied(applied),
  };
}

export function render(m: StoredMessage, options: RenderOptions, select?: string[]) {
  return messageJson(m, options, !!select && (select.includes('internetMessageHeaders') || select.includes('uniqueBody')));
}

/** The user segment as the caller wrote it, URL-encoded as Graph writes it in @odata.context: users('mette%40itguy.dk'). */
export function userSegment(ctx: RouteContext): string {
  return encodeURIComponent(ctx.params.user ?? ctx.user.id);
}
