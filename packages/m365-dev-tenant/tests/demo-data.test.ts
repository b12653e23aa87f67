import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DATA_SUBJECTS,
  DEMO_DPA_INBOX,
  DEMO_FILES,
  DEMO_MAIL,
  demoDataPath,
  demoMailLocation,
  demoTenant,
} from '../src/demo/demo-tenant.js';
import { pdfText } from '../src/demo/pdf.js';
import { words } from '../src/query/kql.js';
import type { SeedMessage, SeedTenant } from '../src/seed.js';
import { Tenant } from '../src/state/tenant.js';

/** Integrity of the demo tenant's data (src/demo): the things a hand-edit is most likely to break. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY_MINUTES = 24 * 60;
const minutesAgo = (a: { days: number; hours?: number; minutes?: number }) => a.days * DAY_MINUTES + (a.hours ?? 0) * 60 + (a.minutes ?? 0);

/** itguy.dk, or the RFC 2606 example domains and their subdomains – nothing that could reach a real person. */
const allowedDomain = (domain: string) => {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return d === 'itguy.dk' || /(^|\.)example\.(com|net|org)$/.test(d);
};
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
const URL_HOST = /\bhttps?:\/\/([^/\s"'<>):?#]+)/g;
function foreignDomains(text: string): string[] {
  return [...text.matchAll(EMAIL), ...text.matchAll(URL_HOST)].map((m) => m[1]!).filter((d) => !allowedDomain(d));
}

/** Files below `root`, as '/'-separated NFC paths relative to it. */
function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, join(dir, e.name)) : [relative(root, join(dir, e.name))]))
    .map((p) => p.normalize('NFC').split(sep).join('/'));
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((a) => a.value)
    .map((a) => ({ name: a.name, address: (a.address ?? '').toLowerCase() }));

interface Parsed {
  seed: SeedMessage;
  mail: ParsedMail;
  /** Subject, addresses, text, HTML as text and attachments as text, lower-cased. */
  haystack: string;
}

async function attachmentText(mail: ParsedMail): Promise<string> {
  const parts: string[] = [];
  for (const a of mail.attachments) {
    if (a.contentType === 'application/pdf') parts.push(pdfText(a.content));
    else if (a.contentType === 'message/rfc822') {
      const inner = await simpleParser(a.content);
      parts.push(
        inner.subject ?? '',
        JSON.stringify(inner.from?.value ?? []),
        inner.text ?? '',
        typeof inner.html === 'string' ? convert(inner.html) : '',
      );
    } else if (a.contentType.startsWith('text/')) parts.push(a.content.toString('utf8'));
  }
  return parts.join('\n');
}

async function parse(seed: SeedMessage): Promise<Parsed> {
  const mail = await simpleParser(seed.eml);
  const haystack = [
    mail.subject ?? '',
    ...[mail.from, mail.to, mail.cc].flatMap((v) => addresses(v as AddressObject | undefined)).map((a) => `${a.name} <${a.address}>`),
    mail.text ?? '',
    typeof mail.html === 'string' ? convert(mail.html) : '',
    await attachmentText(mail),
  ].join('\n');
  return { seed, mail, haystack: haystack.toLowerCase() };
}

const fileText = (f: SeedTenant['files'][number]) => f.searchText ?? (typeof f.content === 'string' ? f.content : '');

let tenant: SeedTenant;
let parsed: Parsed[];

beforeAll(async () => {
  tenant = demoTenant();
  parsed = await Promise.all(tenant.messages.map(parse));
});

