import ACData from 'adaptivecards-templating';
import caseTemplate from './case.json' with { type: 'json' };
import digestTemplate from './digest.json' with { type: 'json' };
import followUpTemplate from './follow-up.json' with { type: 'json' };
import helpTemplate from './help.json' with { type: 'json' };
import hitsTemplate from './hits.json' with { type: 'json' };
import listTemplate from './list.json' with { type: 'json' };
import messageTemplate from './message.json' with { type: 'json' };
import newCaseTemplate from './new-case.json' with { type: 'json' };
import registerTemplate from './register.json' with { type: 'json' };
import reportTemplate from './report.json' with { type: 'json' };
import redactionsTemplate from './redactions.json' with { type: 'json' };
import setAsideTemplate from './set-aside.json' with { type: 'json' };

/** The card templates (JSON files beside this one), parsed once and expanded with view data. */
const TEMPLATES = {
  case: new ACData.Template(caseTemplate),
  digest: new ACData.Template(digestTemplate),
  followUp: new ACData.Template(followUpTemplate),
  help: new ACData.Template(helpTemplate),
  hits: new ACData.Template(hitsTemplate),
  list: new ACData.Template(listTemplate),
  message: new ACData.Template(messageTemplate),
  newCase: new ACData.Template(newCaseTemplate),
  redactions: new ACData.Template(redactionsTemplate),
  register: new ACData.Template(registerTemplate),
  report: new ACData.Template(reportTemplate),
  setAside: new ACData.Template(setAsideTemplate),
};

export type TemplateName = keyof typeof TEMPLATES;

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard' };

/** Expands a template. Data values are never evaluated as expressions, so text from e-mail stays text. */
export function renderCard(name: TemplateName, data: object): AdaptiveCard {
  return unlisted(TEMPLATES[name].expand({ $root: data })) as AdaptiveCard;
}

/**
 * Teams reads a line beginning "25. nov." in a TextBlock or FactSet as a numbered list and indents it.
 * A no-break space after the day's dot is no list marker (markdown wants a plain space or tab there)
 * and looks the same, and it keeps day and month on one line as Danish typesetting wants.
 */
const LIST_MARKER = /(^|\n)(\s*\d{1,9})\. /g;
export const unlistLines = (text: string): string => text.replace(LIST_MARKER, '$1$2.\u00A0');

function unlisted(node: unknown, inFacts = false): unknown {
  if (Array.isArray(node)) return node.map((item) => unlisted(item, inFacts));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const shown = key === 'text' || (inFacts && (key === 'title' || key === 'value'));
    out[key] = shown && typeof value === 'string' ? unlistLines(value) : unlisted(value, key === 'facts');
  }
  return out;
}
