import { describe, expect, it } from 'vitest';
import { compareCaseIds, formatCaseId, parseCaseId, parseRefusalBasis, parseRights } from '../../src/domain/index.js';

describe('case ids', () => {
  it('are DSAR-<year>-<sequence padded to 4>, growing past 9999', () => {
    expect(formatCaseId(2026, 42)).toBe('DSAR-2026-0042');
    expect(formatCaseId(2026, 12345)).toBe('DSAR-2026-12345');
    expect(() => formatCaseId(2026, 0)).toThrow(RangeError);
  });

  it('are read the way people type them', () => {
    expect(parseCaseId('DSAR-2026-0042')).toBe('DSAR-2026-0042');
    expect(parseCaseId('dsar-2026-42')).toBe('DSAR-2026-0042');
    expect(parseCaseId(' DSAR 2026 0042 ')).toBe('DSAR-2026-0042');
    expect(() => parseCaseId('2026-0042')).toThrow(/not a case id/);
    expect(() => parseCaseId('DSAR-2026-0000')).toThrow(/not a case id/);
  });

  it('sort by year then number', () => {
    expect(['DSAR-2026-10000', 'DSAR-2026-0002', 'DSAR-2025-0900'].sort(compareCaseIds)).toEqual([
      'DSAR-2025-0900',
      'DSAR-2026-0002',
      'DSAR-2026-10000',
    ]);
  });
});

describe('rights and legal bases from the command line', () => {
  it('accept canonical ids, hyphens and Danish words, deduplicated in canonical order', () => {
    expect(parseRights('sletning, access,marketing-opt-out,indsigt')).toEqual(['access', 'erasure', 'marketing_opt_out']);
    expect(() => parseRights('access,fly')).toThrow(/unknown right "fly"/);
    expect(() => parseRights(' , ')).toThrow(/no rights given/);
  });

  it('accept refusal bases with or without "Art."', () => {
    expect(parseRefusalBasis('12(5)')).toBe('12(5)');
    expect(parseRefusalBasis('Art. 12(5)')).toBe('12(5)');
    expect(parseRefusalBasis('dbl §22')).toBe('DBL §22');
    expect(() => parseRefusalBasis('12(9)')).toThrow(/unknown legal basis/);
  });
});
