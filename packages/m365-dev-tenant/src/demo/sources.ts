import type { SeedChat, SeedContact, SeedEvent, SeedInteraction, SeedSite, SeedTeam } from '../seed.js';

/**
 * The demo tenant's Teams chats and channels, meetings, Outlook contacts, Copilot conversations and
 * SharePoint site "Kunder". Each data subject appears once or more in every kind (data-subjects.ts lists
 * where); other external people appear beside them (e-mail, phone, a well-formed but invalid CPR
 * number, names in greetings) so redaction has someone else to redact, and each subject has a
 * look-alike (Jens Møllerup, Anne Kjærgaard, Oliver Bennet, Freja Lindholt) that must not match.
 */

const d = (days: number, hours = 0) => ({ days, hours });

export const DEMO_CHATS: SeedChat[] = [
  {
    members: ['cjm@itguy.dk', 'imj@itguy.dk'],
    messages: [
      {
        from: 'cjm@itguy.dk',
        ago: d(12, 5),
        text: 'Hej Ida, Jens Møller fra Møller & Søn VVS ringer om sin printer igen. Kan du tage den?',
      },
      { from: 'imj@itguy.dk', ago: d(12, 4), text: 'Jep. Jeg skriver til jens.moeller@moeller-vvs.example.net i dag.' },
      {
        from: 'cjm@itguy.dk',
        ago: d(12, 3),
        text: 'Tak! PS: Lene Dahl fra Dahl El (lene.dahl@dahl-el.example.com, +45 22 33 44 55) vil også have et tilbud. Hilsen Camilla',
      },
    ],
  },
  {
    members: ['rhv@itguy.dk', 'sdn@itguy.dk', 'hbp@itguy.dk'],
    topic: 'Kjærgaard Revision migrering',
    messages: [
      { from: 'sdn@itguy.dk', ago: d(30, 2), text: 'Anne-Marie Kjærgaard har godkendt migreringsplanen for Kjærgaard Revision.' },
      {
        from: 'hbp@itguy.dk',
        ago: d(30, 1),
        text: 'Fint. Fakturaen går til bogholderiet, att. Peter Krogh, tlf. 31 42 53 64. Hans CPR 010190-1234 stod fejlagtigt på blanketten – slet den.',
      },
      { from: 'rhv@itguy.dk', ago: d(29, 6), text: 'Husk: Anne Kjærgaard i Odense er en anden kunde – bland dem ikke sammen.' },
    ],
  },
  {
    members: ['enb@itguy.dk', 'kla@itguy.dk'],
    messages: [
      {
        from: 'enb@itguy.dk',
        ago: d(40, 3),
        text: 'Kasper, kan du nulstille MFA for Freja Lindholm (freja.lindholm@slotsbageriet.example.com)?',
      },
      { from: 'kla@itguy.dk', ago: d(40, 2), text: 'Klaret. Freja Lindholt fra Rådhuscaféen spurgte i øvrigt også – det er en anden.' },
    ],
  },
  {
    members: ['sdn@itguy.dk', 'jbk@itguy.dk'],
    messages: [
      {
        from: 'sdn@itguy.dk',
        ago: d(20, 4),
        text: 'Oliver Bennett wants the cutover moved to Saturday. Can you cover the Hillerød warehouse switch?',
      },
      {
        from: 'jbk@itguy.dk',
        ago: d(20, 3),
        text: 'Sure. Oliver Bennet (oliver.bennet@example.com) from the other Northgate office is not involved. Cheers, Jonas',
      },
    ],
  },
];

