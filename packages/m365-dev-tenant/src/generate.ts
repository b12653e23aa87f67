import { z } from 'zod';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { ParsedMessage } from './mime.js';
import { isoSeconds, type Tenant } from './state/tenant.js';

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

export async function generateTenant(tenant: Tenant, input: GenerateInput): Promise<{ users: number; messages: number; files: number }> {
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
  return { users: people.length, messages, files };
}
