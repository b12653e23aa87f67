import { z } from 'zod';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { ParsedMessage } from './mime.js';
import { isoSeconds, type Tenant } from './state/tenant.js';
import { eventDefaults } from './state/calendar-store.js';

/**
 * A generated tenant of N users x M messages + F files for scale tests and benchmarks. The same seed
 * gives the same people, subjects, bodies and file names (ids and the moment of loading differ).
 */

export const generateSchema = z
  .object({
    users: z.number().int().min(1).max(5_000),
    messagesPerUser: z.number().int().min(0).max(100_000),
    filesPerUser: z.number().int().min(0).max(10_000).default(0),
    seed: z.number().int().default(1),
    /** Messages are spread evenly over this many days back from now. */
    days: z.number().int().min(1).max(3650).default(365),
    /** Teams chat messages per user, in 1:1 chats with the next user. */
    chatMessagesPerUser: z.number().int().min(0).max(10_000).default(0),
    /** Meetings in each user's calendar, with an external attendee. */
    eventsPerUser: z.number().int().min(0).max(10_000).default(0),
    contactsPerUser: z.number().int().min(0).max(10_000).default(0),
    /** Teams with two channels each (General and Kunder), posts per channel by random users (no membership is modelled). */
    teams: z.number().int().min(0).max(1_000).default(0),
    channelMessagesPerChannel: z.number().int().min(0).max(10_000).default(0),
    /** A person the generated chats, events and contacts name (by name or e-mail), at `subjectRate`. */
    subject: z.object({ name: z.string().min(1), email: z.string().email() }).optional(),
    subjectRate: z.number().min(0).max(1).default(0.05),
  })
  .strict();

export type GenerateInput = z.input<typeof generateSchema>;

const FIRST = [
  'Anne',
  'Mette',
  'Jens',
  'Lars',
  'Sofie',
  'Mikkel',
  'Ida',
  'Rasmus',
  'Freja',
  'Søren',
  'Camilla',
  'Nikolaj',
  'Louise',
  'Anders',
  'Maja',
  'Kasper',
];
const LAST = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Madsen',
  'Kristensen',
];
const TOPICS = [
  'faktura',
  'tilbud',
  'servicetjek',
  'backup',
  'printer',
  'netværk',
  'licens',
  'mødereferat',
  'kontrakt',
  'opdatering',
  'support',
  'adgangskode',
];
const WORDS = [
  'hej',
  'tak',
  'for',
  'sidst',
  'vi',
  'har',
  'set',
  'på',
  'sagen',
  'og',
  'vender',
  'tilbage',
  'i',
  'morgen',
  'venlig',
  'hilsen',
  'serveren',
  'kører',
  'igen',
  'kunden',
  'ønsker',
  'et',
  'nyt',
];

