import { invalidInput } from './errors.js';
import { ALL_SOURCE_KINDS, HIT_KIND_SOURCE, type SourceKind } from './hits.js';

/**
 * The sources a DPO names for a search, in the words they would use: the hit kinds of `dsar search --json`
 * (message, file, siteFile, chatMessage …), the sources' own names (mailbox, drive, sites, chats …) and
 * everyday ones (mail, onedrive, sharepoint, teams for chats and channels). "all" or nothing is every source.
 */
const ALIASES: Record<string, readonly SourceKind[]> = {
  all: [],
  mail: ['mailbox'],
  mailboxes: ['mailbox'],
  email: ['mailbox'],
  onedrive: ['drive'],
  drives: ['drive'],
  files: ['drive'],
  sharepoint: ['sites'],
  site: ['sites'],
  teams: ['chats', 'channels'],
  chat: ['chats'],
  channel: ['channels'],
  events: ['calendar'],
  calendars: ['calendar'],
  contact: ['contacts'],
  // The DPO's Danish words.
  post: ['mailbox'],
  postkasser: ['mailbox'],
  'e-mail': ['mailbox'],
  mails: ['mailbox'],
  kanaler: ['channels'],
  kanal: ['channels'],
  kalender: ['calendar'],
  kalendere: ['calendar'],
  kontakter: ['contacts'],
  alle: [],
};

const SOURCES = ALL_SOURCE_KINDS;

export function parseSourceChoice(text: string): SourceKind[] {
  const chosen = new Set<SourceKind>();
  for (const word of text.split(/[\s,;]+/).filter(Boolean)) {
    const w = word.toLowerCase();
    const byKind = Object.entries(HIT_KIND_SOURCE).find(([kind]) => kind.toLowerCase() === w)?.[1];
    const kinds = byKind ? [byKind] : SOURCES.includes(w as SourceKind) ? [w as SourceKind] : ALIASES[w];
    if (!kinds)
      throw invalidInput(
        `unknown source "${word}": use any of ${[...SOURCES, ...Object.keys(ALIASES)].join(', ')}`,
        `ukendt kilde "${word}": brug ${[...SOURCES, ...Object.keys(ALIASES)].join(', ')}`,
      );
    if (w === 'all' || w === 'alle') return [];
    for (const k of kinds) chosen.add(k);
  }
  return SOURCES.filter((k) => chosen.has(k));
}
