import { isRight, type CaseId, type Right } from '../../domain/index.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { rightName } from './case-view.js';

/** The view data for follow-up.json: a new message on an open case, and the rights it adds if it asks for more. */
export interface FollowUp {
  caseId: CaseId;
  possibleIdentityDocument: boolean;
  newThread?: boolean | undefined;
  /** Rights asked for that the case does not have yet (intake's newRights). */
  newRights?: readonly Right[] | undefined;
  /** The sender is not the case's requester (or representative) but quoted its case number. */
  unknownSender?: boolean | undefined;
}

export function followUpView(f: FollowUp, lang: Lang) {
  // From intake's event: only rights the product knows become a button.
  const rights = (f.newRights ?? []).filter(isRight);
  const lines = [
    ...(f.newThread ? [say(lang, TEXTS.followUpNewThread)] : []),
    ...(rights.length ? [say(lang, TEXTS.followUpNewRights, { rights: rights.map((r) => rightName(lang, r)).join(', ') })] : []),
    ...(f.possibleIdentityDocument ? [say(lang, TEXTS.followUpIdentity)] : []),
  ];
  return {
    title: say(lang, TEXTS.followUp, { id: f.caseId }),
    // Under the title in red, so it is read before anything is answered or handed over.
    warning: f.unknownSender ? say(lang, TEXTS.followUpUnknownSender) : '',
    lines: lines.map((text, i) => ({ text: `${i ? '\n' : ''}${text}` })),
    caseId: f.caseId,
    rights: rights.join(','),
    labels: {
      addRights: say(lang, rights.length === 1 ? TEXTS.action.add_rights : TEXTS.action.addRightsPlural),
      open: say(lang, TEXTS.openCase),
    },
  };
}