export async function generateTenant(
  tenant: Tenant,
  input: GenerateInput,
): Promise<{
  users: number;
  messages: number;
  files: number;
  chatMessages: number;
  events: number;
  contacts: number;
  channelMessages: number;
  naming: number;
}> {
  const options = generateSchema.parse(input);
  const rng = xoroshiro128plus(options.seed);
  const int = (min: number, max: number) => uniformInt(rng, min, max);
  const pick = <T>(list: readonly T[]) => list[int(0, list.length - 1)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const now = tenant.now().getTime();
  const span = options.days * 24 * 3600_000;

  const people = Array.from({ length: options.users }, (_, i) => {
    const given = pick(FIRST);
    const family = pick(LAST);
    const local = `${given}.${family}.${i}`.toLowerCase().replace(/ø/g, 'oe').replace(/æ/g, 'ae').replace(/å/g, 'aa');
    return { given, family, mail: `${local}@${tenant.domain}` };
  });
  for (const [i, p] of people.entries()) {
    tenant.addUser({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      displayName: `${p.given} ${p.family}`,
      givenName: p.given,
      surname: p.family,
      mail: p.mail,
      userPrincipalName: p.mail,
      jobTitle: 'Konsulent',
      department: null,
      officeLocation: null,
      mobilePhone: null,
      businessPhones: [],
      preferredLanguage: 'da-DK',
      accountEnabled: true,
      mailboxType: 'user',
    });
  }
  let messages = 0;
  let files = 0;
  for (const [i, p] of people.entries()) {
    const user = tenant.user(p.mail)!;
    for (let m = 0; m < options.messagesPerUser; m++) {
      const external = `kunde${int(1, 500)}@example.${pick(['com', 'net', 'org'])}`;
      const topic = pick(TOPICS);
      const text = `${sentence(int(8, 40))}\n\n${p.given} ${p.family}`;
      const receivedAt = isoSeconds(new Date(now - Math.floor((span * (options.messagesPerUser - m)) / (options.messagesPerUser + 1))));
      const parsed: ParsedMessage = {
        subject: `${topic[0]!.toUpperCase()}${topic.slice(1)} ${int(1000, 9999)}`,
        body: { contentType: 'text', content: text },
        text,
        from: { emailAddress: { name: external, address: external } },
        sender: { emailAddress: { name: external, address: external } },
        toRecipients: [{ emailAddress: { name: `${p.given} ${p.family}`, address: p.mail } }],
        ccRecipients: [],
        bccRecipients: [],
        replyTo: [],
        internetMessageId: `<gen-${options.seed}-${i}-${m}@example.com>`,
        internetMessageHeaders: [],
        sentDateTime: receivedAt,
        importance: 'normal',
        attachments: [],
        references: [],
      };
      tenant.fileMessage(user, m % 5 === 4 ? 'archive' : 'inbox', parsed, { receivedAt, isRead: m % 3 !== 0 });
      messages++;
    }
    const drive = tenant.driveOf(user);
    for (let f = 0; f < options.filesPerUser; f++) {
      const topic = pick(TOPICS);
      tenant.drive.write(
        drive,
        `${topic}/${topic}-${f}.txt`,
        Buffer.from(`${sentence(int(20, 120))}\n`),
        isoSeconds(new Date(now - int(0, span))),
      );
      files++;
    }
  }
  const more = generateSources(tenant, options, people, { int, sentence, now, span });
  return { users: people.length, messages, files, ...more };
}

interface Tools {
  int(min: number, max: number): number;
  sentence(n: number): string;
  now: number;
  span: number;
}

/** Chats, meetings and contacts; every 1/subjectRate-th one names the subject, one of the two ways. */
function generateSources(
  tenant: Tenant,
  options: z.infer<typeof generateSchema>,
  people: { given: string; family: string; mail: string }[],
  { int, sentence, now, span }: Tools,
): { chatMessages: number; events: number; contacts: number; channelMessages: number; naming: number } {
  const every = options.subject && options.subjectRate > 0 ? Math.max(1, Math.round(1 / options.subjectRate)) : 0;
  let n = 0;
  let naming = 0;
  const mention = () => {
    n++;
    if (!every || n % every !== 0 || !options.subject) return '';
    naming++;
    return n % 2 ? ` vedr. ${options.subject.name}` : ` vedr. ${options.subject.email}`;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  let chatMessages = 0;
  let events = 0;
  let contacts = 0;
  let msgId = now - span;
  for (const [i, p] of people.entries()) {
    const user = tenant.user(p.mail)!;
    if (options.chatMessagesPerUser > 0 && people.length > 1) {
      const other = tenant.user(people[(i + 1) % people.length]!.mail)!;
      const messages = Array.from({ length: options.chatMessagesPerUser }, () => {
        msgId += int(1, 1000);
        const when = iso(msgId);
        return {
          id: String(msgId),
          replyToId: null,
          createdDateTime: when,
          lastModifiedDateTime: when,
          from: { id: user.id, displayName: user.displayName },
          body: { contentType: 'text' as const, content: `${sentence(int(4, 20))}${mention()}` },
          subject: null,
        };
      });
      tenant.sources.chats.push({
        id: `19:${user.id}_${other.id}@unq.gbl.spaces`,
        chatType: 'oneOnOne',
        topic: null,
        members: [user.id, other.id],
        messages,
      });
      chatMessages += messages.length;
    }
    for (let e = 0; e < options.eventsPerUser; e++) {
      const start = now - int(0, span);
      const external = `kunde${int(1, 500)}@example.com`;
      const wall = (ms: number) => iso(ms).slice(0, 19);
      tenant.calendar.add(user.id, {
        createdDateTime: isoSeconds(new Date(start)),
        lastModifiedDateTime: isoSeconds(new Date(start)),
        subject: `Møde ${int(1000, 9999)}`,
        body: { contentType: 'text', content: `${sentence(int(4, 20))}${mention()}` },
        start: { dateTime: wall(start), timeZone: 'UTC' },
        end: { dateTime: wall(start + 3600_000), timeZone: 'UTC' },
        ...eventDefaults(),
        location: { displayName: '' },
        attendees: [{ type: 'required', emailAddress: { name: external, address: external } }],
        organizer: { emailAddress: { name: user.displayName, address: user.mail } },
      });
      events++;
    }
    for (let c = 0; c < options.contactsPerUser; c++) {
      const named = mention();
      const subject = named && options.subject ? options.subject : undefined;
      const address = subject ? subject.email : `kontakt${int(1, 5000)}@example.net`;
      const displayName = subject ? subject.name : `Kontakt ${int(1, 5000)}`;
      const when = isoSeconds(new Date(now - int(0, span)));
      tenant.sources.contacts.push({
        id: `AAMkAGI2gen${i}x${c}AAA=`,
        ownerId: user.id,
        createdDateTime: when,
        lastModifiedDateTime: when,
        displayName,
        givenName: displayName.split(' ')[0] ?? null,
        surname: displayName.split(' ').slice(1).join(' ') || null,
        companyName: null,
        emailAddresses: [{ name: displayName, address }],
        businessPhones: [],
        mobilePhone: null,
        personalNotes: '',
      });
      contacts++;
    }
  }
  let channelMessages = 0;
  for (let t = 0; t < options.teams; t++) {
    const channel = (name: string, c: number) => ({
      id: `19:gen${t}x${c}@thread.tacv2`,
      displayName: name,
      messages: Array.from({ length: options.channelMessagesPerChannel }, () => {
        const author = tenant.user(people[int(0, people.length - 1)]!.mail)!;
        msgId += int(1, 1000);
        const when = iso(msgId);
        channelMessages++;
        return {
          id: String(msgId),
          replyToId: null,
          createdDateTime: when,
          lastModifiedDateTime: when,
          from: { id: author.id, displayName: author.displayName },
          body: { contentType: 'text' as const, content: `${sentence(int(4, 20))}${mention()}` },
          subject: null,
        };
      }),
    });
    tenant.sources.teams.push({
      id: `00000000-0000-4000-9000-${String(t).padStart(12, '0')}`,
      displayName: `Team ${t + 1}`,
      description: 'Genereret team',
      channels: [channel('General', 0), channel('Kunder', 1)],
    });
  }
  return { chatMessages, events, contacts, channelMessages, naming };
}
