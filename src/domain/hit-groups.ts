import type { Hit, Place } from './hits.js';

/**
 * Places found as one item each: the same mail in four mailboxes (one Internet Message-ID), a file found
 * by the OneDrive and the site search (one drive item), byte-identical copies of a file (one content hash),
 * a meeting in every attendee's calendar (one iCalUId), a chat message in every member's chats. Each item
 * is kept once, with every place it was found; its copy is taken from the first place (by source and id,
 * so the choice does not depend on the order the search finished in). A review made on any place holds
 * for the item (the latest wins).
 */
export function groupPlaces(places: readonly Hit[]): { hits: Hit[]; duplicates: number } {
  const parent = places.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const owner = new Map<string, number>();
  places.forEach((h, i) => {
    for (const key of [h.dedupeKey, h.contentHash ? `content:${h.contentHash}` : undefined]) {
      if (!key) continue;
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Hit[]>();
  places.forEach((h, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), h]);
  });
  // A user's own place before the tenant-wide site search's, so a OneDrive file is copied from its OneDrive.
  const tenant = (h: Hit) => (h.source === 'tenant' ? 1 : 0);
  const placeOrder = (a: Hit, b: Hit) =>
    tenant(a) - tenant(b) || (a.source === b.source ? a.id.localeCompare(b.id) : a.source.localeCompare(b.source));
  const hits = [...groups.values()].map((group) => {
    const sorted = [...group].sort(placeOrder);
    const first = sorted[0]!;
    const reviewed = sorted
      .filter((h) => h.include !== undefined)
      .sort((a, b) => (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? ''))[0];
    const { include: _i, reason: _r, reviewedBy: _b, reviewedAt: _a, ...found } = first;
    const foundIn: Place[] = sorted.map((h) => ({ source: h.source, id: h.id, ...(h.webUrl ? { webUrl: h.webUrl } : {}) }));
    return {
      ...found,
      // A file that is in someone's OneDrive is a OneDrive file, also when the site search found it too.
      kind: sorted.some((h) => h.kind === 'file') ? 'file' : first.kind,
      ...(found.text ? {} : sorted.find((h) => h.text)?.text ? { text: sorted.find((h) => h.text)!.text! } : {}),
      foundIn,
      ...(reviewed
        ? {
            include: reviewed.include!,
            ...(reviewed.reason ? { reason: reviewed.reason } : {}),
            ...(reviewed.reviewedBy ? { reviewedBy: reviewed.reviewedBy } : {}),
            ...(reviewed.reviewedAt ? { reviewedAt: reviewed.reviewedAt } : {}),
          }
        : {}),
    } as Hit;
  });
  return { hits, duplicates: places.length - hits.length };
}
