import type { DemoFile } from './types.js';

/** Every OneDrive file in the demo tenant: the file under ./files/<owner>/<path> and when it was last modified. */
export const DEMO_FILES: readonly DemoFile[] = [
  { owner: 'cjm', path: 'Kunder/kundeliste.csv', modifiedAgo: { days: 6, hours: 6, minutes: 50 } },
  { owner: 'cjm', path: 'Salg/leads-erhvervsmesse.csv', modifiedAgo: { days: 70, hours: 1, minutes: 0 } },
  { owner: 'cjm', path: 'Tilbud/T-1187 Kjærgaard Revision.md', modifiedAgo: { days: 73, hours: 1, minutes: 40 } },
  { owner: 'cjm', path: 'Tilbud/T-1203 Møller & Søn VVS.md', modifiedAgo: { days: 47, hours: 6, minutes: 45 } },
  { owner: 'rhv', path: 'Møder/Opstartsmøde Kjærgaard Revision.md', modifiedAgo: { days: 76, hours: 3, minutes: 4 } },
  { owner: 'rhv', path: 'Kontrakter/Udkast serviceaftale Kjærgaard Revision v0.3.md', modifiedAgo: { days: 34, hours: 3, minutes: 19 } },
  { owner: 'rhv', path: 'GDPR/Procedure for anmodninger fra registrerede.md', modifiedAgo: { days: 88, hours: 9, minutes: 0 } },
  { owner: 'rhv', path: 'GDPR/Underdatabehandlere.md', modifiedAgo: { days: 85, hours: 6, minutes: 0 } },
  // An answer package the product wrote for an earlier case: discovery must never return it.
  { owner: 'rhv', path: 'DSAR/DSAR-2026-0004/files/001 kundeliste.csv', modifiedAgo: { days: 20 } },
  { owner: 'rhv', path: 'Ledelse/Noter ledermøder 2026.md', modifiedAgo: { days: 6, hours: 0, minutes: 59 } },
  { owner: 'imj', path: 'Support/noter-2026.md', modifiedAgo: { days: 13, hours: 5, minutes: 0 } },
  { owner: 'imj', path: 'Support/Tjekliste ny pc.md', modifiedAgo: { days: 44, hours: 7, minutes: 30 } },
  { owner: 'enb', path: 'Support/Offboarding Slotsbageriet - Freja Lindholm.md', modifiedAgo: { days: 24, hours: 2, minutes: 54 } },
  { owner: 'enb', path: 'Support/noter.md', modifiedAgo: { days: 39, hours: 7, minutes: 0 } },
  { owner: 'sdn', path: 'Projekter/Northgate/Meeting notes - cutover.md', modifiedAgo: { days: 19, hours: 22, minutes: 59 } },
  { owner: 'sdn', path: 'Projekter/Northgate/users-wave-plan.csv', modifiedAgo: { days: 76, hours: 6, minutes: 30 } },
  { owner: 'sdn', path: 'Projekter/Kjærgaard Revision/Migreringsplan.md', modifiedAgo: { days: 56, hours: 2, minutes: 59 } },
  { owner: 'hbp', path: 'Fakturaer/Faktura 10482 Møller & Søn VVS.pdf', modifiedAgo: { days: 38, hours: 3, minutes: 59 } },
  { owner: 'hbp', path: 'Fakturaer/Kreditnota 10491 Møller & Søn VVS.pdf', modifiedAgo: { days: 34, hours: 5, minutes: 20 } },
  { owner: 'hbp', path: 'Fakturaer/Invoice 10455 Northgate.txt', modifiedAgo: { days: 48, hours: 5, minutes: 39 } },
  { owner: 'hbp', path: 'Økonomi/Debitorer åbne poster.csv', modifiedAgo: { days: 3, hours: 0, minutes: 30 } },
  { owner: 'jbk', path: 'Netværk/Gribskov Sejlklub - wifi.md', modifiedAgo: { days: 40, hours: 0, minutes: 59 } },
  { owner: 'fap', path: 'Drift/backup-oversigt.csv', modifiedAgo: { days: 11, hours: 6, minutes: 59 } },
  { owner: 'kla', path: 'Skole/Huskeliste.txt', modifiedAgo: { days: 13, hours: 5, minutes: 20 } },
];