export const DEMO_TEAMS: SeedTeam[] = [
  {
    displayName: 'Kunder',
    description: 'Kundesager og support for ITGuys kunder',
    channels: [
      {
        displayName: 'Support',
        posts: [
          {
            from: 'imj@itguy.dk',
            ago: d(11, 6),
            subject: 'Printer hos Møller & Søn VVS',
            text: 'Jens Møller har igen problemer med printeren. Jeg kører derud torsdag.',
            replies: [
              { from: 'enb@itguy.dk', ago: d(11, 5), text: 'Husk at Jens Møllerup (Møllerup Tag) også har ringet – det er en anden sag.' },
            ],
          },
          {
            from: 'enb@itguy.dk',
            ago: d(39, 2),
            subject: 'Offboarding Slotsbageriet',
            text: 'Offboarding af Freja Lindholm er i gang; arbejdsgiveren vil have hendes filer.',
            replies: [{ from: 'rhv@itguy.dk', ago: d(39, 1), text: 'Vent med filerne til vi har talt med databeskyttelse.' }],
          },
          {
            from: 'sdn@itguy.dk',
            ago: d(19, 3),
            subject: 'Northgate cutover',
            text: 'Cutover for Northgate Logistics: contact is oliver.bennett@northgate-logistics.example.org.',
          },
        ],
      },
      {
        displayName: 'General',
        posts: [
          {
            from: 'rhv@itguy.dk',
            ago: d(60),
            text: 'Velkommen til Kjærgaard Revision som ny kunde – Anne-Marie Kjærgaard er vores kontakt.',
          },
          { from: 'cjm@itguy.dk', ago: d(8), text: 'Julefrokost 18. december. Tilmelding til Lene Dahl senest fredag.' },
        ],
      },
    ],
  },
];

export const DEMO_EVENTS: SeedEvent[] = [
  {
    owner: 'cjm@itguy.dk',
    subject: 'Servicebesøg Møller & Søn VVS',
    body: 'Gennemgang af printer og laptops med Jens Møller.',
    startAgo: d(9, 2),
    minutes: 60,
    location: 'Møller & Søn VVS, Hillerød',
    attendees: [
      { name: 'Jens Møller', address: 'jens.moeller@moeller-vvs.example.net' },
      { name: 'Ida Mørk Jeppesen', address: 'imj@itguy.dk' },
    ],
  },
  {
    owner: 'sdn@itguy.dk',
    subject: 'Statusmøde migrering',
    body: 'Status på migreringen. Deltager også: Peter Krogh (bogholderi), tlf. 31 42 53 64.',
    startAgo: d(25, 4),
    minutes: 45,
    attendees: [
      { name: 'Anne-Marie Kjærgaard', address: 'anne-marie.kjaergaard@kjaergaard-revision.example.com' },
      { name: 'Peter Krogh', address: 'peter.krogh@kjaergaard-revision.example.com' },
    ],
  },
  {
    owner: 'sdn@itguy.dk',
    subject: 'Northgate cutover planning',
    body: 'Plan for the warehouse cutover. Hi Oliver, agenda attached.',
    startAgo: d(-3),
    minutes: 90,
    attendees: [{ name: 'Oliver Bennett', address: 'oliver.bennett@northgate-logistics.example.org' }],
  },
  {
    owner: 'enb@itguy.dk',
    subject: 'Offboarding Slotsbageriet',
    body: 'Gennemgang af offboarding for Freja Lindholm med bageriets indehaver.',
    startAgo: d(38, 3),
    minutes: 30,
    attendees: [{ name: 'Lene Dahl', address: 'lene.dahl@dahl-el.example.com' }],
  },
  {
    owner: 'jbk@itguy.dk',
    subject: 'Netværkstjek Møllerup Tag',
    body: 'Hos Jens Møllerup, +45 22 33 44 55.',
    startAgo: d(14, 1),
    minutes: 60,
    attendees: [{ name: 'Jens Møllerup', address: 'jens@mollerup-tag.example.net' }],
  },
];