describe('demo tenant: directory', () => {
  it('is ITGuy ApS on itguy.dk with a fixed tenant id', () => {
    expect(tenant.tenantId).toMatch(GUID);
    expect(tenant.domain).toBe('itguy.dk');
    expect(tenant.displayName).toBe('ITGuy ApS');
  });

  it('has unique GUIDs and UPNs, every mail address equal to the UPN on itguy.dk', () => {
    const ids = tenant.users.map((u) => u.id);
    const upns = tenant.users.map((u) => u.userPrincipalName.toLowerCase());
    for (const id of ids) expect(id).toMatch(GUID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(upns).size).toBe(upns.length);
    for (const u of tenant.users) {
      expect(u.mail.toLowerCase()).toBe(u.userPrincipalName.toLowerCase());
      expect(u.userPrincipalName).toMatch(/^[a-z0-9.]+@itguy\.dk$/);
      expect(u.preferredLanguage).toBe('da-DK');
    }
  });

  it('has the shared dpa@ and support@ mailboxes and about nine people with titles', () => {
    const byUpn = new Map(tenant.users.map((u) => [u.userPrincipalName, u]));
    expect(byUpn.get('dpa@itguy.dk')).toMatchObject({ mailboxType: 'shared', displayName: 'Databeskyttelse / DPA' });
    expect(byUpn.get('support@itguy.dk')?.mailboxType).toBe('shared');
    const people = tenant.users.filter((u) => u.mailboxType === 'user');
    expect(people.length).toBeGreaterThanOrEqual(8);
    for (const p of people) expect(p.jobTitle && p.givenName && p.surname && p.department, p.userPrincipalName).toBeTruthy();
    expect(people.filter((p) => /DPO|databeskyttelse/i.test(p.jobTitle ?? ''))).toHaveLength(1);
  });
});

