import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SeedFile, SeedFolder, SeedMessage, SeedTenant, SeedUser } from '../seed.js';
import { DEMO_FILES } from './file-index.js';
import { DEMO_MAIL } from './mail-index.js';
import { pdfText } from './pdf.js';
import { DEMO_CHATS, DEMO_CONTACTS, DEMO_COPILOT, DEMO_COPILOT_LICENSED, DEMO_EVENTS, DEMO_SITES, DEMO_TEAMS } from './sources.js';

/**
 * The demo tenant: ITGuy ApS, a 20-person IT services company in Hillerød, with a slice of its staff, their
 * mail and OneDrive, and an unprocessed pile of privacy requests in dpa@itguy.dk.
 *
 * Everyone in here is fictional. External addresses use example.com/.net/.org (RFC 2606) and their
 * subdomains only; UK phone numbers are from Ofcom's drama ranges; customer CVR numbers deliberately fail
 * the CVR modulus-11 check. Company facts (address, CVR, switchboard) are ITGuy's own, from its privacy policy.
 *
 * Mail lives as RFC 822 files in ./mail/<mailbox>/<folder>/, listed with arrival times in mail-index.ts;
 * OneDrive files live in ./files/<owner>/<path>, listed in file-index.ts. Date headers in the .eml files are
 * as written for a reference day (Monday 23 November 2026, 16:00 Copenhagen); the loader replaces them from
 * receivedAgo, so the mail is always recent. Dates *inside* bodies ("Den … skrev", invoice dates) keep the
 * reference day's calendar.
 */

export { DEMO_DATA_SUBJECTS, DEMO_DPA_INBOX } from './data-subjects.js';
export { DEMO_FILES } from './file-index.js';
export { DEMO_MAIL } from './mail-index.js';
export { DEMO_CHATS, DEMO_CONTACTS, DEMO_COPILOT, DEMO_COPILOT_LICENSED, DEMO_EVENTS, DEMO_SITES, DEMO_TEAMS } from './sources.js';
export type { DemoDataSubject, DemoDpaMessage, DemoFile, DemoMail, DemoRight } from './types.js';

export const DEMO_TENANT_ID = '3273f1e5-52ce-473f-92a8-31064c858f55';
export const DEMO_DOMAIN = 'itguy.dk';
export const DEMO_TENANT_NAME = 'ITGuy ApS';

const SWITCHBOARD = '+45 70 40 47 07';

function staff(
  id: string,
  local: string,
  givenName: string,
  surname: string,
  jobTitle: string,
  department: string,
  mobilePhone: string,
): SeedUser {
  return {
    id,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    mail: `${local}@${DEMO_DOMAIN}`,
    userPrincipalName: `${local}@${DEMO_DOMAIN}`,
    jobTitle,
    department,
    officeLocation: 'Hillerød',
    mobilePhone,
    businessPhones: [SWITCHBOARD],
    preferredLanguage: 'da-DK',
    mailboxType: 'user',
  };
}

function shared(id: string, local: string, displayName: string, department: string): SeedUser {
  return {
    id,
    displayName,
    mail: `${local}@${DEMO_DOMAIN}`,
    userPrincipalName: `${local}@${DEMO_DOMAIN}`,
    department,
    officeLocation: 'Hillerød',
    businessPhones: [SWITCHBOARD],
    preferredLanguage: 'da-DK',
    mailboxType: 'shared',
  };
}

export const DEMO_USERS: readonly SeedUser[] = [
  shared('ec7ad414-6a17-472a-b530-0c50703bbc61', 'dpa', 'Databeskyttelse / DPA', 'Ledelse'),
  shared('04ec1a4d-07c2-4f90-bf90-0d8e31f632e6', 'support', 'ITGuy Support', 'Support'),
  staff(
    'f42480b8-dde4-4295-bd1e-b7dd4383ea03',
    'rhv',
    'Rasmus',
    'Holt Vestergaard',
    'Direktør og databeskyttelsesrådgiver (DPO)',
    'Ledelse',
    '+45 26 84 31 90',
  ),
  staff(
    '6330d733-bfb8-44d8-ad05-fd50cd09fe4b',
    'sdn',
    'Sofie',
    'Dalgaard Nielsen',
    'Senior IT-konsulent, Microsoft 365 og Azure',
    'Rådgivning',
    '+45 22 58 04 71',
  ),
  staff(
    'cf3d7766-4562-4f2f-9662-c3cb0bc82800',
    'jbk',
    'Jonas',
    'Brandt Kristensen',
    'IT-konsulent, netværk og sikkerhed',
    'Rådgivning',
    '+45 29 70 13 66',
  ),
  staff('4f39b9cb-66c9-4265-b616-69368191d109', 'cjm', 'Camilla', 'Juhl Madsen', 'Key Account Manager', 'Salg', '+45 42 16 87 35'),
  staff('cf32767e-b377-4093-8f66-89e83187c16b', 'hbp', 'Hanne', 'Birk Poulsen', 'Bogholder', 'Økonomi', '+45 53 61 20 94'),
  staff('85a2642d-cf46-4929-810d-8971680db625', 'imj', 'Ida', 'Mørk Jeppesen', 'Supporttekniker', 'Support', '+45 31 72 58 04'),
  staff('d3f78ab0-1ace-4934-a47b-b3d9e872cae1', 'enb', 'Emil', 'Nørgaard Bech', 'Supporttekniker', 'Support', '+45 61 39 47 22'),
  staff('be3f5800-4f12-42c7-9014-58cc02c0f208', 'kla', 'Kasper', 'Lund Andersen', 'IT-supporterelev', 'Support', '+45 50 84 62 19'),
  staff(
    '0b88d4ca-9258-47e7-961e-6b2f482b03b7',
    'fap',
    'Frederik',
    'Ask Pedersen',
    'Driftstekniker, backup og overvågning',
    'Drift',
    '+45 24 95 03 58',
  ),
];