export const DEMO_CONTACTS: SeedContact[] = [
  {
    owner: 'cjm@itguy.dk',
    givenName: 'Jens',
    surname: 'Møller',
    email: 'jens.moeller@moeller-vvs.example.net',
    companyName: 'Møller & Søn VVS',
    mobilePhone: '+45 21 43 65 87',
    modifiedAgo: d(47),
  },
  {
    owner: 'cjm@itguy.dk',
    givenName: 'Jens',
    surname: 'Møllerup',
    email: 'jens@mollerup-tag.example.net',
    companyName: 'Møllerup Tag',
    modifiedAgo: d(30),
  },
  {
    owner: 'sdn@itguy.dk',
    givenName: 'Anne-Marie',
    surname: 'Kjærgaard',
    email: 'anne-marie.kjaergaard@kjaergaard-revision.example.com',
    companyName: 'Kjærgaard Revision',
    mobilePhone: '+45 40 57 18 62',
    modifiedAgo: d(70),
  },
  {
    owner: 'sdn@itguy.dk',
    givenName: 'Oliver',
    surname: 'Bennett',
    email: 'oliver.bennett@northgate-logistics.example.org',
    companyName: 'Northgate Logistics',
    mobilePhone: '+44 7700 900412',
    modifiedAgo: d(50),
  },
  {
    owner: 'jbk@itguy.dk',
    givenName: 'Oliver',
    surname: 'Bennet',
    email: 'oliver.bennet@example.com',
    companyName: 'Northgate (Leeds)',
    modifiedAgo: d(45),
  },
  {
    owner: 'enb@itguy.dk',
    givenName: 'Freja',
    surname: 'Lindholm',
    email: 'freja.lindholm@slotsbageriet.example.com',
    companyName: 'Slotsbageriet',
    mobilePhone: '+45 28 19 44 07',
    notes: 'Tidligere butiksleder.',
    modifiedAgo: d(41),
  },
  {
    owner: 'enb@itguy.dk',
    givenName: 'Lene',
    surname: 'Dahl',
    email: 'lene.dahl@dahl-el.example.com',
    mobilePhone: '22 33 44 55',
    modifiedAgo: d(20),
  },
];

export const DEMO_COPILOT: SeedInteraction[] = [
  {
    user: 'cjm@itguy.dk',
    ago: d(10, 2),
    prompt: 'Opsummer min mail med Jens Møller om faktura 10482',
    answer: 'Jens Møller bestrider faktura 10482; Hanne har sendt kreditnota 10491.',
  },
  {
    user: 'sdn@itguy.dk',
    ago: d(28, 1),
    prompt: 'Skriv et udkast til status for Anne-Marie Kjærgaard',
    answer: 'Kære Anne-Marie, migreringen af Kjærgaard Revision er på plads. Venlig hilsen Sofie',
    appClass: 'IPM.SkypeTeams.Message.Copilot.Word',
  },
  {
    user: 'sdn@itguy.dk',
    ago: d(18, 3),
    prompt: 'Summarise the Northgate cutover thread',
    answer: 'Oliver Bennett (oliver.bennett@northgate-logistics.example.org) wants the cutover on Saturday.',
  },
  {
    user: 'rhv@itguy.dk',
    ago: d(5, 4),
    prompt: 'Hvad ved vi om Freja Lindholm fra Slotsbageriet?',
    answer: 'Freja Lindholm var butiksleder; hendes advokat har bedt om indsigt. Freja Lindholt er en anden kunde.',
  },
  // Unlicensed users (enb) have none; a licensed user's prompt that names nobody.
  { user: 'rhv@itguy.dk', ago: d(2, 1), prompt: 'Lav en dagsorden til ledermødet', answer: '1. Økonomi 2. Kunder 3. Eventuelt' },
];

export const DEMO_COPILOT_LICENSED = ['rhv@itguy.dk', 'sdn@itguy.dk', 'cjm@itguy.dk'];

export const DEMO_SITES: SeedSite[] = [
  {
    name: 'Kunder',
    displayName: 'Kunder',
    description: 'Kontrakter og kundemapper',
    files: [
      {
        path: 'Kontrakter/Serviceaftale Møller & Søn VVS.md',
        modifiedAgo: d(100),
        content: '# Serviceaftale\n\nKunde: Møller & Søn VVS v/ Jens Møller, jens.moeller@moeller-vvs.example.net\n',
      },
      {
        path: 'Kontrakter/Serviceaftale Kjærgaard Revision.md',
        modifiedAgo: d(33),
        content: '# Serviceaftale\n\nKontaktperson: Anne-Marie Kjærgaard. Bogholderi: Peter Krogh, 31 42 53 64.\n',
      },
      {
        path: 'Kontrakter/Northgate Logistics MSA.md',
        modifiedAgo: d(55),
        content: '# Master services agreement\n\nCustomer contact: Oliver Bennett, IT manager.\n',
      },
      {
        path: 'Kunder/Slotsbageriet/Brugere.csv',
        modifiedAgo: d(42),
        content: 'navn;email\nFreja Lindholm;freja.lindholm@slotsbageriet.example.com\nLene Dahl;lene.dahl@dahl-el.example.com\n',
      },
      { path: 'Kontrakter/Møllerup Tag.md', modifiedAgo: d(31), content: 'Kunde: Jens Møllerup, Møllerup Tag.\n' },
    ],
  },
];
