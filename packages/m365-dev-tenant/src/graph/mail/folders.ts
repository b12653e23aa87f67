import type { MailFolder as GraphMailFolder } from '@microsoft/microsoft-graph-types';
import { json } from '../../http/kit.js';
import type { Mailbox, MailFolder } from '../../model.js';
import { MAIL_READ, route, type Route, type RouteContext } from '../context.js';
import { contextUrl } from '../odata.js';
import { folderOf, mailboxOf, userSegment } from './shared.js';

/** GET /users/{id}/mailFolders and /mailFolders/{id | well-known name}. */

function folderJson(ctx: RouteContext, mailbox: Mailbox, f: MailFolder): GraphMailFolder & Record<string, unknown> {
  const messages = ctx.services.tenant.mail.inFolder(mailbox, f.id);
  return {
    id: f.id,
    displayName: f.displayName,
    parentFolderId: f.parentFolderId,
    childFolderCount: 0,
    unreadItemCount: messages.filter((m) => !m.isRead).length,
    totalItemCount: messages.length,
    sizeInBytes: messages.reduce((sum, m) => sum + m.text.length + m.attachments.reduce((s, a) => s + a.size, 0), 0),
    isHidden: false,
  };
}

export const folderRoutes: Route[] = [
  route(
    'GET',
    /^\/users\/(?<user>[^/]+)\/mailFolders$/,
    MAIL_READ,
    (ctx) => {
      const mailbox = mailboxOf(ctx);
      return json(200, {
        '@odata.context': contextUrl(ctx.req, `users('${userSegment(ctx)}')/mailFolders`),
        value: mailbox.folders.filter((f) => f.wellKnownName !== 'msgfolderroot').map((f) => folderJson(ctx, mailbox, f)),
      });
    },
    'outlook',
  ),
  route(
    'GET',
    /^\/users\/(?<user>[^/]+)\/mailFolders\/(?<folder>[^/]+)$/,
    MAIL_READ,
    (ctx) => {
      const mailbox = mailboxOf(ctx);
      const folder = folderOf(ctx, mailbox, ctx.params.folder!);
      return json(200, {
        '@odata.context': `${contextUrl(ctx.req, `users('${userSegment(ctx)}')/mailFolders`)}/$entity`,
        ...folderJson(ctx, mailbox, folder),
      });
    },
    'outlook',
  ),
];
