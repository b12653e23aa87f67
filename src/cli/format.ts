import {
  RIGHT_INFO,
  STATUS_LABEL,
  Temporal,
  LEGAL_TIME_ZONE,
  needsConfirmation,
  extensionBinds,
  type Actor,
  type Case,
  type CaseEvent,
  type ClockReading,
  type Person,
} from '../domain/index.js';
import { terminalSafe } from './terminal-text.js';

/** Human-readable output for the terminal (English; the DPO's Danish interface is the Teams bot). */

/** An instant as Copenhagen wall-clock time, the time the law counts in. */
export function localTime(instant: string): string {
  return Temporal.Instant.from(instant)
    .toZonedDateTimeISO(LEGAL_TIME_ZONE)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' })
    .replace('T', ' ');
}

export function person(p: Person): string {
  const main = p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? '');
  return [main, p.phone, p.address].filter(Boolean).join(', ') || '(unknown)';
}

const actor = (a: Actor) => a.name ?? a.id;

export function clockText(clock: ClockReading): string {
  if (!clock.running) return 'answered';
  if (clock.paused) return `paused (due ${clock.due} if resumed today)`;
  if (clock.overdue) return `OVERDUE by ${-clock.daysLeft} day${clock.daysLeft === -1 ? '' : 's'}`;
  if (clock.daysLeft === 0) return 'due TODAY';
  return `${clock.daysLeft} day${clock.daysLeft === 1 ? '' : 's'} left`;
}

function table(rows: string[][]): string {
  rows = rows.map((row) => row.map(terminalSafe));
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function caseList(items: { case: Case; clock: ClockReading }[]): string {
  const header = ['ID', 'STATUS', 'RIGHTS', 'REQUESTER', 'RECEIVED', 'DUE', 'CLOCK'];
  const rows = items.map(({ case: c, clock }) => [
    c.id,
    needsConfirmation(c) ? `${c.status} (confirm?)` : c.status,
    c.rights.join(','),
    c.requester.email ?? c.requester.phone ?? c.requester.name ?? '',
    clock.deadlines.receivedDate,
    clock.due + (extensionBinds({ deadlines: clock.deadlines, extension: c.extension }) ? ' (ext)' : c.extension ? ' (ext not told)' : ''),
    clockText(clock),
  ]);
  return table([header, ...rows]);
}

export function caseDetail(c: Case, clock: ClockReading, timeline: readonly CaseEvent[] = []): string {
  const lines: string[] = [];
  const field = (label: string, value: string) => lines.push(`  ${label.padEnd(14)}${value}`);
  lines.push(`${c.id} — ${STATUS_LABEL[c.status].en}`);
  if (needsConfirmation(c))
    lines.push(`  Possible request: confirm (dsar case start ${c.id}) or dismiss (dsar case dismiss ${c.id} --reason ...)`);
  field('Requester', person(c.requester));
  if (c.dataSubject) {
    const evidence = c.dataSubject.authorityEvidence ? `: ${c.dataSubject.authorityEvidence}` : '';
    field('Data subject', `${person(c.dataSubject)} (${c.dataSubject.authority.replace(/_/g, ' ')}${evidence})`);
  }
  field('Rights', c.rights.map((r) => `${r} (Art. ${RIGHT_INFO[r].article})`).join(', '));
  field('Received', `${localTime(c.receivedAt)} Copenhagen, by ${c.channel}; language ${c.language}`);
  const basis = c.receiptBasis;
  if (basis && basis.kind !== 'arrival')
    field(
      'Receipt basis',
      `${basis.kind.replace(/_/g, ' ')}${basis.note ? `: ${basis.note}` : ''}${basis.kind === 'corrected' ? '' : ` (correct with dsar case correct-receipt ${c.id})`}`,
    );
  if (c.intakeVerdict?.evidence.length) field('Intake', `${c.intakeVerdict.verdict}: ${c.intakeVerdict.evidence.join(' · ')}`);
  if (c.earlierCases?.length) field('Earlier cases', c.earlierCases.join(', '));
  field('Clock', clockText(clock));
  const d = clock.deadlines;
  const binds = extensionBinds({ deadlines: d, extension: c.extension });
  field('Due', `${d.due}${binds ? ' (superseded by the extension)' : ''}${d.pausedDays ? ` (includes ${d.pausedDays} paused days)` : ''}`);
  field(
    'Extended due',
    c.extension
      ? `${d.extendedDue} — extended ${c.extension.at.slice(0, 10)}: ${c.extension.reason}; ${
          c.extension.notifiedAt
            ? `notified ${c.extension.notifiedAt.slice(0, 10)}${binds ? '' : ', after the first deadline: it does not apply'}`
            : `NOT YET NOTIFIED (must be by ${d.extensionNoticeBy}; until then the first deadline holds)`
        }`
      : `${d.extendedDue} if extended (notice by ${d.extensionNoticeBy})`,
  );
  for (const p of c.pauses) field('Paused', `${p.from} → ${p.to ?? 'still waiting'} (${p.kind}: ${p.reason})`);
  const id = c.identity;
  field(
    'Identity',
    [id.status.replace(/_/g, ' '), id.method, id.by && `by ${actor(id.by)}`, id.at?.slice(0, 10)].filter(Boolean).join(', '),
  );
  if (c.assignee) field('Assignee', actor(c.assignee));
  if (c.decision) field('Decision', `${c.decision.kind}${c.decision.basis ? ` under ${c.decision.basis}` : ''}: ${c.decision.reason}`);
  if (c.respondedAt) field('Responded', localTime(c.respondedAt));
  if (c.outcome) field('Outcome', c.outcome);
  for (const l of c.letters)
    field('Letter', `${l.kind} sent ${l.sentAt.slice(0, 10)}${l.to ? ` to ${l.to}` : ''}${l.note ? ` — ${l.note}` : ''}`);
  if (c.closedAt) field('Closed', `${localTime(c.closedAt)}; record deleted after ${c.deleteAfter}`);

  const done = c.tasks.filter((t) => t.done).length;
  lines.push('', `Tasks (${done}/${c.tasks.length} done)`);
  for (const t of c.tasks) lines.push(`  [${t.done ? 'x' : ' '}] ${t.id.padEnd(32)} ${t.title.en}`);

  if (timeline.length) {
    lines.push('', 'Timeline');
    for (const e of timeline) lines.push(`  ${localTime(e.at)}  ${actor(e.actor).padEnd(12)} ${e.type.padEnd(16)} ${e.summary}`);
  }
  // Every line holds what people wrote (names, reasons, outcomes): no control character reaches the terminal.
  return lines.map(terminalSafe).join('\n');
}

/** The JSON summary `dsar cases --json` prints per case (a contract for scripts: only add fields). */
export function caseSummary(c: Case, clock: ClockReading) {
  return {
    id: c.id,
    status: c.status,
    rights: c.rights,
    requesterEmail: c.requester.email ?? null,
    requesterName: c.requester.name ?? null,
    channel: c.channel,
    receivedAt: c.receivedAt,
    receivedDate: clock.deadlines.receivedDate,
    due: clock.deadlines.due,
    extendedDue: clock.deadlines.extendedDue,
    extended: c.extension !== undefined,
    effectiveDue: clock.due,
    daysLeft: clock.running ? clock.daysLeft : null,
    overdue: clock.overdue,
    paused: clock.paused,
    assignee: c.assignee ? (c.assignee.name ?? c.assignee.id) : null,
    /** An uncertain intake case nobody has confirmed or dismissed yet. */
    needsConfirmation: needsConfirmation(c),
  };
}
