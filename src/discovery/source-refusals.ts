import type { SkipReason, SourceKind } from '../domain/hits.js';
import { graphStatus } from '../graph/errors.js';

/**
 * What a refusal from Graph means for a source read whole: a reason to record it as not searched, and
 * whether it holds for the whole tenant (the Teams export APIs not enabled, a permission missing: the
 * kind's other sources are skipped without asking again) or for one user (no Copilot licence). Throttling,
 * outages and anything else are no refusal: they stop the search, which resumes from its checkpoint.
 */
export interface Refusal {
  reason: SkipReason;
  tenantWide: boolean;
}

export function refusalOf(kind: SourceKind, error: unknown): Refusal | undefined {
  const status = graphStatus(error);
  const code = String((error as { code?: string } | null)?.code ?? '');
  const message = String((error as Error | null)?.message ?? '');
  // A user without a mailbox, calendar or Teams: nothing of theirs to search (treated as empty by the caller).
  if (status === 404 && kind !== 'copilot') return undefined;
  if (kind === 'chats' || kind === 'channels') {
    // 402 PaymentRequired: no payment model; 403 for a protected API the tenant is not approved for, or no permission.
    if (status === 402) return { reason: 'teams_export_not_enabled', tenantWide: true };
    if (status === 403)
      return /protected|payment|licen[cs]|model|evaluation/i.test(`${code} ${message}`)
        ? { reason: 'teams_export_not_enabled', tenantWide: true }
        : { reason: 'permission_missing', tenantWide: true };
    return undefined;
  }
  if (kind === 'copilot') {
    if (status === 404 || (status === 403 && /licen[cs]/i.test(`${code} ${message}`)))
      return { reason: 'no_copilot_licence', tenantWide: false };
    if (status === 403) return { reason: 'permission_missing', tenantWide: true };
    return undefined;
  }
  if (kind === 'sites' && status === 400) return { reason: 'search_not_available', tenantWide: true };
  // Calendars and contacts: a 403 can be one mailbox's access policy, so only that source is skipped. A 401 is
  // a token problem, not a refusal: it stops the search, which resumes.
  if (status === 403) return { reason: 'permission_missing', tenantWide: kind === 'sites' };
  return undefined;
}
