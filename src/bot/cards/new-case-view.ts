import { RIGHTS } from '../../domain/index.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { rightName } from './case-view.js';

/** A case already open for the person the form is about: the card warns and offers it, or a second case. */
export interface OpenCaseWarning {
  id: string;
  /** The day it was received, as the DPO reads dates (e.g. "2. december 2026"). */
  received: string;
}

/**
 * The view data for new-case.json: a request that came by phone, letter or in person, typed in by the DPO.
 * With `openCase`, the form comes back filled in, saying the person has that case open, with "open the
 * case" and "create anyway" instead of "create".
 */
export function newCaseView(lang: Lang, today: string, values: Record<string, string> = {}, error = '', openCase?: OpenCaseWarning) {
  return {
    title: say(lang, TEXTS.newCase),
    error,
    openCase: openCase
      ? {
          id: openCase.id,
          warning: say(lang, TEXTS.personHasOpenCase, { id: openCase.id, date: openCase.received }),
          open: say(lang, TEXTS.openTheCase),
          anyway: say(lang, TEXTS.createAnyway),
        }
      : null,
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
