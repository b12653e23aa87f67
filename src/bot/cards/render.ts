import ACData from 'adaptivecards-templating';
import caseTemplate from './case.json' with { type: 'json' };
import followUpTemplate from './follow-up.json' with { type: 'json' };
import helpTemplate from './help.json' with { type: 'json' };
import hitsTemplate from './hits.json' with { type: 'json' };
import listTemplate from './list.json' with { type: 'json' };
import messageTemplate from './message.json' with { type: 'json' };
import newCaseTemplate from './new-case.json' with { type: 'json' };
import setAsideTemplate from './set-aside.json' with { type: 'json' };

/** The card templates (JSON files beside this one), parsed once and expanded with view data. */
const TEMPLATES = {
  case: new ACData.Template(caseTemplate),
  followUp: new ACData.Template(followUpTemplate),
  help: new ACData.Template(helpTemplate),
  hits: new ACData.Template(hitsTemplate),
  list: new ACData.Template(listTemplate),
  message: new ACData.Template(messageTemplate),
  newCase: new ACData.Template(newCaseTemplate),
  setAside: new ACData.Template(setAsideTemplate),
};

export type TemplateName = keyof typeof TEMPLATES;

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

/** Expands a template. Data values are never evaluated as expressions, so text from e-mail stays text. */
export function renderCard(name: TemplateName, data: object): AdaptiveCard {
  return TEMPLATES[name].expand({ $root: data }) as AdaptiveCard;
}
