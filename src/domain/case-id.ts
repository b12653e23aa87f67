import { invalidInput } from './errors.js';

/** Case ids are `DSAR-<year of receipt>-<sequence in that year>`, the sequence zero-padded to 4 digits. */
export type CaseId = string;

const CASE_ID = /^DSAR-(\d{4})-(\d{4,})$/;
/** What people type: any case, and with or without the zero padding ("dsar-2026-42"). */
const LOOSE_CASE_ID = /^\s*dsar[-\s]?(\d{4})[-\s]?(\d{1,9})\s*$/i;

export function formatCaseId(year: number, sequence: number): CaseId {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`case sequence must be >= 1, got ${sequence}`);
  return `DSAR-${year}-${String(sequence).padStart(4, '0')}`;
}

/** Accepts a case id written loosely and returns its canonical form. */
export function parseCaseId(text: string): CaseId {
  const match = LOOSE_CASE_ID.exec(text);
  if (!match || Number(match[2]) < 1) {
    throw invalidInput(
      `"${text}" is not a case id; case ids look like DSAR-2026-0042`,
      `»${text}« er ikke et sagsnummer; sagsnumre ser sådan ud: DSAR-2026-0042.`,
    );
  }
  return formatCaseId(Number(match[1]), Number(match[2]));
}

export function caseIdParts(id: CaseId): { year: number; sequence: number } {
  const match = CASE_ID.exec(id);
  if (!match) throw invalidInput(`"${id}" is not a case id`, `»${id}« er ikke et sagsnummer.`);
  return { year: Number(match[1]), sequence: Number(match[2]) };
}

/** Orders case ids by year, then sequence (string order breaks past 9999). */
export function compareCaseIds(a: CaseId, b: CaseId): number {
  const x = caseIdParts(a);
  const y = caseIdParts(b);
  return x.year - y.year || x.sequence - y.sequence;
}
