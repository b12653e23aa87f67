/** User-facing text in both languages the product speaks. */
export interface Text {
  da: string;
  en: string;
}
