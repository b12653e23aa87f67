import { EventEmitter } from 'node:events';
import type { CaseId } from '../domain/index.js';

/**
 * What intake tells the rest of the app (the Teams bot subscribes to these). In-process only and never
 * logged: `evidence` quotes the e-mail, for the DPO's card.
 */
export interface IntakeEventMap {
  case_opened: [{ caseId: CaseId; messageId: string; evidence?: string[] }];
  follow_up_received: [{ caseId: CaseId; messageId: string; possibleIdentityDocument: boolean }];
  follow_up_unmatched: [{ messageId: string }];
}

export class IntakeEvents extends EventEmitter<IntakeEventMap> {}
