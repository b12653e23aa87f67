import { GraphErrors } from '../errors.js';
import type { DevRequest } from '../http/kit.js';
import { decodeToken, encodeToken, intParam, linkTo } from './odata.js';

/**
 * The paging and filtering the Teams and Copilot export APIs share: $top, an opaque $skiptoken in
 * @odata.nextLink (the other query parameters, model and $filter, carry over), and $filter as a
 * date range on one property, `p gt|ge|lt|le {dateTime}` joined by `and`, optionally ORed equalities.
 */

export interface ExportFilter {
  test(entity: Record<string, unknown>): boolean;
}

const RANGE = /^(\w+)\s+(gt|ge|lt|le)\s+'?(\d{4}-\d{2}-\d{2}T[\d:.]+Z?)'?$/i;
const EQUALS = /^(\w+)\s+eq\s+'([^']*)'$/i;

export function exportFilter(req: DevRequest, rangeProperty: string, equalityProperties: readonly string[] = []): ExportFilter {
  const raw = req.query.get('$filter')?.trim();
  if (!raw) return { test: () => true };
  const tests: ((e: Record<string, unknown>) => boolean)[] = [];
  const equalities: { property: string; value: string }[] = [];
  for (const clause of raw.split(/\s+and\s+/i)) {
    const range = RANGE.exec(clause.trim());
    if (range) {
      const [, property, op, value] = range;
      if (property!.toLowerCase() !== rangeProperty.toLowerCase())
        throw GraphErrors.invalidFilter(`$filter supports only a date range on ${rangeProperty}.`);
      const bound = Date.parse(value!.endsWith('Z') ? value! : `${value}Z`);
      if (Number.isNaN(bound)) throw GraphErrors.invalidFilter(`'${value}' is not a dateTime.`);
      tests.push((e) => {
        const t = Date.parse(String(e[rangeProperty]));
        return op === 'gt' ? t > bound : op === 'ge' ? t >= bound : op === 'lt' ? t < bound : t <= bound;
      });
      continue;
    }
    const ors = clause
      .replace(/^\(|\)$/g, '')
      .split(/\s+or\s+/i)
      .map((c) => EQUALS.exec(c.trim()));
    if (ors.every((m) => m && equalityProperties.some((p) => p.toLowerCase() === m[1]!.toLowerCase()))) {
      for (const m of ors)
        equalities.push({ property: equalityProperties.find((p) => p.toLowerCase() === m![1]!.toLowerCase())!, value: m![2]! });
      const set = equalities.splice(0);
      tests.push((e) => set.some((q) => e[q.property] === q.value));
      continue;
    }
    throw GraphErrors.invalidFilter(
      `Unsupported $filter clause '${clause}': use ${rangeProperty} gt|ge|lt|le {dateTime}${equalityProperties.length ? ` or ${equalityProperties.join(', ')} eq '…'` : ''}.`,
    );
  }
  return { test: (e) => tests.every((t) => t(e)) };
}

/** One page of `all` and the nextLink to the rest. */
export function exportPage<T>(req: DevRequest, all: T[], options: { defaultTop: number; maxTop: number }) {
  const top = intParam(req, '$top', { min: 1, max: options.maxTop }) ?? options.defaultTop;
  const token = req.query.get('$skiptoken');
  const skip = token ? decodeToken<{ s: number }>(token, '$skiptoken').s : 0;
  if (!Number.isInteger(skip) || skip < 0) throw GraphErrors.invalidToken('$skiptoken');
  const page = all.slice(skip, skip + top);
  const nextLink = skip + top < all.length ? linkTo(req, { $skiptoken: encodeToken({ s: skip + top }) }) : undefined;
  return { page, nextLink };
}