describe('demo tenant: mail', () => {
  it('has a realistic volume, spread over the last 90 days', () => {
    expect(tenant.messages.length).toBeGreaterThanOrEqual(130);
    expect(tenant.messages.length).toBeLessThanOrEqual(200);
    for (const m of tenant.messages) {
      expect(minutesAgo(m.receivedAgo)).toBeGreaterThan(0);
      expect(m.receivedAgo.days).toBeLessThanOrEqual(90);
    }
    const oldest = Math.max(...tenant.messages.map((m) => m.receivedAgo.days));
    expect(oldest).toBeGreaterThanOrEqual(75);
  });

  it('files every message in a mailbox that exists, in a well-known folder', () => {
    const upns = new Set(tenant.users.map((u) => u.userPrincipalName));
    for (const m of tenant.messages) expect(upns.has(m.mailbox), m.mailbox).toBe(true);
    expect(new Set(tenant.messages.map((m) => m.mailbox)).size).toBe(tenant.users.length);
  });

  it('lists every .eml under mail/ exactly once, and nothing else', () => {
    const onDisk = listFiles(demoDataPath('mail', '')).sort();
    const listed = DEMO_MAIL.map((m) => m.file).sort();
    expect(listed).toEqual(onDisk);
    expect(new Set(listed).size).toBe(listed.length);
    for (const f of onDisk) expect(f).toMatch(/^[a-z]+\/(inbox|sentitems|drafts|archive|deleteditems)\/\d{2}-[a-z0-9-]+\.eml$/);
  });

  it('parses every message with mailparser, with From, To, Subject, Message-ID and a body', () => {
    for (const p of parsed) {
      const where = `${p.seed.mailbox} ${p.seed.folder}: ${p.mail.subject}`;
      expect(addresses(p.mail.from), where).toHaveLength(1);
      expect(addresses(p.mail.to as AddressObject).length, where).toBeGreaterThan(0);
      expect(p.mail.subject, where).toBeTruthy();
      expect(p.mail.messageId, where).toMatch(/^<[^<>@\s]+@[^<>@\s]+>$/);
      expect(p.mail.date, where).toBeInstanceOf(Date);
      expect((p.mail.text ?? '').trim().length, where).toBeGreaterThan(0);
      expect(p.haystack, where).not.toContain('\ufffd');
    }
  });

  it('puts each copy where Exchange would: sent items and drafts are from the owner, received mail is addressed to it', () => {
    for (const p of parsed) {
      const where = `${p.seed.mailbox} ${p.seed.folder}: ${p.mail.subject}`;
      const from = addresses(p.mail.from)[0]!.address;
      if (p.seed.folder === 'sentitems' || p.seed.folder === 'drafts') expect(from, where).toBe(p.seed.mailbox);
      else {
        const recipients = [...addresses(p.mail.to as AddressObject), ...addresses(p.mail.cc as AddressObject)].map((a) => a.address);
        expect(recipients, where).toContain(p.seed.mailbox);
        expect(from, where).not.toBe(p.seed.mailbox);
      }
    }
  });

  it("gives each message one Message-ID in its sender's domain, shared only by identical copies", () => {
    const byId = new Map<string, Parsed[]>();
    for (const p of parsed) {
      const from = addresses(p.mail.from)[0]!.address;
      const idDomain = p.mail.messageId!.slice(p.mail.messageId!.lastIndexOf('@') + 1, -1);
      expect(idDomain, p.mail.subject).toBe(from.endsWith('@itguy.dk') ? 'itguy.dk' : from.split('@')[1]);
      byId.set(p.mail.messageId!, [...(byId.get(p.mail.messageId!) ?? []), p]);
    }
    for (const [id, copies] of byId) {
      expect(new Set(copies.map((c) => c.seed.mailbox)).size, id).toBe(copies.length);
      for (const c of copies) {
        expect(c.seed.eml, id).toBe(copies[0]!.seed.eml);
        expect(c.seed.receivedAgo, id).toEqual(copies[0]!.seed.receivedAgo);
      }
    }
  });

  it('threads replies: In-Reply-To ends References, and the message replied to arrived earlier', () => {
    const arrived = new Map(parsed.map((p) => [p.mail.messageId!, minutesAgo(p.seed.receivedAgo)]));
    let replies = 0;
    for (const p of parsed) {
      if (!p.mail.inReplyTo) continue;
      replies++;
      const refs = Array.isArray(p.mail.references) ? p.mail.references : [p.mail.references];
      expect(refs.at(-1), p.mail.subject).toBe(p.mail.inReplyTo);
      const parent = arrived.get(p.mail.inReplyTo);
      if (parent !== undefined) expect(parent, p.mail.subject).toBeGreaterThan(minutesAgo(p.seed.receivedAgo));
    }
    expect(replies).toBeGreaterThanOrEqual(30);
  });

  it('has the variety a MIME parser should see: HTML, attachments, encodings, quoting', () => {
    const raw = tenant.messages.map((m) => m.eml);
    const count = (re: RegExp) => raw.filter((e) => re.test(e)).length;
    expect(count(/multipart\/alternative/i)).toBeGreaterThanOrEqual(20);
    expect(parsed.filter((p) => p.mail.attachments.length > 0).length).toBeGreaterThanOrEqual(6);
    expect(count(/Content-Transfer-Encoding: quoted-printable/i)).toBeGreaterThanOrEqual(20);
    expect(count(/Content-Transfer-Encoding: base64/i)).toBeGreaterThanOrEqual(5);
    expect(count(/Content-Transfer-Encoding: 8bit/i)).toBeGreaterThanOrEqual(3);
    expect(count(/charset="?(iso-8859-1|windows-1252)/i)).toBeGreaterThanOrEqual(3);
    expect(count(/^(Subject|From|To|Cc):.*=\?(utf-8|iso-8859-1|windows-1252)\?[QB]\?/im)).toBeGreaterThanOrEqual(20);
    expect(parsed.filter((p) => /^Den .+ skrev .+:$/m.test(p.mail.text ?? '')).length).toBeGreaterThanOrEqual(3);
    expect(parsed.filter((p) => /^(Fra|From): .+\n(Sendt|Sent): /m.test(p.mail.text ?? '')).length).toBeGreaterThanOrEqual(10);
    expect(parsed.filter((p) => p.mail.text?.includes('+45 70 40 47 07')).length).toBeGreaterThanOrEqual(10);
    expect(
      parsed.filter((p) => p.mail.headers.get('content-language') === 'en-GB' || /^Hi |^Dear /m.test(p.mail.text ?? '')).length,
    ).toBeGreaterThanOrEqual(8);
  });
});

describe('demo tenant: no real people', () => {
  it('uses no address or link outside itguy.dk and example.com/.net/.org', () => {
    for (const p of parsed) {
      const head = p.seed.eml.slice(0, p.seed.eml.search(/\r?\n\r?\n/));
      const all = [head, p.mail.text ?? '', typeof p.mail.html === 'string' ? p.mail.html : '', p.haystack].join('\n');
      expect(foreignDomains(all), `${p.seed.mailbox}: ${p.mail.subject}`).toEqual([]);
    }
    for (const f of tenant.files) expect(foreignDomains(fileText(f)), `${f.owner}:${f.path}`).toEqual([]);
  });
});

describe('demo tenant: OneDrive', () => {
  it('lists every file under files/ exactly once, owned by a user, with a unique path', () => {
    const upns = new Set(tenant.users.map((u) => u.userPrincipalName));
    for (const f of tenant.files) expect(upns.has(f.owner), f.owner).toBe(true);
    const keys = tenant.files.map((f) => `${f.owner}:${f.path}`.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    expect(DEMO_FILES.map((f) => `${f.owner}/${f.path}`).sort()).toEqual(listFiles(demoDataPath('files', '')).sort());
    expect(new Set(tenant.files.map((f) => f.owner)).size).toBeGreaterThanOrEqual(6);
  });

  it('has readable contents: valid UTF-8 text, CSVs with even rows, PDFs with search text', () => {
    for (const f of tenant.files) {
      const where = `${f.owner}:${f.path}`;
      if (f.path.endsWith('.pdf')) {
        expect(
          Buffer.from(f.content as Uint8Array)
            .subarray(0, 5)
            .toString('latin1'),
          where,
        ).toBe('%PDF-');
        expect(f.searchText?.length, where).toBeGreaterThan(100);
        continue;
      }
      expect(typeof f.content, where).toBe('string');
      expect(f.content as string, where).not.toContain('\ufffd');
      if (f.path.endsWith('.csv')) {
        const rows = (f.content as string)
          .trim()
          .split(/\r?\n/)
          .map((r) => r.replace(/"[^"]*"/g, '').split(';').length);
        expect(new Set(rows).size, where).toBe(1);
        expect(rows.length, where).toBeGreaterThan(2);
      }
    }
  });
});

describe('demo tenant: dpa@itguy.dk', () => {
  const dpaInbox = () => parsed.filter((p) => p.seed.mailbox === 'dpa@itguy.dk' && p.seed.folder === 'inbox');

  it('holds at least four unread requests from the last 1–12 days, and the classifier ground truth covers every message', () => {
    const inbox = dpaInbox();
    expect(inbox.filter((p) => p.seed.isRead === false).length).toBeGreaterThanOrEqual(4);
    for (const p of inbox) {
      expect(p.seed.isRead, p.mail.subject).toBe(false);
      expect(p.seed.receivedAgo.days, p.mail.subject).toBeGreaterThanOrEqual(1);
      expect(p.seed.receivedAgo.days, p.mail.subject).toBeLessThanOrEqual(12);
    }
    const files = DEMO_MAIL.filter((m) => demoMailLocation(m.file).mailbox === 'dpa@itguy.dk')
      .map((m) => m.file)
      .sort();
    expect(DEMO_DPA_INBOX.map((d) => d.file).sort()).toEqual(files);
    expect(DEMO_DPA_INBOX.filter((d) => d.isRequest).length).toBeGreaterThanOrEqual(4);
    expect(DEMO_DPA_INBOX.filter((d) => !d.isRequest).length).toBeGreaterThanOrEqual(1);
    expect(new Set(DEMO_DPA_INBOX.map((d) => d.language))).toEqual(new Set(['da', 'en']));
    expect(DEMO_DPA_INBOX.some((d) => d.onBehalfOf)).toBe(true);
  });

  it("matches each ground-truth entry to its message's sender", () => {
    for (const d of DEMO_DPA_INBOX) {
      const seed = tenant.messages[DEMO_MAIL.findIndex((m) => m.file === d.file)]!;
      const p = parsed.find((x) => x.seed === seed)!;
      expect(addresses(p.mail.from)[0]!.address, d.file).toBe(d.requester);
      if (d.dataSubject) expect(p.haystack, d.file).toContain(d.dataSubject.toLowerCase());
      expect(d.isRequest ? d.rights.length : 0, d.file).toBe(d.rights.length);
    }
  });

  it('has a request from at least one of the data subjects', () => {
    const requesters = new Set(DEMO_DPA_INBOX.filter((d) => d.isRequest).map((d) => d.requester));
    expect(DEMO_DATA_SUBJECTS.filter((s) => requesters.has(s.email)).length).toBeGreaterThanOrEqual(1);
  });
});

describe('demo tenant: data subjects', () => {
  it('are fictional people on example domains', () => {
    expect(DEMO_DATA_SUBJECTS.length).toBeGreaterThanOrEqual(3);
    for (const s of DEMO_DATA_SUBJECTS) expect(allowedDomain(s.email.split('@')[1]!) && !s.email.endsWith('@itguy.dk'), s.email).toBe(true);
  });

  it.each(DEMO_DATA_SUBJECTS.map((s) => [s.name, s] as const))('%s is in exactly the listed mailboxes and files', (_name, s) => {
    const mentions = (text: string) => text.includes(s.name.toLowerCase()) || text.includes(s.email.toLowerCase());
    const mailboxes = [...new Set(parsed.filter((p) => mentions(p.haystack)).map((p) => p.seed.mailbox))].sort();
    // Answer packages the product wrote (DSAR/…) name the person too, but are never a source.
    const files = tenant.files
      .filter((f) => !f.path.startsWith('DSAR/') && mentions(`${f.path}\n${fileText(f)}`.toLowerCase()))
      .map((f) => `${f.owner}:${f.path}`)
      .sort();
    expect(mailboxes).toEqual([...s.expectedMailboxes].sort());
    expect(files).toEqual([...s.expectedFiles].sort());
    expect(mailboxes.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeGreaterThanOrEqual(1);
    if (s.phone) {
      const digits = s.phone.replace(/\D/g, '').replace(/^(45|44)/, '');
      const squash = (t: string) => t.replace(/[\s.-]/g, '');
      const withPhone =
        parsed.filter((p) => squash(p.haystack).includes(digits)).length +
        tenant.files.filter((f) => squash(fileText(f)).includes(digits)).length;
      expect(withPhone, `${s.name}'s phone`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('demo tenant: Teams, calendars, contacts, Copilot and SharePoint', () => {
  // Whole words in order, as a search for the phrase finds them: "Jens Møllerup" is not "Jens Møller".
  const namesOrMails = (s: (typeof DEMO_DATA_SUBJECTS)[number], text: string) => {
    const hay = ` ${words(text).join(' ')} `;
    return hay.includes(` ${words(s.name).join(' ')} `) || text.toLowerCase().includes(s.email.toLowerCase());
  };

  it.each(DEMO_DATA_SUBJECTS.map((s) => [s.name, s] as const))(
    '%s is in exactly the listed chats, channels, events, contacts, Copilot histories and site files',
    (_n, s) => {
      const has = (text: string) => namesOrMails(s, text);
      const chats = (tenant.chats ?? []).filter((c) => c.messages.some((m) => has(m.text))).map((c) => [...c.members].sort().join(','));
      const channels = (tenant.teams ?? []).flatMap((t) =>
        t.channels
          .filter((ch) => ch.posts.some((p) => has(`${p.subject ?? ''}\n${p.text}`) || (p.replies ?? []).some((r) => has(r.text))))
          .map((ch) => `${t.displayName}/${ch.displayName}`),
      );
      const events = (tenant.events ?? [])
        .filter((e) => has(`${e.subject}\n${e.body}\n${e.attendees.map((a) => `${a.name} <${a.address}>`).join('\n')}`))
        .map((e) => `${e.owner}:${e.subject}`);
      const contacts = (tenant.contacts ?? [])
        .filter((c) => has(`${c.givenName} ${c.surname}\n${c.email}\n${c.notes ?? ''}`))
        .map((c) => `${c.owner}:${c.givenName} ${c.surname}`);
      const copilot = [...new Set((tenant.copilot ?? []).filter((i) => has(`${i.prompt}\n${i.answer}`)).map((i) => i.user))];
      const siteFiles = (tenant.sites ?? []).flatMap((site) =>
        site.files.filter((f) => has(`${f.path}\n${f.content}`)).map((f) => `${site.name}:${f.path}`),
      );
      const sorted = (l: string[]) => [...new Set(l)].sort();
      expect(sorted(chats)).toEqual(sorted(s.expectedChats));
      expect(sorted(channels)).toEqual(sorted(s.expectedChannelMessages));
      expect(sorted(events)).toEqual(sorted(s.expectedEvents));
      expect(sorted(contacts)).toEqual(sorted(s.expectedContacts));
      expect(sorted(copilot)).toEqual(sorted(s.expectedCopilot));
      expect(sorted(siteFiles)).toEqual(sorted(s.expectedSiteFiles));
      for (const list of [chats, channels, events, contacts, copilot, siteFiles]) expect(list.length).toBeGreaterThanOrEqual(1);
      const licensed = new Set(tenant.users.filter((u) => u.copilotLicensed).map((u) => u.userPrincipalName));
      for (const upn of copilot) expect(licensed.has(upn), upn).toBe(true);
    },
  );

  it('has other external people (e-mail, Danish phone, CPR-shaped number) beside the subjects, and look-alikes that do not match', () => {
    const text = JSON.stringify([tenant.chats, tenant.teams, tenant.events, tenant.contacts, tenant.sites]);
    expect(text).toMatch(/\+45 22 33 44 55/);
    expect(text).toMatch(/\b\d{6}-\d{4}\b/);
    expect(text).toContain('lene.dahl@dahl-el.example.com');
    for (const lookAlike of ['Jens Møllerup', 'Anne Kjærgaard', 'Oliver Bennet ', 'Freja Lindholt']) expect(text).toContain(lookAlike);
    expect(foreignDomains(text)).toEqual([]);
  });

  it("keeps an earlier case's answer package in the DPO's OneDrive, naming a subject", () => {
    const pkg = tenant.files.find((f) => f.path === 'DSAR/DSAR-2026-0004/files/001 kundeliste.csv');
    expect(pkg?.owner).toBe('rhv@itguy.dk');
    expect(fileText(pkg!)).toContain('Freja Lindholm');
  });
});

describe('demo tenant: samples for `dsar dev deliver`', () => {
  const samples = () => listFiles(demoDataPath('samples', '')).filter((f) => f.endsWith('.eml'));

  it('are three parseable requests from example domains to dpa@itguy.dk', async () => {
    expect(samples()).toHaveLength(3);
    const mails = await Promise.all(
      samples().map(async (f) => ({
        f,
        raw: readFileSync(demoDataPath('samples', f), 'utf8'),
        mail: await simpleParser(readFileSync(demoDataPath('samples', f))),
      })),
    );
    for (const { f, raw, mail } of mails) {
      expect(mail.subject, f).toBeTruthy();
      expect(mail.messageId, f).toMatch(/^<.+@.+>$/);
      expect(
        addresses(mail.to as AddressObject).map((a) => a.address),
        f,
      ).toEqual(['dpa@itguy.dk']);
      const from = addresses(mail.from)[0]!.address;
      expect(/@([a-z0-9-]+\.)*example\.(com|net|org)$/.test(from), f).toBe(true);
      expect(foreignDomains(`${raw.slice(0, raw.search(/\r?\n\r?\n/))}\n${mail.text}\n${mail.html || ''}`), f).toEqual([]);
    }
    expect(mails.filter((m) => typeof m.mail.html === 'string')).not.toHaveLength(0);
    expect(
      mails.filter((m) => m.mail.attachments.some((a) => a.contentType === 'text/plain' && a.filename?.endsWith('.txt'))),
    ).toHaveLength(1);
    expect(mails.filter((m) => /sletning|slet/i.test(m.mail.subject ?? ''))).toHaveLength(1);
    expect(mails.filter((m) => /access request/i.test(m.mail.subject ?? ''))).toHaveLength(1);
  });
});

describe('demo tenant: loads into the dev tenant', () => {
  it('every user, message and file lands where the seed says', async () => {
    const dev = new Tenant({ tenantId: tenant.tenantId, domain: tenant.domain, displayName: tenant.displayName });
    await dev.load(tenant);
    expect(dev.users).toHaveLength(tenant.users.length);
    const messages = [...dev.mail.mailboxes.values()].reduce((n, mb) => n + mb.messages.length, 0);
    expect(messages).toBe(tenant.messages.length);
    const dpa = dev.mailboxOf(dev.user('dpa@itguy.dk')!);
    expect(dpa.messages.filter((m) => !m.isRead).length).toBeGreaterThanOrEqual(4);
    const files = [...dev.drive.drives.values()].reduce((n, d) => n + d.items.filter((i) => !i.folder).length, 0);
    const siteFiles = (tenant.sites ?? []).reduce((n, s) => n + s.files.length, 0);
    expect(files).toBe(tenant.files.length + siteFiles);
    expect(dev.sources.chats).toHaveLength(tenant.chats!.length);
    expect(dev.sources.contacts).toHaveLength(tenant.contacts!.length);
    expect(dev.sources.interactions).toHaveLength(2 * tenant.copilot!.length);
    expect(dev.sources.sites.map((s) => s.name)).toEqual(['Kunder']);
    const events = tenant.users.reduce((n, u) => n + dev.calendar.list(u.id.toLowerCase()).length, 0);
    expect(events).toBe(tenant.events!.length);
  });
});
