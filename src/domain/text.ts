/** User-facing text in both languages the product speaks. */
export interface Text {
  da: string;
  en: string;
}

export type Language = keyof Text;

export const LANGUAGES: readonly Language[] = ['da', 'en'];
