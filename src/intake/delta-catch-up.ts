import type { Client } from '@microsoft/microsoft-graph-client';
import type { IntakeTable } from './intake-table.js';
import { SUBSCRIPTION_NAME } from './subscription-manager.js';

/**
 * Catch-up through /messages/delta on the DPO inbox: at start-up, after a `missed` lifecycle event and on
 * a timer, so a request that arrived while the app was down, or whose notification was lost, still gets
 * queued. The delta link is kept between runs; the first run looks back `backfillDays` only, so a new
 * installation does not work through years of old mail.
 */

interface DeltaPage {
  value: { id: string; '@removed'?: unknown }[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export async function catchUp(graph: Client, intake: IntakeTable, mailbox: string, options: { backfillDays: number; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const state = await intake.subscription(SUBSCRIPTION_NAME);
  const since = new Date(now.getTime() - options.backfillDays * 24 * 3600_000).toISOString();
  let next: string | undefined =
    state.deltaLink ?? `/users/${mailbox}/mailFolders/inbox/messages/delta?$select=id&$filter=${encodeURIComponent(`receivedDateTime ge ${since}`)}`;
  let queued = 0;
  let deltaLink: string | undefined;
  while (next) {
    const page = (await graph.api(next).header('Prefer', 'IdType="ImmutableId", odata.maxpagesize=100').get()) as DeltaPage;
    const ids = page.value.filter((m) => !m['@removed']).map((m) => m.id);
    // Queue each page before asking for the next: a crash mid-way repeats pages, never skips them.
    if (ids.length) await intake.enqueue(ids.map((messageId) => ({ mailbox, messageId, via: 'delta' as const })), now);
    queued += ids.length;
    next = page['@odata.nextLink'];
    deltaLink = page['@odata.deltaLink'];
  }
  if (deltaLink) await intake.saveSubscription(SUBSCRIPTION_NAME, { deltaLink });
  return queued;
}
