import { LEGAL_TIME_ZONE } from '../../domain/index.js';
import type { Lang } from '../texts.js';

/** Dates as a Danish DPO reads them ("7. april 2026"), in Copenhagen time. */
const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

export function formatDate(lang: Lang, isoDate: string): string {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString(LOCALE[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function formatDateTime(lang: Lang, instant: string): string {
  return new Date(instant).toLocaleString(LOCALE[lang], {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: LEGAL_TIME_ZONE,
  });
}

export function formatTime(lang: Lang, instant: string): string {
  return new Date(instant).toLocaleTimeString(LOCALE[lang], { hour: '2-digit', minute: '2-digit', timeZone: LEGAL_TIME_ZONE });
}
