import type { Case } from '../case.js';
import type { Hit } from '../hits.js';
import type { IsoDate } from '../calendar.js';
import type { RedactionKind } from '../redaction/detect.js';
import type { LetterFacts } from './letter-model.js';

/**
 * The letter facts the search and its review give: how much was found (only once a search finished, so "no
 * data" is never said before anyone looked), the copy's contents as the package builds it, and the person's own
 * messages for portability. Shared by `dsar letter`, the card's preview and the answer package.
 */
export function factsFromSearch(
  c: Pick<Case, 'requester' | 'dataSubject'>,
  /** Whether a search finished: before that, nothing is known about what the company holds. */
  searched: boolean,
  hits: readonly Hit[],
  /** The kinds of other people's data redacted in the package's copy (Art. 15(4)); none before a package is built. */
  redacted: readonly RedactionKind[] = [],
): Pick<LetterFacts, 'found' | 'copy' | 'portability'> {
  if (!searched) return {};
  const reviewed = hits.some((h) => h.include !== undefined);
  // As the package does: before any review everything found goes in; after, what was not excluded.
  const included = hits.filter((h) => (reviewed ? h.include !== false : true));
  const withheld = hits.filter((h) => h.include === false);
  const email = (c.dataSubject?.email ?? c.requester.email)?.toLowerCase();
  return {
    found: hits.length,
    copy: {
      messages: included.filter((h) => h.kind === 'message').length,
      files: included.filter((h) => h.kind === 'file' || h.kind === 'siteFile').length,
      teams: included.filter((h) => h.kind === 'chatMessage' || h.kind === 'channelMessage').length,
      events: included.filter((h) => h.kind === 'event').length,
      contacts: included.filter((h) => h.kind === 'contact').length,
      copilot: included.filter((h) => h.kind === 'copilotInteraction').length,
      // Described by kind and date, never by subject: a withheld item's subject may be about someone else.
      withheld: withheld.map((w) => ({ kind: w.kind, date: w.date.slice(0, 10) as IsoDate, reason: w.reason ?? '' })),
      redactedOthers: redacted.length > 0,
      redactedKinds: [...new Set(redacted)],
    },
    portability: {
      files: ['portability/provided-data.json', 'portability/provided-data.csv'],
      messages: included.filter((h) => h.kind === 'message' && email !== undefined && h.from === email).length,
    },
  };
}