const FOLDERS: readonly SeedFolder[] = ['inbox', 'sentitems', 'drafts', 'archive', 'deleteditems'];

/** Absolute path of a file in the demo data: kind is 'mail', 'files' or 'samples'; rel is '/'-separated. */
export function demoDataPath(kind: 'mail' | 'files' | 'samples', rel: string): string {
  const encoded = rel.split('/').map(encodeURIComponent).join('/');
  return fileURLToPath(new URL(`./${kind}/${encoded}`, import.meta.url));
}

/** Where a DEMO_MAIL entry belongs: its mailbox UPN and folder, from the file's path. */
export function demoMailLocation(file: string): { mailbox: string; folder: SeedFolder } {
  const [local, folder] = file.split('/');
  if (!local || !FOLDERS.includes(folder as SeedFolder)) throw new Error(`demo mail ${file}: not <mailbox>/<folder>/<name>.eml`);
  return { mailbox: `${local}@${DEMO_DOMAIN}`, folder: folder as SeedFolder };
}

export function demoTenant(): SeedTenant {
  const messages: SeedMessage[] = DEMO_MAIL.map((m) => ({
    ...demoMailLocation(m.file),
    receivedAgo: m.receivedAgo,
    isRead: m.isRead,
    ...(m.categories ? { categories: [...m.categories] } : {}),
    eml: readFileSync(demoDataPath('mail', m.file), 'utf8'),
  }));
  const files: SeedFile[] = DEMO_FILES.map((f) => {
    const bytes = readFileSync(demoDataPath('files', `${f.owner}/${f.path}`));
    const file: SeedFile = {
      owner: `${f.owner}@${DEMO_DOMAIN}`,
      path: f.path,
      modifiedAgo: f.modifiedAgo,
      content: bytes.toString('utf8'),
    };
    if (f.path.toLowerCase().endsWith('.pdf')) {
      file.content = new Uint8Array(bytes);
      file.searchText = pdfText(bytes);
    }
    return file;
  });
  return {
    tenantId: DEMO_TENANT_ID,
    domain: DEMO_DOMAIN,
    displayName: DEMO_TENANT_NAME,
    users: DEMO_USERS.map((u) => ({
      ...u,
      ...(u.businessPhones ? { businessPhones: [...u.businessPhones] } : {}),
      ...(DEMO_COPILOT_LICENSED.includes(u.userPrincipalName) ? { copilotLicensed: true } : {}),
    })),
    messages,
    files,
    groups: DEMO_GROUPS.map((g) => ({ ...g, members: [...g.members] })),
    chats: structuredClone(DEMO_CHATS),
    teams: structuredClone(DEMO_TEAMS),
    events: structuredClone(DEMO_EVENTS),
    contacts: structuredClone(DEMO_CONTACTS),
    copilot: structuredClone(DEMO_COPILOT),
    sites: structuredClone(DEMO_SITES),
  };
}

/** The DPO group (DSAR_DPO_GROUP_ID) holds the demo DPO; Ledelse (management) holds the DPO group. */
export const DEMO_DPO_GROUP_ID = '5b0d3c4e-8f1a-4c2b-9d7e-6a1f2e3d4c5b';
export const DEMO_GROUPS = [
  { id: DEMO_DPO_GROUP_ID, displayName: 'Databeskyttelse', members: ['f42480b8-dde4-4295-bd1e-b7dd4383ea03'] },
  {
    id: 'c7e2a9d1-3b4f-4e6a-8c0d-2f1e4a5b6c7d',
    displayName: 'Ledelse',
    members: [DEMO_DPO_GROUP_ID, 'cf32767e-b377-4093-8f66-89e83187c16b'],
  },
] as const;
