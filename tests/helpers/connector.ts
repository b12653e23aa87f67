import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * A Bot Framework connector service on loopback: where the bot's replies and proactive messages go
 * (POST /v3/conversations/{id}/activities[/{replyTo}]). It records them and can refuse a conversation
 * with a status, as Teams does for a user who blocked the bot. `hold(ms)` makes it answer slowly; a
 * request whose sender went away meanwhile (a crashed app) is not recorded, as it never completed.
 */

export interface ConnectorActivity {
  conversationId: string;
  at: number;
  activity: Partial<Activity>;
}

export async function startConnector() {
  const received: ConnectorActivity[] = [];
  const refuse = new Map<string, number>();
  let holdMs = 0;
  const waiters: { match: (a: ConnectorActivity) => boolean; resolve: (a: ConnectorActivity) => void }[] = [];
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data));
    });
  // Something in botbuilder's dependency tree patches writeHead to return undefined: no chaining.
  const reply = (res: import('node:http').ServerResponse, status: number, json?: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(json === undefined ? undefined : JSON.stringify(json));
  };
  const server = createServer(async (req, res) => {
    const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
    const text = await body(req);
    if (!match) return reply(res, 404);
    if (holdMs) {
      const gone = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), holdMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (gone) return;
    }
    const conversationId = decodeURIComponent(match[1]!);
    const status = refuse.get(conversationId);
    if (status)
      return reply(res, status, {
        error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
      });
    const entry: ConnectorActivity = { conversationId, at: Date.now(), activity: JSON.parse(text) as Partial<Activity> };
    received.push(entry);
    for (const w of [...waiters]) {
      if (w.match(entry)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    }
    reply(res, 200, { id: `activity-${received.length}` });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    refuse: (conversationId: string, status: number) => refuse.set(conversationId, status),
    hold: (ms: number) => {
      holdMs = ms;
    },
    next: (match: (a: ConnectorActivity) => boolean = () => true) =>
      new Promise<ConnectorActivity>((resolve) => waiters.push({ match, resolve })),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A DPO's personal chat with the bot as Teams stores it on install, its service URL the test's connector. */
export function personalChat(serviceUrl: string, dpo: string) {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `a:${dpo}`, conversationType: 'personal' },
    user: { id: '29:u', aadObjectId: dpo },
    bot: { id: '28:b' },
  };
}
