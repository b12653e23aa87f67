import { createHash } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Case } from '../domain/index.js';
import type { Hit } from '../domain/hits.js';
import { detectRedactions, type RedactionDecision, type RedactionProposal } from '../domain/redaction/detect.js';
import { downloadDriveItem, downloadDriveItemIn } from '../graph/drive.js';
import { messageMime } from '../graph/mail.js';
import { hitKey, type DiscoveryTable, type RedactionDecisionRecord } from './discovery-table.js';
import { extractText, type ItemContent, type ItemText } from './extract-text.js';

/**
 * An included item's content, its full text and the redactions proposed in it (Art. 15(4)), shared by the
 * review (DiscoveryService.redactions) and the answer package. Proposals are cached per item in the discovery
 * table, stamped with what they came from (the item as found, the case's identifiers, the staff names), so
 * finding the item again or changing the case recomputes them.
 */

/**
 * One hit's content. Messages: the MIME source; files: the bytes (a SharePoint file through its drive);
 * the sources read whole (chats, channels, events, contacts, Copilot): the text the search kept, as UTF-8.
 */
export async function hitContent(graph: Client, hit: Hit): Promise<ItemContent> {
  if (hit.kind === 'message')
    return { bytes: await messageMime(graph, hit.source, hit.id), name: `${hit.id}.eml`, contentType: 'message/rfc822' };
  if (hit.kind === 'file' && hit.source !== 'tenant')
    return { bytes: await downloadDriveItem(graph, hit.source, hit.id), name: hit.title, contentType: 'application/octet-stream' };
  if ((hit.kind === 'file' || hit.kind === 'siteFile') && hit.driveId)
    return { bytes: await downloadDriveItemIn(graph, hit.driveId, hit.id), name: hit.title, contentType: 'application/octet-stream' };
  const text = `${hit.title}\n${hit.date}\n\n${hit.text ?? hit.snippet}\n`;
  return { bytes: Buffer.from(text, 'utf8'), name: `${hit.id}.txt`, contentType: 'text/plain; charset=utf-8' };
}

export type { ItemRedactions } from '../domain/redaction/item.js';

/** The decision on a proposal: the latest of the one made on it and the one made on its person; redact by default. */
export function decisionFor(
  decisions: readonly RedactionDecisionRecord[],
  key: string,
  p: Pick<RedactionProposal, 'id' | 'person'>,
): { decision: RedactionDecision; decidedBy?: string; decidedAt?: string } {
  const applicable = decisions
    .filter((d) => ('person' in d.target ? d.target.person === p.person : d.target.hitKey === key && d.target.proposalId === p.id))
    .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  const last = applicable.at(-1);
  return last ? { decision: last.decision, decidedBy: last.decidedBy, decidedAt: last.decidedAt } : { decision: 'redact' };
}

export class RedactionReview {
  constructor(
    private readonly deps: {
      graph: Client;
      table: DiscoveryTable;
      companyDomain: string;
      content?: (hit: Hit) => Promise<ItemContent>;
    },
  ) {}

  content(hit: Hit): Promise<ItemContent> {
    return this.deps.content ? this.deps.content(hit) : hitContent(this.deps.graph, hit);
  }

  /** The item's text and proposals; with `content` given (the package has downloaded it) no second download. */
  async item(
    c: Case,
    hit: Hit,
    staff: readonly string[],
    lang: 'da' | 'en',
    given?: ItemContent,
  ): Promise<{ content?: ItemContent; text?: ItemText; proposals: RedactionProposal[]; unreadable: string[] }> {
    const key = hitKey(hit);
    const { include: _i, reason: _r, reviewedBy: _b, reviewedAt: _a, ...found } = hit;
    const stamp = createHash('sha256')
      .update(JSON.stringify([found, c.requester, c.dataSubject ?? null, c.identifiers, [...staff].sort(), lang]))
      .digest('hex')
      .slice(0, 32);
    const cached = await this.deps.table.proposals(c.id, key);
    // The package needs the text itself to render the copy; the review can do with the cache.
    if (cached?.stamp === stamp && !given) return { proposals: cached.proposals, unreadable: cached.unreadable };
    const content = given ?? (await this.content(hit));
    const text = await extractText(content, lang);
    // Only the start of a very long chat message, event or contact was kept: its end is looked at by hand.
    if (hit.textCut)
      text.unreadable.push(
        lang === 'da'
          ? `slutningen af elementet (efter de første ${(hit.text ?? '').length.toLocaleString('da-DK')} tegn)`
          : `the end of the item (after its first ${(hit.text ?? '').length.toLocaleString('en-GB')} characters)`,
      );
    const proposals = text.text
      ? detectRedactions({
          itemKey: key,
          text: text.text,
          ...(text.mail ? { mail: text.mail } : {}),
          c,
          staff,
          companyDomain: this.deps.companyDomain,
        })
      : [];
    if (cached?.stamp !== stamp) await this.deps.table.saveProposals(c.id, key, { stamp, proposals, unreadable: text.unreadable });
    return { content, text, proposals, unreadable: text.unreadable };
  }
}
