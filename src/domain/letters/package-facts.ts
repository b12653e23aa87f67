import type { Case } from '../case.js';
import type { Hit } from '../hits.js';
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
      files: included.filter((h) => h.kind === 'file').length,
      withheld: withheld.map((w) => ({ title: w.title, reason: w.reason ?? '' })),
      redactedOthers: false,
    },
    portability: {
      files: ['portability/provided-data.json', 'portability/provided-data.csv'],
      messages: included.filter((h) => h.kind === 'message' && email !== undefined && h.from === email).length,
    },
  };
}
