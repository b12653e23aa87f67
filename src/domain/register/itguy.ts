import type { ProcessingRegister, ThirdCountryTransfer } from './types.js';

/**
 * ITGuy ApS's processing register, encoded from its privacy policy (shared/seeds/privatlivspolitik.txt,
 * "senest opdateret 22 maj 2025"). Where the policy is silent or evidently mistaken, the entry says so in
 * `reviewNote` rather than silently inventing an answer. Update this file when the policy changes.
 */

// Art. 9(2)(f) (legal claims, for special categories) is not a basis of these purposes: they process no special
// categories, and 9(2) is a condition on top of an Art. 6 basis, never one on its own.
const ALL_STATED_BASES = ['6(1)(a)', '6(1)(b)', '6(1)(c)', '6(1)(f)'] as const;

// Art. 15(2) per processor. The policy says only "hvis de måtte placere data udenfor EU", so each entry is the
// product's reading of the supplier's own terms, marked assumed until the DPO confirms it (`register` in Teams).
const IN_EEA: ThirdCountryTransfer = { outsideEea: false, where: { da: 'i EU/EØS', en: 'in the EU/EEA' }, assumed: true };
const US_DPF: ThirdCountryTransfer = {
  outsideEea: true,
  where: { da: 'USA', en: 'the USA' },
  safeguard: {
    da: 'EU-US Data Privacy Framework (Kommissionens afgørelse om tilstrækkeligt beskyttelsesniveau af 10. juli 2023) og EU-Kommissionens standardkontraktbestemmelser',
    en: "the EU-US Data Privacy Framework (the Commission's adequacy decision of 10 July 2023) and the European Commission's standard contractual clauses",
  },
  assumed: true,
};
const MICROSOFT: ThirdCountryTransfer = {
  ...US_DPF,
  where: {
    da: 'USA (data opbevares i EU inden for Microsofts EU Data Boundary; support og underdatabehandlere kan tilgå dem fra USA)',
    en: "the USA (data is stored in the EU within Microsoft's EU Data Boundary; support and sub-processors may access it from the USA)",
  },
};
const SWITZERLAND: ThirdCountryTransfer = {
  outsideEea: true,
  where: { da: 'Schweiz', en: 'Switzerland' },
  safeguard: {
    da: 'Kommissionens afgørelse om tilstrækkeligt beskyttelsesniveau for Schweiz',
    en: "the Commission's adequacy decision for Switzerland",
  },
  assumed: true,
};

const LEGITIMATE_INTEREST_TYPO = {
  da: 'Politikken henviser til art. 6.1b for "egne forretningsinteresser"; det rette grundlag er artikel 6, stk. 1, litra f, som registret bruger.',
  en: 'The policy cites Art. 6.1b for "own business interests"; the correct basis is Art. 6(1)(f), which the register uses.',
};

