/** What /api/tab answers (src/tab/open-rows.ts, tab-service.ts, deadline-calendar.ts; domain report.ts). */

export interface OpenRow {
  id: string;
  status: string;
  rights: string[];
  requester: { name?: string; email?: string };
  dataSubject?: { name?: string };
  owner?: { id: string; name?: string };
  receivedAt: string;
  due: string;
  firstDue: string;
  daysLeft: number;
  running: boolean;
  overdue: boolean;
  paused: boolean;
  extended: boolean;
  needsConfirmation: boolean;
}

export interface OpenResult {
  rows: OpenRow[];
  total: number;
  open: number;
  asOf: string;
}

export interface CalendarEntry {
  date: string;
  id: string;
  name: string;
  kind: 'due' | 'first';
  extended: boolean;
  paused: boolean;
  overdue: boolean;
}

export interface DeadlineCalendar {
  from: string;
  to: string;
  asOf: string;
  months: { month: string; days: { date: string; entries: CalendarEntry[] }[] }[];
  overdueBefore: { id: string; name: string; due: string }[];
}

export interface Share {
  count: number;
  share: number | null;
}

export interface YearReport {
  report: {
    year: number;
    asOf: string;
    total: number;
    perRight: Record<string, number>;
    answered: number;
    medianDaysToAnswer: number | null;
    withinOneMonth: Share;
    withinThreeMonths: Share;
    onTime: Share;
    extensions: number;
    rejections: { total: number };
    dismissed: number;
    open: number;
    overdueOpen: number;
  };
  months: { month: string; total: number; perRight: Record<string, number> }[];
}

export interface CaseDetail {
  case: {
    id: string;
    status: string;
    rights: string[];
    requester: { name?: string; email?: string };
    dataSubject?: { name?: string; email?: string };
    owner?: { id: string; name?: string };
    receivedAt: string;
    tasks: { id: string; title: { da: string; en: string }; done: boolean }[];
    pauses: { kind: string; reason: string; from: string; to?: string }[];
    extension?: { reason: string; notifiedAt?: string };
    version: number;
  };
  clock: {
    due: string;
    firstDue: string;
    extendedDue: string;
    daysLeft: number;
    overdue: boolean;
    paused: boolean;
    extended: boolean;
    running: boolean;
  };
  next: string[];
  timeline: { at: string; type: string; summary: string; by: string }[];
  teamsUrl?: string;
}
