import type { DemoDataSubject, DemoDpaMessage } from './types.js';

/**
 * External people whose personal data is spread over the demo tenant, so a search for them has something to
 * find. The lists are exact: tests/devtenant/demo-data.test.ts fails if a mailbox or file that mentions the
 * person (by name or e-mail address) is missing here, or if one listed here does not.
 */
export const DEMO_DATA_SUBJECTS: DemoDataSubject[] = [
  {
    // Long-time customer (owner of a plumbing firm): support ticket, laptops quote, a disputed invoice and credit
    // note, then a sloppy erasure request. The invoices must be kept 5 years (bookkeeping), the rest can go.
    name: 'Jens Møller',
    email: 'jens.moeller@moeller-vvs.example.net',
    phone: '+45 21 43 65 87',
    expectedMailboxes: ['cjm@itguy.dk', 'dpa@itguy.dk', 'hbp@itguy.dk', 'imj@itguy.dk', 'support@itguy.dk'],
    expectedFiles: [
      'cjm@itguy.dk:Kunder/kundeliste.csv',
      'cjm@itguy.dk:Tilbud/T-1203 Møller & Søn VVS.md',
      'hbp@itguy.dk:Fakturaer/Faktura 10482 Møller & Søn VVS.pdf',
      'hbp@itguy.dk:Fakturaer/Kreditnota 10491 Møller & Søn VVS.pdf',
      'hbp@itguy.dk:Økonomi/Debitorer åbne poster.csv',
      'imj@itguy.dk:Support/noter-2026.md',
      'rhv@itguy.dk:Ledelse/Noter ledermøder 2026.md',
    ],
    expectedChats: ['cjm@itguy.dk,imj@itguy.dk'],
    expectedChannelMessages: ['Kunder/Support'],
    expectedEvents: ['cjm@itguy.dk:Servicebesøg Møller & Søn VVS'],
    expectedContacts: ['cjm@itguy.dk:Jens Møller'],
    expectedCopilot: ['cjm@itguy.dk'],
    expectedSiteFiles: ['Kunder:Kontrakter/Serviceaftale Møller & Søn VVS.md'],
  },
  {
    // Office manager at an accounting firm that moved to Microsoft 365 with ITGuy; leaving her job, she asks
    // formally for access (Art. 15) and wants the answer at a private address.
    name: 'Anne-Marie Kjærgaard',
    email: 'anne-marie.kjaergaard@kjaergaard-revision.example.com',
    phone: '+45 40 57 18 62',
    expectedMailboxes: ['cjm@itguy.dk', 'dpa@itguy.dk', 'hbp@itguy.dk', 'rhv@itguy.dk', 'sdn@itguy.dk'],
    expectedFiles: [
      'cjm@itguy.dk:Kunder/kundeliste.csv',
      'cjm@itguy.dk:Tilbud/T-1187 Kjærgaard Revision.md',
      'rhv@itguy.dk:Kontrakter/Udkast serviceaftale Kjærgaard Revision v0.3.md',
      'rhv@itguy.dk:Ledelse/Noter ledermøder 2026.md',
      'rhv@itguy.dk:Møder/Opstartsmøde Kjærgaard Revision.md',
      'sdn@itguy.dk:Projekter/Kjærgaard Revision/Migreringsplan.md',
    ],
    expectedChats: ['hbp@itguy.dk,rhv@itguy.dk,sdn@itguy.dk'],
    expectedChannelMessages: ['Kunder/General'],
    expectedEvents: ['sdn@itguy.dk:Statusmøde migrering'],
    expectedContacts: ['sdn@itguy.dk:Anne-Marie Kjærgaard'],
    expectedCopilot: ['sdn@itguy.dk'],
    expectedSiteFiles: ['Kunder:Kontrakter/Serviceaftale Kjærgaard Revision.md'],
  },
  {
    // IT manager of a UK logistics group with a warehouse in Hillerød; everything in English. Asks for access
    // and portability (Art. 15 and 20), with transmission to another provider.
    name: 'Oliver Bennett',
    email: 'oliver.bennett@northgate-logistics.example.org',
    phone: '+44 7700 900412',
    expectedMailboxes: ['cjm@itguy.dk', 'dpa@itguy.dk', 'hbp@itguy.dk', 'sdn@itguy.dk', 'support@itguy.dk'],
    expectedFiles: [
      'cjm@itguy.dk:Kunder/kundeliste.csv',
      'enb@itguy.dk:Support/noter.md',
      'hbp@itguy.dk:Fakturaer/Invoice 10455 Northgate.txt',
      'sdn@itguy.dk:Projekter/Northgate/Meeting notes - cutover.md',
      'sdn@itguy.dk:Projekter/Northgate/users-wave-plan.csv',
    ],
    expectedChats: ['jbk@itguy.dk,sdn@itguy.dk'],
    expectedChannelMessages: ['Kunder/Support'],
    expectedEvents: ['sdn@itguy.dk:Northgate cutover planning'],
    expectedContacts: ['sdn@itguy.dk:Oliver Bennett'],
    expectedCopilot: ['sdn@itguy.dk'],
    expectedSiteFiles: ['Kunder:Kontrakter/Northgate Logistics MSA.md'],
  },
  {
    // Former shop manager at a bakery that is ITGuy's customer: an MFA reset, then her offboarding, where her
    // employer wanted her private OneDrive files. Her lawyer now asks for access on her behalf.
    name: 'Freja Lindholm',
    email: 'freja.lindholm@slotsbageriet.example.com',
    phone: '+45 28 19 44 07',
    expectedMailboxes: ['dpa@itguy.dk', 'enb@itguy.dk', 'rhv@itguy.dk', 'support@itguy.dk'],
    expectedFiles: [
      'cjm@itguy.dk:Kunder/kundeliste.csv',
      'enb@itguy.dk:Support/Offboarding Slotsbageriet - Freja Lindholm.md',
      'enb@itguy.dk:Support/noter.md',
    ],
    expectedChats: ['enb@itguy.dk,kla@itguy.dk'],
    expectedChannelMessages: ['Kunder/Support'],
    expectedEvents: ['enb@itguy.dk:Offboarding Slotsbageriet'],
    expectedContacts: ['enb@itguy.dk:Freja Lindholm'],
    expectedCopilot: ['rhv@itguy.dk'],
    expectedSiteFiles: ['Kunder:Kunder/Slotsbageriet/Brugere.csv'],
  },
];

