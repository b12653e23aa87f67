import type { HitKind } from '../hits.js';
import type { RedactionDecision, RedactionProposal } from './detect.js';

/** An included item's proposed redactions with the decision that holds for each, for the DPO's review. */
export interface ItemRedactions {
  hitKey: string;
  title: string;
  kind: HitKind;
  /** Parts whose text could not be read: review them by hand. */
  unreadable?: boolean;
  unreadableParts?: string[];
  proposals: (RedactionProposal & { decision: RedactionDecision; decidedBy?: string; decidedAt?: string })[];
}
