import type { Client } from '@microsoft/microsoft-graph-client';
import { inboxDelta } from '../graph/mail.js';
import type { IntakeTable } from './intake-table.js';
import { subscriptionName } from './subscription-manager.js';

/**
 * Catch-up through /messages/delta on one watched mailbox's inbox: at start-up, after a `missed`
 * lifecycle event on its subscription and on a timer, so a request that arrived while the app was down,
 * or whose notification was lost, still gets queued. The delta link is kept between runs, per mailbox
 * (beside its subscription); the first run looks back `backfillDays` only, so a new installation does not
 * work through years of old mail.
 */

export async function catchUp(
  graph: Client,
  intake: IntakeTable,
  mailbox: string,
  options: { backfillDays: number; now?: Date },
): Promise<number> {
  const now = options.now ?? new Date();
  const name = subscriptionName(mailbox);
  const state = await intake.subscription(name);
  const since = new Date(now.getTime() - options.backfillDays * 24 * 3600_000).toISOString();
  const delta = inboxDelta(graph, mailbox, { deltaLink: state.deltaLink, since });
  let queued = 0;
  for await (const page of delta) {
    const ids = page.value.filter((m) => !m['@removed']).map((m) => m.id);
    // Queue each page before asking for the next: a crash mid-way repeats pages, never skips them.
    if (ids.length)
      await intake.enqueue(
        ids.map((messageId) => ({ mailbox, messageId, via: 'delta' as const })),
        now,
      );
    queued += ids.length;
  }
  if (delta.deltaLink) await intake.saveSubscription(name, { deltaLink: delta.deltaLink });
  return queued;
}
