import { TEXTS, say, type Lang } from '../texts.js';

/** The view data for help.json: what the bot can do, with the lists and the new-case form one click away. */
export function helpView(lang: Lang, intro = '') {
  return {
    intro,
    title: say(lang, TEXTS.helpTitle),
    body: say(lang, TEXTS.helpBody),
    labels: {
      open: say(lang, TEXTS.openCases),
      week: say(lang, TEXTS.dueThisWeek),
      overdue: say(lang, TEXTS.overdue),
      newCase: say(lang, TEXTS.newCase),
    },
  };
}