/** Every message in dpa@itguy.dk's inbox (all unread), and what it is. */
export const DEMO_DPA_INBOX: DemoDpaMessage[] = [
  {
    file: 'dpa/inbox/01-vores-klient-freja-lindholm-anmodning-om-indsigt.eml',
    isRequest: true,
    language: 'da',
    rights: ['access'],
    requester: 'kw@winther-advokater.example.org',
    dataSubject: 'Freja Lindholm',
    onBehalfOf: { kind: 'power_of_attorney', evidence: 'Fuldmagt - Freja Lindholm.pdf (attached)' },
    note:
      'A lawyer asks on behalf of a former employee of a customer; wants confirmation that her private files were not handed to the employer. ' +
      "ITGuy is processor for the bakery's Microsoft 365 but controller of its own support notes and mail.",
  },
  {
    file: 'dpa/inbox/02-anmodning-om-indsigt-i-personoplysninger-artikel.eml',
    isRequest: true,
    language: 'da',
    rights: ['access', 'information'],
    requester: 'anne-marie.kjaergaard@kjaergaard-revision.example.com',
    dataSubject: 'Anne-Marie Kjærgaard',
    note: 'Formal Art. 15 request (Windows-1252, quoted-printable). Asks for the answer at a private address (amkjaergaard@example.com) because her work mailbox closes: check identity.',
  },
  {
    file: 'dpa/inbox/03-persondata-nyt-fem-fejl-virksomheder-begaar-ved.eml',
    isRequest: false,
    language: 'da',
    rights: [],
    requester: 'nyhedsbrev@persondata-nyt.example.org',
    note: 'A privacy newsletter whose subject is about access requests – full of the right keywords, but not a request.',
  },
  {
    file: 'dpa/inbox/04-subject-access-request-and-data-portability.eml',
    isRequest: true,
    language: 'en',
    rights: ['access', 'portability'],
    requester: 'oliver.bennett@northgate-logistics.example.org',
    dataSubject: 'Oliver Bennett',
    note: 'English, HTML. Access plus portability (CSV/JSON), and transmission to another controller (dataprotection@harbourside-it.example.com).',
  },
  {
    file: 'dpa/inbox/05-ny-underdatabehandler-og-opdateret.eml',
    isRequest: false,
    language: 'da',
    rights: [],
    requester: 'compliance@nordlys-backup.example.net',
    note: 'A processor announcing a new sub-processor and an updated data processing agreement (30 days to object). Work for the DPO, but not a data-subject request.',
  },
  {
    file: 'dpa/inbox/06-slet-mine-oplysninger.eml',
    isRequest: true,
    language: 'da',
    rights: ['erasure', 'marketing_opt_out'],
    requester: 'jens.moeller@moeller-vvs.example.net',
    dataSubject: 'Jens Møller',
    note: 'Lower-case, from an iPhone on a Saturday night. Invoices 10482 and credit note 10491 must be kept under the bookkeeping act; the rest can be erased.',
  },
  {
    file: 'dpa/inbox/07-itguy-nyt-saadan-spotter-du-phishing-foer-det.eml',
    isRequest: true,
    language: 'da',
    rights: ['marketing_opt_out', 'erasure', 'access', 'information'],
    requester: 'bo.rasmussen@example.com',
    dataSubject: 'Bo Rasmussen',
    ambiguous: true,
    note:
      'Reply to ITGuy\'s newsletter: "fjern mig" (opt-out or erasure?), "hvor har I min adresse fra" (source, Art. 14/15(1)(g)) and "hvad har I ellers" (access). ' +
      'The answer is in cjm@itguy.dk:Salg/leads-erhvervsmesse.csv – a business card from a trade fair, with no documented consent.',
  },
];
