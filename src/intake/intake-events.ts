import { EventEmitter } from 'node:events';
import type { CaseId } from '../domain/index.js';

/** What intake tells the rest of the app (the Teams bot subscribes to these). Ids only: no personal data. */
export interface IntakeEventMap {
  case_opened: [{ caseId: CaseId; messageId: string }];
  follow_up_received: [{ caseId: CaseId; messageId: string; possibleIdentityDocument: boolean }];
  follow_up_unmatched: [{ messageId: string }];
}

export class IntakeEvents extends EventEmitter<IntakeEventMap> {}
