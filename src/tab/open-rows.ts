import { z } from 'zod';
import type { OpenCaseLine } from '../app/ports.js';
import {
  CASE_STATUSES,
  RIGHTS,
  extensionBinds,
  needsConfirmation,
  type CaseStatus,
  type ClockReading,
  type Right,
} from '../domain/index.js';

/**
 * The tab's table of open cases: one row per open case, filtered, searched and sorted in memory. The rows
 * come from the open-case index (one line per case, no case reads), so a query costs one read of the index
 * and a pass over it: linear in the open cases, which a 20-person company counts in hundreds, not millions.
 */

export interface OpenRow {
  id: string;
  status: CaseStatus;
  rights: Right[];
  requester: { name?: string; email?: string };
  dataSubject?: { name?: string };
  owner?: { id: string; name?: string };
  receivedAt: string;
  /** The deadline that binds today (the extended one once the extension binds). */
  due: string;
  firstDue: string;
  daysLeft: number;
  /** False once answered or refused (awaiting closing): the deadline no longer binds. */
  running: boolean;
  overdue: boolean;
  paused: boolean;
  extended: boolean;
  needsConfirmation: boolean;
}

export function rowOf(line: OpenCaseLine, clock: ClockReading): OpenRow {
  return {
    id: line.id,
    status: line.status,
    rights: [...line.rights],
    requester: { ...line.requester },
    ...(line.dataSubject ? { dataSubject: { ...line.dataSubject } } : {}),
    ...(line.assignee ? { owner: { ...line.assignee } } : {}),
    receivedAt: line.receivedAt,
    due: clock.due,
    firstDue: clock.deadlines.due,
    daysLeft: clock.daysLeft,
    running: clock.running,
    overdue: clock.overdue,
    paused: clock.paused,
    extended: extensionBinds({ deadlines: clock.deadlines, extension: line.extension }),
    needsConfirmation: needsConfirmation(line),
  };
}

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');
const SORTS = ['due', 'received', 'id', 'status', 'owner', 'name'] as const;

/** The query string of GET /api/tab/cases; anything else is a 400 that says which parameter and why. */
export const openQuerySchema = z
  .object({
    status: z
      .string()
      .transform((v) => v.split(','))
      .pipe(z.array(z.enum(CASE_STATUSES, { error: `status must be one of ${CASE_STATUSES.join(', ')}` })).max(CASE_STATUSES.length))
      .optional(),
    right: z.enum(RIGHTS, { error: `right must be one of ${RIGHTS.join(', ')}` }).optional(),
    /** An owner's object id, `me`, or `none` for unassigned cases. */
    owner: z
      .string()
      .regex(/^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
        error: 'owner must be me, none or an object id',
      })
      .optional(),
    paused: flag.optional(),
    confirm: flag.optional(),
    overdue: flag.optional(),
    /** Cases with at most this many days left (negative: overdue by at least that many). */
    daysLeft: z.coerce
      .number({ error: 'daysLeft must be a whole number' })
      .int('daysLeft must be a whole number')
      .min(-3660)
      .max(3660)
      .optional(),
    q: z.string().max(200, 'q is at most 200 characters').optional(),
    sort: z.enum(SORTS, { error: `sort must be one of ${SORTS.join(', ')}` }).default('due'),
    dir: z.enum(['asc', 'desc'], { error: 'dir must be asc or desc' }).default('asc'),
    limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1).max(1000).default(200),
    offset: z.coerce.number({ error: 'offset must be a number' }).int('offset must be a whole number').min(0).max(1_000_000).default(0),
  })
  .strict();

export type OpenQuery = z.infer<typeof openQuerySchema>;

/** Lower-cased, accents folded (so "Moller" finds "Møller" only if typed so, but "jose" finds "José"). */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether every word of the search is in the case number, a name or an e-mail address of the row. */
export function matchesSearch(row: OpenRow, q: string): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = fold([row.id, row.requester.name, row.requester.email, row.dataSubject?.name].filter(Boolean).join(' '));
  return words.every((word) => haystack.includes(word));
}

const personName = (row: OpenRow) => row.dataSubject?.name ?? row.requester.name ?? row.requester.email ?? '';

function compare(sort: OpenQuery['sort'], a: OpenRow, b: OpenRow): number {
  switch (sort) {
    case 'due':
      // Answered cases waiting to be closed have no deadline that binds: after those that do.
      return Number(b.running) - Number(a.running) || a.due.localeCompare(b.due);
    case 'received':
      return a.receivedAt.localeCompare(b.receivedAt);
    case 'id':
      return a.id.localeCompare(b.id, 'en', { numeric: true });
    case 'status':
      return CASE_STATUSES.indexOf(a.status) - CASE_STATUSES.indexOf(b.status);
    case 'owner':
      return (a.owner?.name ?? '\uffff').localeCompare(b.owner?.name ?? '\uffff', 'da');
    case 'name':
      return personName(a).localeCompare(personName(b), 'da');
  }
}

export interface OpenResult {
  rows: OpenRow[];
  /** How many rows match, before limit and offset. */
  total: number;
  /** How many open cases there are at all. */
  open: number;
}

/** The rows that match `query`, sorted (ties by case number, so the order is stable), one page of them. */
export function queryRows(all: readonly OpenRow[], query: OpenQuery, callerOid: string): OpenResult {
  const owner = query.owner === 'me' ? callerOid.toLowerCase() : query.owner?.toLowerCase();
  const matching = all.filter(
    (row) =>
      (!query.status || query.status.includes(row.status)) &&
      (!query.right || row.rights.includes(query.right)) &&
      (owner === undefined || (owner === 'none' ? !row.owner : row.owner?.id.toLowerCase() === owner)) &&
      (query.paused === undefined || row.paused === query.paused) &&
      (query.confirm === undefined || row.needsConfirmation === query.confirm) &&
      (query.overdue === undefined || row.overdue === query.overdue) &&
      (query.daysLeft === undefined || (row.running && row.daysLeft <= query.daysLeft)) &&
      (!query.q || matchesSearch(row, query.q)),
  );
  const sign = query.dir === 'desc' ? -1 : 1;
  const sorted = matching.sort((a, b) => sign * compare(query.sort, a, b) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  return { rows: sorted.slice(query.offset, query.offset + query.limit), total: matching.length, open: all.length };
}
