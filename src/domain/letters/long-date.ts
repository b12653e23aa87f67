import type { IsoDate } from '../calendar.js';

/** The languages letters are written in (gdpr-rules: Danish and English, plus German and Swedish for requesters who wrote in them). */
export const LETTER_LANGS = ['da', 'en', 'de', 'sv'] as const;
export type LetterLang = (typeof LETTER_LANGS)[number];

export function isLetterLang(value: string): value is LetterLang {
  return (LETTER_LANGS as readonly string[]).includes(value);
}

const LOCALE: Record<LetterLang, string> = { da: 'da-DK', en: 'en-GB', de: 'de-DE', sv: 'sv-SE' };

/**
 * A date as people write it in a letter: "5. marts 2026", "5 March 2026", "5. März 2026", "5 mars 2026".
 * Danish sentences put "den" in front themselves. Formatted at noon UTC so no time zone can move the day.
 */
export function longDate(date: IsoDate, lang: LetterLang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/**
 * A GDPR citation in the language's legal style: "artikel 17, stk. 3, litra b" (Danish), "Article 17(3)(b)",
 * "Artikel 17 Absatz 3 Buchstabe b" (German), "artikel 17.3 b" (Swedish). Accepts "17(3)(b)", "6(1)(a)", "21".
 */
export function cite(ref: string, lang: LetterLang): string {
  const m = /^(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?$/.exec(ref.replace(/\s+/g, ''));
  if (!m) return ref;
  const [, art, para, point] = m;
  switch (lang) {
    case 'da':
      return `artikel ${art}${para ? `, stk. ${para}` : ''}${point ? `, litra ${point}` : ''}`;
    case 'en':
      return `Article ${art}${para ? `(${para})` : ''}${point ? `(${point})` : ''}`;
    case 'de':
      return `Artikel ${art}${para ? ` Absatz ${para}` : ''}${point ? ` Buchstabe ${point}` : ''}`;
    case 'sv':
      return `artikel ${art}${para ? `.${para}` : ''}${point ? ` ${point}` : ''}`;
  }
}

/** "A, B og C" / "A, B and C" / "A, B und C" / "A, B och C". */
export function joinList(items: readonly string[], lang: LetterLang): string {
  const and = { da: 'og', en: 'and', de: 'und', sv: 'och' }[lang];
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** Legal bases as each language cites them, points of one paragraph grouped. */
export const citeBases = (bases: readonly string[], lang: 'da' | 'en'): string => {
  // Group points of one paragraph: "artikel 6, stk. 1, litra a, b og f".
  const groups = new Map<string, string[]>();
  for (const b of bases) {
    const m = /^(\d+\(\d+\))\(([a-z])\)$/.exec(b);
    const [head, point] = m ? [m[1] as string, m[2] as string] : [b, ''];
    groups.set(head, [...(groups.get(head) ?? []), point]);
  }
  return joinList(
    [...groups].map(([head, points]) =>
      lang === 'da'
        ? `${cite(head, 'da')}, litra ${joinList(points, 'da')}`
        : joinList(
            points.map((pt, i) => (i === 0 ? `${cite(head, 'en')}(${pt})` : `(${pt})`)),
            'en',
          ),
    ),
    lang,
  );
};
