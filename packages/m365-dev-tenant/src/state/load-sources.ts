import { createHash } from 'node:crypto';
import type { Ago, SeedChatMessage, SeedTenant } from '../seed.js';
import type { Tenant } from './tenant.js';
import type { StoredChatMessage } from './sources-store.js';
import { eventDefaults } from './calendar-store.js';

/** Loads the seed's Teams, calendar, contacts, Copilot and SharePoint data into a tenant. */

/** A stable GUID from a name, so seeded teams and sites keep their ids across loads. */
export function nameGuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const hex = (name: string, n = 32) => createHash('sha256').update(name).digest('hex').slice(0, n);

export function loadSources(tenant: Tenant, seed: SeedTenant, at: (ago: Ago) => string): void {
  const { sources } = tenant;
  const person = (upn: string) => {
    const u = tenant.user(upn);
    if (!u) throw new Error(`seed names unknown user ${upn}`);
    return u;
  };
  // Teams message ids are epoch milliseconds; two seeded at the same instant get consecutive ones.
  const used = new Set<number>();
  const message = (m: SeedChatMessage, replyToId: string | null = null, subject: string | null = null): StoredChatMessage => {
    let ms = Date.parse(at(m.ago));
    while (used.has(ms)) ms++;
    used.add(ms);
    const when = new Date(ms).toISOString();
    const from = person(m.from);
    return {
      id: String(ms),
      replyToId,
      createdDateTime: when,
      lastModifiedDateTime: when,
      from: { id: from.id, displayName: from.displayName },
      body: { contentType: 'text', content: m.text },
      subject,
    };
  };
  for (const c of seed.chats ?? []) {
    const members = c.members.map((m) => person(m).id);
    const id =
      members.length === 2 && !c.topic
        ? `19:${[...members].sort().join('_')}@unq.gbl.spaces`
        : `19:${hex(`${c.topic ?? ''}|${[...members].sort().join()}`)}@thread.v2`;
    sources.chats.push({
      id,
      chatType: members.length === 2 && !c.topic ? 'oneOnOne' : 'group',
      topic: c.topic ?? null,
      members,
      messages: c.messages.map((m) => message(m)),
    });
  }
  for (const t of seed.teams ?? []) {
    sources.teams.push({
      id: nameGuid(`team|${t.displayName}`),
      displayName: t.displayName,
      description: t.description,
      channels: t.channels.map((ch) => ({
        id: `19:${hex(`channel|${t.displayName}|${ch.displayName}`)}@thread.tacv2`,
        displayName: ch.displayName,
        messages: ch.posts.flatMap((p) => {
          const post = message(p, null, p.subject ?? null);
          return [post, ...(p.replies ?? []).map((r) => message(r, post.id))];
        }),
      })),
    });
  }
  for (const e of seed.events ?? []) {
    const owner = person(e.owner);
    const start = new Date(at(e.startAgo));
    const end = new Date(start.getTime() + e.minutes * 60_000);
    const wall = (d: Date) => d.toISOString().slice(0, 19);
    const created = at({ days: Math.max(1, e.startAgo.days + 7) });
    tenant.calendar.add(owner.id, {
      createdDateTime: created,
      lastModifiedDateTime: created,
      subject: e.subject,
      body: { contentType: 'text', content: e.body },
      start: { dateTime: wall(start), timeZone: 'UTC' },
      end: { dateTime: wall(end), timeZone: 'UTC' },
      ...eventDefaults(),
      location: { displayName: e.location ?? '' },
      attendees: e.attendees.map((a) => ({ type: 'required' as const, emailAddress: { name: a.name, address: a.address } })),
      organizer: { emailAddress: { name: owner.displayName, address: owner.mail } },
    });
  }
  for (const c of seed.contacts ?? []) {
    const owner = person(c.owner);
    const when = at(c.modifiedAgo);
    const displayName = `${c.givenName} ${c.surname}`;
    sources.contacts.push({
      id: `AAMkAGI2${hex(`contact|${owner.id}|${c.email}`, 48)}AAA=`,
      ownerId: owner.id,
      createdDateTime: when,
      lastModifiedDateTime: when,
      displayName,
      givenName: c.givenName,
      surname: c.surname,
      companyName: c.companyName ?? null,
      emailAddresses: [{ name: displayName, address: c.email }],
      businessPhones: [],
      mobilePhone: c.mobilePhone ?? null,
      personalNotes: c.notes ?? '',
    });
  }
  for (const i of seed.copilot ?? []) {
    const user = person(i.user);
    const asked = Date.parse(at(i.ago));
    const appClass = i.appClass ?? 'IPM.SkypeTeams.Message.Copilot.BizChat';
    const common = {
      userId: user.id,
      sessionId: `19:${hex(`copilot|${user.id}|${asked}`, 40)}@thread.v2`,
      requestId: nameGuid(`copilot|${user.id}|${asked}`),
      appClass,
      conversationType: appClass.endsWith('.BizChat') ? 'bizchat' : 'appchat',
    };
    sources.interactions.push(
      {
        ...common,
        id: String(asked),
        interactionType: 'userPrompt',
        createdDateTime: new Date(asked).toISOString(),
        body: { contentType: 'text', content: i.prompt },
      },
      {
        ...common,
        id: String(asked + 900),
        interactionType: 'aiResponse',
        createdDateTime: new Date(asked + 900).toISOString(),
        body: { contentType: 'text', content: i.answer },
      },
    );
  }
  for (const s of seed.sites ?? []) {
    const id = `itguy.sharepoint.com,${nameGuid(`site|${s.name}`)},${nameGuid(`web|${s.name}`)}`;
    const created = at({ days: 400 });
    sources.sites.push({
      id,
      name: s.name,
      displayName: s.displayName,
      description: s.description,
      webUrl: `https://itguy.sharepoint.com/sites/${encodeURIComponent(s.name)}`,
      createdDateTime: created,
    });
    const drive = tenant.drive.ensureDrive(id, created);
    for (const f of s.files) {
      const { item } = tenant.drive.write(drive, f.path, Buffer.from(f.content, 'utf8'), at(f.modifiedAgo));
      item.createdDateTime = item.lastModifiedDateTime;
    }
  }
  Object.assign(sources.settings, seed.settings ?? {});
}