export const ITGUY_REGISTER: ProcessingRegister = {
  controller: {
    name: 'ITGuy ApS',
    cvr: '36936894',
    address: { street: 'Centervænget 19 st tv', postalCode: '3400', city: 'Hillerød', country: 'Danmark' },
    email: 'dpa@itguy.dk',
    phone: '+45 70404707',
    website: 'https://itguy.dk',
  },
  dpo: {
    name: 'Lasse Bloch Holmsgaard',
    role: { da: 'Ejer og databeskyttelsesrådgiver', en: 'Owner and data protection officer' },
    email: 'lbh@itguy.dk',
    phone: '+45 70404707',
  },
  supervisoryAuthority: {
    name: 'Datatilsynet',
    // Not the privacy policy's address: Datatilsynet moved from Borgergade 28 to Valby in 2020 (gdpr-rules.md).
    address: { street: 'Carl Jacobsens Vej 35', postalCode: '2500', city: 'Valby', country: 'Danmark' },
    email: 'dt@datatilsynet.dk',
    phone: '+45 33 19 32 00',
    website: 'https://datatilsynet.dk',
  },
  policyUpdated: '2025-05-22',

  dataCategories: [
    {
      id: 'contact',
      name: { da: 'Kontaktoplysninger', en: 'Contact details' },
      examples: { da: 'navn, e-mail, telefonnummer, titel', en: 'name, e-mail, phone number, title' },
    },
    {
      id: 'company',
      name: { da: 'Virksomheds- og arbejdsgiveroplysninger', en: 'Company and employer details' },
      examples: { da: 'CVR-nummer, adresse, domæne, land, telefonnummer', en: 'CVR number, address, domain, country, phone number' },
    },
    {
      id: 'purchase_history',
      name: { da: 'Købshistorik', en: 'Purchase history' },
      examples: { da: 'køb, abonnementer, interesseområder', en: 'purchases, subscriptions, areas of interest' },
    },
    {
      id: 'enquiries',
      name: { da: 'Forespørgsler', en: 'Enquiries' },
      examples: {
        da: 'tilmeldinger, accept af betingelser, demo-bookinger, supporthenvendelser',
        en: 'sign-ups, acceptance of terms, demo bookings, support requests',
      },
    },
    {
      id: 'message_content',
      name: { da: 'Indhold af e-mails', en: 'Content of e-mails' },
      examples: { da: 'indholdet af e-mails du sender os', en: 'the content of e-mails you send us' },
    },
    {
      id: 'payment',
      name: { da: 'Betalingsoplysninger', en: 'Payment details' },
      examples: { da: 'faktureringsadresse, EAN-nummer', en: 'billing address, EAN number' },
    },
    {
      id: 'preferences',
      name: { da: 'Valg og indstillinger', en: 'Choices and settings' },
      examples: { da: 'kontoopsætning, brugerrolle', en: 'account set-up, user role' },
    },
    {
      id: 'interactions',
      name: { da: 'Interaktioner', en: 'Interactions' },
      examples: { da: 'kundeservice, opsætning, feedback, adfærd', en: 'customer service, set-up, feedback, behaviour' },
    },
    {
      id: 'usage',
      name: { da: 'Brugsinformation', en: 'Usage information' },
      examples: { da: 'hvordan du bruger produkter og services', en: 'how you use products and services' },
    },
    {
      id: 'marketing_preferences',
      name: { da: 'Nyhedsbreve og samtykker', en: 'Newsletters and consents' },
      examples: {
        da: 'tilmeldte nyhedsbreve, demoanmodninger, tidspunkt for samtykke',
        en: 'newsletters subscribed to, demo requests, time of consent',
      },
    },
    {
      id: 'events',
      name: { da: 'Arrangementer', en: 'Events' },
      examples: { da: 'arrangementer, seminarer og kurser du har deltaget i', en: 'events, seminars and courses attended' },
    },
    {
      id: 'employment',
      name: { da: 'Ansættelsesoplysninger', en: 'Employment details' },
      examples: {
        da: 'ansættelseskontrakt, løn og skat, fravær, personalemappe',
        en: 'employment contract, pay and tax, absence, personnel file',
      },
    },
    {
      id: 'web_logs',
      name: { da: 'Automatiske logs fra website og services', en: 'Automatic website and service logs' },
      examples: {
        da: 'IP-adresse, browsertype, styresystem, besøgte sider, tidspunkt og varighed',
        en: 'IP address, browser type, operating system, pages visited, time and duration',
      },
    },
    {
      id: 'cookies',
      name: { da: 'Cookie-oplysninger', en: 'Cookie information' },
      examples: { da: 'cookies og lignende teknologier', en: 'cookies and similar technologies' },
    },
    {
      id: 'device',
      name: { da: 'Enheds- og interaktionsdata', en: 'Device and interaction data' },
      examples: {
        da: 'browser, sprog, styresystem, lokation, enhedsinformation',
        en: 'browser, language, operating system, location, device information',
      },
    },
    {
      id: 'public_information',
      name: { da: 'Offentligt tilgængelige oplysninger', en: 'Publicly available information' },
      examples: { da: 'oplysninger fra sociale medier og LinkedIn', en: 'information from social media and LinkedIn' },
    },
    {
      id: 'authority_requests',
      name: { da: 'Oplysninger krævet af myndigheder', en: 'Information required by authorities' },
      examples: {
        da: 'oplysninger der kræves for at imødekomme offentlige myndigheder',
        en: 'information required to answer public authorities',
      },
    },
  ],

  sources: [
    { id: 'data_subject', name: { da: 'Direkte fra dig', en: 'Directly from you' }, fromDataSubject: true },
    { id: 'public_authorities', name: { da: 'Offentlige myndigheder', en: 'Public authorities' }, fromDataSubject: false },
    { id: 'banks', name: { da: 'Banker', en: 'Banks' }, fromDataSubject: false },
    { id: 'employer', name: { da: 'ITGuy som arbejdsgiver', en: 'ITGuy as the employer' }, fromDataSubject: false },
    {
      id: 'online_sources',
      name: {
        da: 'Online kilder: sociale medier, offentlige myndigheder og andre offentlige kilder, herunder LinkedIn',
        en: 'Online sources: social media, public authorities and other public sources, including LinkedIn',
      },
      fromDataSubject: false,
    },
    {
      id: 'cookies',
      name: {
        da: 'Cookies du giver adgang til, når du besøger vores website eller service',
        en: 'Cookies you make available when you visit our website or service',
      },
      fromDataSubject: false,
    },
  ],

  purposes: [
    {
      id: 'service_delivery',
      name: { da: 'Levering af services, produkter og ydelser', en: 'Delivering our services and products' },
      description: {
        da: 'Abonnementer, workshops, webinarer og demonstrationer: adgang og login, notifikationer, betaling, support og svar på dine spørgsmål.',
        en: 'Subscriptions, workshops, webinars and demonstrations: access and log-in, notifications, payment, support and answering your questions.',
      },
      dataCategories: [
        'contact',
        'company',
        'purchase_history',
        'enquiries',
        'message_content',
        'payment',
        'preferences',
        'interactions',
        'usage',
      ],
      legalBases: ALL_STATED_BASES,
      retention: [
        {
          rule: {
            da: 'Så længe du er kunde og 5 år efter kundeforholdets ophør.',
            en: 'While you are a customer and 5 years after the customer relationship ends.',
          },
          years: 5,
          from: 'end_of_customer_relationship',
        },
        {
          rule: {
            da: 'Ansatte hos en kunde: så længe kundeforholdet med den pågældende kunde består.',
            en: 'Employees of a customer: as long as the relationship with that customer lasts.',
          },
          from: 'end_of_customer_contract',
        },
      ],
      sources: ['data_subject', 'public_authorities', 'banks'],
      systems: [
        'microsoft_365',
        'microsoft_azure',
        'datto_edr',
        'datto',
        'cloudfactory',
        'itglue',
        'acronis',
        'teamviewer',
        'uni_tel',
        'flexfone',
        'xena',
      ],
      reviewNote: LEGITIMATE_INTEREST_TYPO,
    },
    {
      id: 'marketing',
      name: { da: 'Markedsføring', en: 'Marketing' },
      description: {
        da: 'Nyhedsbreve, demoer, webinarer og generel kommunikation ud fra dine interesser.',
        en: 'Newsletters, demos, webinars and general communication based on your interests.',
      },
      dataCategories: ['contact', 'company', 'purchase_history', 'marketing_preferences', 'events', 'public_information'],
      legalBases: ['6(1)(a)', '6(1)(f)'],
      retention: [
        {
          rule: {
            da: 'Så længe du er tilmeldt nyhedsbrevet; 2 år efter afmelding for at dokumentere afmeldingen.',
            en: 'While you are subscribed; 2 years after unsubscribing to document the opt-out.',
          },
          years: 2,
          from: 'unsubscribe',
        },
        {
          rule: { da: '2 år efter seneste kontakt med dig.', en: '2 years after our latest contact with you.' },
          years: 2,
          from: 'last_contact',
        },
        {
          rule: {
            da: 'Offentligt kendte oplysninger: 2 år efter seneste anvendelse.',
            en: 'Publicly known information: 2 years after latest use.',
          },
          years: 2,
          from: 'last_use',
        },
        {
          rule: {
            da: 'Arrangementer, seminarer og kurser: så længe det har relevans.',
            en: 'Events, seminars and courses: as long as relevant.',
          },
        },
      ],
      sources: ['data_subject', 'online_sources'],
      systems: ['microsoft_365', 'digitalocean', 'spinup'],
      reviewNote: {
        da: 'Politikken nævner intet retsgrundlag for markedsføring; registret antager samtykke (artikel 6, stk. 1, litra a) og legitim interesse (artikel 6, stk. 1, litra f).',
        en: 'The policy names no legal basis for marketing; the register assumes consent (6(1)(a)) and legitimate interest (6(1)(f)).',
      },
    },
    {
      id: 'experience',
      name: { da: 'Forbedring af din oplevelse på website og services', en: 'Improving your experience of our website and services' },
      description: {
        da: 'Drift og forbedring af services og website, og vurdering af hvilket indhold der er relevant for dig.',
        en: 'Running and improving services and the website, and judging which content is relevant to you.',
      },
      dataCategories: ['web_logs', 'cookies', 'device'],
      legalBases: ALL_STATED_BASES,
      retention: [
        {
          rule: {
            da: '2 år efter seneste kontakt; cookies efter cookiepolitikken.',
            en: '2 years after latest contact; cookies as set out in the cookie policy.',
          },
          years: 2,
          from: 'last_contact',
        },
      ],
      sources: ['data_subject', 'online_sources', 'cookies'],
      systems: ['digitalocean', 'spinup', 'microsoft_azure'],
      reviewNote: LEGITIMATE_INTEREST_TYPO,
    },
    {
      id: 'business_development',
      name: { da: 'Forretnings- og produktudvikling', en: 'Business and product development' },
      description: {
        da: 'Analyse, audit, udvikling af nye produkter og services, handlemønstre og effektiviseringer.',
        en: 'Analysis, audit, developing new products and services, purchasing patterns and efficiency.',
      },
      dataCategories: ['contact', 'company', 'usage', 'purchase_history'],
      legalBases: ALL_STATED_BASES,
      retention: [
        {
          rule: { da: '3 år efter kundeforholdets ophør.', en: '3 years after the customer relationship ends.' },
          years: 3,
          from: 'end_of_customer_relationship',
        },
      ],
      sources: ['data_subject', 'online_sources'],
      systems: ['microsoft_365', 'datto'],
      reviewNote: LEGITIMATE_INTEREST_TYPO,
    },
    {
      id: 'legal_obligations',
      name: { da: 'Opfyldelse af juridiske forpligtelser', en: 'Meeting our legal obligations' },
      description: {
        da: 'Forespørgsler fra offentlige myndigheder, branchestandarder, interne politikker og beskyttelse af drift og dine rettigheder, herunder bogføring.',
        en: 'Requests from public authorities, industry standards, internal policies and protecting operations and your rights, including bookkeeping.',
      },
      dataCategories: ['contact', 'company', 'authority_requests', 'purchase_history'],
      legalBases: ['6(1)(c)'],
      retention: [
        {
          rule: {
            da: 'Afhænger af kravet i den enkelte forespørgsel; regnskabsmateriale 5 år fra regnskabsårets udløb.',
            en: 'Depends on the requirement in each request; accounting records 5 years from the end of the financial year.',
          },
        },
      ],
      sources: ['data_subject', 'public_authorities'],
      systems: ['microsoft_365', 'xena'],
      reviewNote: {
        da: 'Politikken nævner hverken retsgrundlag eller kilder for dette formål; registret antager retlig forpligtelse (artikel 6, stk. 1, litra c).',
        en: 'The policy names neither legal basis nor sources for this purpose; the register assumes legal obligation (6(1)(c)).',
      },
    },
    {
      // Not in the policy: (ex-)employees make requests too, so the register cannot leave their data out.
      id: 'employment',
      name: { da: 'Ansættelse af ITGuys medarbejdere', en: "Employing ITGuy's staff" },
      description: {
        da: 'Personaleadministration, løn og personalemappe for nuværende og tidligere medarbejdere.',
        en: 'HR administration, payroll and the personnel file for current and former employees.',
      },
      dataCategories: ['contact', 'employment'],
      legalBases: ['6(1)(b)', '6(1)(c)'],
      retention: [
        {
          rule: {
            da: 'Personalemappen 5 år efter fratrædelsen; lønbilag 5 år fra regnskabsårets udløb.',
            en: 'The personnel file 5 years after the employment ends; payroll records 5 years from the end of the financial year.',
          },
          years: 5,
        },
      ],
      sources: ['data_subject', 'employer', 'public_authorities'],
      systems: ['microsoft_365', 'xena'],
      needsConfirmation: true,
      reviewNote: {
        da: 'Politikken nævner ikke ITGuys egne medarbejdere. Formålet, grundlaget (kontrakt og retlig forpligtelse), opbevaringen og systemerne er produktets antagelse og skal bekræftes af DPO.',
        en: "The policy does not mention ITGuy's own staff. The purpose, its bases (contract and legal obligation), retention and systems are the product's assumption and need the DPO's confirmation.",
      },
    },
  ],

  processors: [
    {
      id: 'microsoft_365',
      name: 'Microsoft 365',
      does: {
        da: 'Mail, lagring af data og kommunikation internt og eksternt',
        en: 'E-mail, data storage and internal and external communication',
      },
      mayHoldRequesterData: true,
      transfer: MICROSOFT,
      erasure: {
        method: 'erase',
        note: {
          da: 'Søg i alle postkasser, OneDrive og Teams og slet fundne elementer.',
          en: 'Search every mailbox, OneDrive and Teams and delete what is found.',
        },
      },
    },
    {
      id: 'microsoft_azure',
      name: 'Microsoft Azure',
      does: { da: 'Hosting af servere, herunder UniFi-controller', en: 'Server hosting, including the UniFi controller' },
      mayHoldRequesterData: true,
      transfer: MICROSOFT,
      erasure: {
        method: 'erase',
        note: {
          da: 'Slet personens data på de hostede servere (fx enheds- og brugerlister).',
          en: "Delete the person's data on the hosted servers (e.g. device and user lists).",
        },
      },
    },
    {
      id: 'datto_edr',
      name: 'Datto AV, EDR & Ransomware',
      does: { da: 'Beskyttelse mod virus og andre online trusler', en: 'Protection against viruses and other online threats' },
      mayHoldRequesterData: true,
      transfer: US_DPF,
      erasure: {
        method: 'expires',
        note: {
          da: 'Sikkerhedstelemetri kan ikke slettes enkeltvis; den udløber efter leverandørens opbevaringsperiode.',
          en: "Security telemetry cannot be deleted item by item; it expires after the vendor's retention period.",
        },
      },
    },
    {
      id: 'datto',
      name: 'Datto',
      does: {
        da: 'Kundeanliggender, kundekommunikation, backup, styring og overvågning af it-udstyr og lagring af data',
        en: 'Customer matters, customer communication, backup, management and monitoring of IT equipment and data storage',
      },
      mayHoldRequesterData: true,
      transfer: US_DPF,
      erasure: {
        method: 'erase',
        note: {
          da: 'Slet kontakt, sager og noter i PSA/RMM; data i backup udløber ved rotation.',
          en: 'Delete the contact, tickets and notes in PSA/RMM; data in backups expires on rotation.',
        },
      },
    },
    {
      id: 'cloudfactory',
      name: 'Cloudfactory',
      does: { da: 'Styring og tildeling af licenser og hosting', en: 'Licence management and assignment, and hosting' },
      mayHoldRequesterData: true,
      transfer: IN_EEA,
      erasure: {
        method: 'erase',
        note: { da: 'Fjern personen fra licens- og brugeroversigter.', en: 'Remove the person from licence and user records.' },
      },
    },
    {
      id: 'xink',
      name: 'Xink',
      does: { da: 'E-mailsignaturer', en: 'E-mail signatures' },
      // A recipient like the others: the policy names it, and nothing shows it holds no requester data (its
      // signatures go on every mail to customers). The DPO confirms or narrows this in the register card.
      mayHoldRequesterData: true,
      transfer: IN_EEA,
      erasure: {
        method: 'erase',
        note: {
          da: 'Tjek om Xink har personens oplysninger (fx modtagerlister til signaturkampagner, statistik over klik), og slet dem.',
          en: "Check whether Xink holds the person's data (e.g. recipient lists for signature campaigns, click statistics), and delete it.",
        },
      },
    },
    {
      id: 'itglue',
      name: 'ITGlue',
      does: { da: 'Sikker opbevaring af dokumentation', en: 'Secure storage of documentation' },
      mayHoldRequesterData: true,
      transfer: US_DPF,
      erasure: {
        method: 'erase',
        note: {
          da: 'Slet eller anonymisér kontaktpersoner og dokumentation om personen.',
          en: 'Delete or anonymise contacts and documentation about the person.',
        },
      },
    },
    {
      id: 'acronis',
      name: 'Acronis',
      does: { da: 'Backup af fildata', en: 'Backup of file data' },
      mayHoldRequesterData: true,
      transfer: SWITZERLAND,
      erasure: {
        method: 'expires',
        note: {
          da: 'Backups slettes ikke enkeltvis; data holdes ude af brug og forsvinder ved rotation. Slet igen hvis en backup gendannes.',
          en: 'Backups are not edited; the data is kept beyond use and disappears on rotation. Erase again if a backup is restored.',
        },
      },
    },
    {
      id: 'digitalocean',
      name: 'DigitalOcean',
      does: { da: 'Hosting af webmiljø', en: 'Hosting of the web environment' },
      mayHoldRequesterData: true,
      transfer: US_DPF,
      erasure: {
        method: 'erase',
        note: {
          da: 'Slet formularindsendelser og logs om personen på websitet.',
          en: 'Delete form submissions and logs about the person on the website.',
        },
      },
    },
    {
      id: 'spinup',
      name: 'Spinup',
      does: { da: 'Drift af webmiljø', en: 'Operation of the web environment' },
      mayHoldRequesterData: true,
      transfer: IN_EEA,
      erasure: {
        method: 'erase',
        note: {
          da: 'Bed Spinup bekræfte sletning i det drevne webmiljø.',
          en: 'Ask Spinup to confirm erasure in the web environment it operates.',
        },
      },
    },
    {
      id: 'teamviewer',
      name: 'TeamViewer',
      does: { da: 'Support af medarbejdere via fjernopkobling', en: 'Supporting staff through remote connections' },
      mayHoldRequesterData: true,
      transfer: IN_EEA,
      erasure: {
        method: 'erase',
        note: { da: 'Slet kontakt og sessionslogs om personen.', en: 'Delete the contact and session logs about the person.' },
      },
    },
    {
      id: 'uni_tel',
      name: 'Uni-Tel',
      does: { da: 'Kommunikation (telefoni)', en: 'Communication (telephony)' },
      mayHoldRequesterData: true,
      transfer: IN_EEA,
      erasure: {
        method: 'erase',
        note: {
          da: 'Slet opkaldslister og eventuelle optagelser med personen.',
          en: 'Delete call records and any recordings with the person.',
        },
      },
    },
    {
      id: 'flexfone',
      name: 'Flexfone',
      does: { da: 'Kommunikation (telefoni)', en: 'Communication (telephony)' },
      mayHoldRequesterData: true,
      transfer: IN_EEA,
      erasure: {
        method: 'erase',
        note: {
          da: 'Slet opkaldslister og eventuelle optagelser med personen.',
          en: 'Delete call records and any recordings with the person.',
        },
      },
    },
    {
      id: 'xena',
      name: 'Xena',
      does: { da: 'Regnskabsdata', en: 'Accounting data' },
      mayHoldRequesterData: true,
      transfer: IN_EEA,
      erasure: {
        method: 'retain',
        exception: 'bookkeeping',
        note: {
          da: 'Fakturaer og bilag bevares i 5 år fra regnskabsårets udløb (artikel 17, stk. 3, litra b); øvrige oplysninger slettes.',
          en: 'Invoices and vouchers are kept 5 years from the end of the financial year (Art. 17(3)(b)); anything else is erased.',
        },
      },
    },
  ],

  recipientCategories: [
    {
      id: 'suppliers',
      name: { da: 'Leverandører og producenter', en: 'Suppliers and manufacturers' },
      examples: {
        da: 'serviceleverandører, teknisk support og finansielle institutioner',
        en: 'service providers, technical support and financial institutions',
      },
    },
    {
      id: 'public_authorities',
      name: { da: 'Offentlige myndigheder', en: 'Public authorities' },
      examples: { da: 'når loven kræver det', en: 'where the law requires it' },
    },
  ],

  retentionExceptions: [
    {
      id: 'bookkeeping',
      article: '17(3)(b)',
      law: { da: 'Bogføringsloven', en: 'Danish Bookkeeping Act' },
      rule: {
        da: 'Regnskabsmateriale opbevares i 5 år fra udgangen af det regnskabsår, det vedrører.',
        en: 'Accounting records are kept for 5 years from the end of the financial year they relate to.',
      },
      years: 5,
      from: 'end_of_financial_year',
    },
  ],

  thirdCountryTransfers: {
    da: 'Hvis en databehandler placerer data uden for EU, sikrer vi, at de korrekte aftaler er på plads, før de får adgang til data.',
    en: 'Where a processor places data outside the EU, we make sure the correct agreements are in place before they get access to the data.',
  },
  automatedDecisionMaking: {
    da: 'Vi træffer ingen automatiske afgørelser, herunder profilering, med retsvirkning for dig.',
    en: 'We make no automated decisions, including profiling, with legal effects for you.',
  },
  sensitiveData: {
    da: 'Vi behandler som udgangspunkt ingen følsomme oplysninger.',
    en: 'As a rule we do not process sensitive data.',
  },
};
