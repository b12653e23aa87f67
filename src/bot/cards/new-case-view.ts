import { RIGHTS } from '../../domain/index.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { rightName } from './case-view.js';

/** The view data for new-case.json: a request that came by phone, letter or in person, typed in by the DPO. */
export function newCaseView(lang: Lang, today: string, values: Record<string, string> = {}, error = '') {
  return {
    title: say(lang, TEXTS.newCase),
    error,
    today,
    values: {
      channel: 'phone',
      receivedDate: today,
      receivedTime: '',
      name: '',
      email: '',
      phone: '',
      address: '',
      rights: 'access',
      subjectName: '',
      language: lang,
      ...values,
    },
    channels: (['phone', 'letter', 'manual'] as const).map((value) => ({ title: TEXTS.channels[value][lang], value })),
    rights: RIGHTS.map((r) => ({ title: rightName(lang, r), value: r })),
    labels: {
      channel: say(lang, TEXTS.field.channel),
      receivedOn: say(lang, TEXTS.field.receivedOn),
      receivedTime: say(lang, TEXTS.field.receivedTime),
      name: say(lang, TEXTS.field.name),
      email: say(lang, TEXTS.field.email),
      phone: say(lang, TEXTS.field.phone),
      address: say(lang, TEXTS.field.address),
      rights: say(lang, TEXTS.rights),
      subjectName: say(lang, TEXTS.field.subjectName),
      language: say(lang, TEXTS.field.language),
      create: say(lang, TEXTS.field.create),
    },
  };
}
