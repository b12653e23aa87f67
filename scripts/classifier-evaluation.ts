import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classifyEml, toJson, type ClassificationJson, type Verdict, VERDICTS } from '../src/classifier/index.js';
import { errorText } from '../src/platform/error-text.js';

/**
 * Scores the classifier on a directory of .eml files with a labels.json beside them:
 *   { "file.eml": { "verdict", "acceptUncertain"?, "privacyRequest", "followUp", "caseRef", "rights",
 *                   "requester": { "email" }, "dataSubject"? } }
 * `verdict` is request | uncertain | not_request (when absent it follows privacyRequest); `acceptUncertain`
 * marks a request where `uncertain` is as good as `request` (both surface it to the DPO). Rights may use the
 * CLI's names (marketing_optout) or the domain's (marketing_opt_out); `requester` and `dataSubject` may be
 * given as plain strings. Used by `npm run eval:classifier` and the corpus test.
 *
 * The figures follow the law's asymmetry (a missed request breaks Art. 12(3), a false alarm costs a click):
 * surfacing every request matters most, then that a firm `request` verdict is right, then that not too many
 * non-requests are surfaced as uncertain.
 */

export interface Label {
  verdict: Verdict;
  acceptUncertain: boolean;
  privacyRequest: boolean;
  followUp: boolean;
  caseRef: string | null;
  rights: string[];
  requester: string | null;
  dataSubject: string | null | undefined;
}

export interface Outcome {
  file: string;
  expected: Label;
  got: ClassificationJson | { error: string };
  problems: string[];
}

export interface Figures {
  messages: number;
  requests: number;
  followUps: number;
  nonRequests: number;
  /** Of the mail that must reach the DPO (label request or uncertain), the share with verdict request or uncertain. */
  surfacedRecall: number;
  /** Of the `request` verdicts, the share that are requests. */
  requestPrecision: number;
  /** Of the non-requests, the share turned `uncertain` (each costs the DPO a click). */
  nonRequestsUncertain: number;
  /** Of the requests, the share given the firm `request` verdict (informational). */
  requestRecall: number;
  rightsExact: number;
  requesterCorrect: number;
  followUpRecall: number;
  caseRefCorrect: number;
  dataSubjectCorrect: number;
  seconds: number;
}

export const FLOORS: Partial<Record<keyof Figures, number>> = {
  surfacedRecall: 0.99,
  requestPrecision: 0.95,
  rightsExact: 0.85,
  requesterCorrect: 0.95,
  followUpRecall: 0.9,
};

/** Figures that must stay at or below a ceiling. */
export const CEILINGS: Partial<Record<keyof Figures, number>> = {
  nonRequestsUncertain: 0.25,
};

const normRight = (r: string) =>
  r
    .trim()
    .toLowerCase()
    .replace(/[-\s]/g, '_')
    .replace(/^marketing_opt_?out$/, 'marketing_optout');
const lower = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim().toLowerCase() : null);

export function normalizeLabel(raw: Record<string, unknown>): Label {
  const requester = raw.requester;
  const subject = raw.dataSubject;
  const privacyRequest = Boolean(raw.privacyRequest ?? raw.isRequest);
  const verdict = VERDICTS.includes(raw.verdict as Verdict)
    ? (raw.verdict as Verdict)
    : privacyRequest
      ? 'request'
      : raw.followUp
        ? 'uncertain'
        : 'not_request';
  return {
    verdict,
    acceptUncertain: raw.acceptUncertain === true,
    privacyRequest: verdict === 'request',
    followUp: Boolean(raw.followUp),
    caseRef: typeof raw.caseRef === 'string' ? raw.caseRef.toUpperCase() : null,
    rights: Array.isArray(raw.rights) ? [...new Set(raw.rights.map(String).map(normRight))].sort() : [],
    requester: typeof requester === 'string' ? lower(requester) : lower((requester as { email?: unknown } | null)?.email),
    dataSubject:
      subject === undefined
        ? undefined
        : subject === null
          ? null
          : typeof subject === 'string'
            ? subject
            : ((subject as { name?: string | null }).name ?? null),
  };
}

const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);

export async function evaluateDirectory(dir: string): Promise<{ figures: Figures; outcomes: Outcome[]; unlabelled: string[] }> {
  const labels = JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.eml')).sort();
  const unlabelled = files.filter((f) => !(f in labels));
  const started = performance.now();
  const outcomes: Outcome[] = [];
  for (const file of Object.keys(labels).sort()) {
    const expected = normalizeLabel(labels[file]!);
    let got: Outcome['got'];
    try {
      got = toJson(await classifyEml(await readFile(join(dir, file))));
    } catch (error) {
      got = { error: errorText(error) };
    }
    outcomes.push({ file, expected, got, problems: problemsOf(expected, got) });
  }
  const seconds = (performance.now() - started) / 1000;

  const ok = (o: Outcome): o is Outcome & { got: ClassificationJson } => !('error' in o.got);
  const surfaced = (o: Outcome) => ok(o) && o.got.verdict !== 'not_request';
  const labelledRequests = outcomes.filter((o) => o.expected.privacyRequest && !o.expected.followUp);
  const mustSurface = outcomes.filter((o) => o.expected.verdict !== 'not_request' && !o.expected.followUp);
  const nonRequests = outcomes.filter((o) => o.expected.verdict === 'not_request' && !o.expected.followUp);
  const predictedRequests = outcomes.filter((o) => ok(o) && o.got.verdict === 'request');
  const truePositives = labelledRequests.filter((o) => ok(o) && o.got.verdict === 'request');
  const surfacedRequests = labelledRequests.filter(surfaced);
  const labelledFollowUps = outcomes.filter((o) => o.expected.followUp);
  const people = outcomes.filter(
    (o) => (o.expected.verdict !== 'not_request' || o.expected.followUp) && o.expected.requester && (surfaced(o) || o.expected.followUp),
  );
  const withCaseRef = labelledFollowUps.filter((o) => o.expected.caseRef);
  const withSubject = surfacedRequests.filter((o) => o.expected.dataSubject !== undefined);
  const figures: Figures = {
    messages: outcomes.length,
    requests: labelledRequests.length,
    followUps: labelledFollowUps.length,
    nonRequests: nonRequests.length,
    surfacedRecall: ratio(mustSurface.filter(surfaced).length, mustSurface.length),
    requestPrecision: ratio(predictedRequests.filter((o) => o.expected.privacyRequest).length, predictedRequests.length),
    nonRequestsUncertain: ratio(nonRequests.filter((o) => ok(o) && o.got.verdict === 'uncertain').length, nonRequests.length),
    requestRecall: ratio(truePositives.length, labelledRequests.length),
    rightsExact: ratio(
      surfacedRequests.filter((o) => ok(o) && sameRights(o.expected.rights, o.got.rights)).length,
      surfacedRequests.length,
    ),
    requesterCorrect: ratio(people.filter((o) => ok(o) && lower(o.got.requester.email) === o.expected.requester).length, people.length),
    followUpRecall: ratio(labelledFollowUps.filter((o) => ok(o) && o.got.followUp).length, labelledFollowUps.length),
    caseRefCorrect: ratio(withCaseRef.filter((o) => ok(o) && o.got.caseRef === o.expected.caseRef).length, withCaseRef.length),
    dataSubjectCorrect: ratio(
      withSubject.filter((o) => ok(o) && sameSubject(o.expected.dataSubject, o.got.dataSubject?.name ?? null)).length,
      withSubject.length,
    ),
    seconds,
  };
  return { figures, outcomes, unlabelled };
}

const sameRights = (a: string[], b: string[]) => {
  const x = [...new Set(a.map(normRight))].sort();
  const y = [...new Set(b.map(normRight))].sort();
  return x.length === y.length && x.every((r, i) => r === y[i]);
};
const sameSubject = (expected: string | null | undefined, got: string | null) =>
  (expected ?? null) === null
    ? got === null
    : got !== null && got.toLowerCase().replace(/\s+/g, ' ') === expected!.toLowerCase().replace(/\s+/g, ' ');

/** The verdict counts as right when it is the label's, or `uncertain` on a request labelled acceptUncertain. */
export function verdictAccepted(e: Label, got: Verdict): boolean {
  return got === e.verdict || (e.acceptUncertain && e.verdict === 'request' && got === 'uncertain');
}

function problemsOf(e: Label, got: Outcome['got']): string[] {
  if ('error' in got) return [`error: ${got.error}`];
  const p: string[] = [];
  const surfacedOk = got.verdict !== 'not_request';
  if (!e.followUp && !verdictAccepted(e, got.verdict))
    p.push(`verdict: expected ${e.verdict}${e.acceptUncertain ? ' (or uncertain)' : ''}, got ${got.verdict}`);
  if (e.followUp !== got.followUp) p.push(`followUp: expected ${e.followUp}, got ${got.followUp}`);
  if (e.followUp && !e.caseRef && got.verdict === 'not_request') p.push('verdict: a follow-up without case number must surface');
  if (e.followUp && e.caseRef !== got.caseRef) p.push(`caseRef: expected ${e.caseRef}, got ${got.caseRef}`);
  if (e.privacyRequest && !e.followUp && surfacedOk && !sameRights(e.rights, got.rights))
    p.push(`rights: expected [${e.rights.join(', ')}], got [${got.rights.join(', ')}]`);
  if ((e.verdict !== 'not_request' || e.followUp) && e.requester && lower(got.requester.email) !== e.requester)
    p.push(`requester: expected ${e.requester}, got ${got.requester.email}`);
  if (e.privacyRequest && surfacedOk && e.dataSubject !== undefined && !sameSubject(e.dataSubject, got.dataSubject?.name ?? null))
    p.push(`dataSubject: expected ${e.dataSubject ?? 'null'}, got ${got.dataSubject?.name ?? 'null'}`);
  return p;
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

export function reportText(dir: string, result: Awaited<ReturnType<typeof evaluateDirectory>>): string {
  const { figures: f, outcomes, unlabelled } = result;
  const floor = (key: keyof Figures) => {
    const min = FLOORS[key];
    const max = CEILINGS[key];
    if (max !== undefined) return `   (ceiling ${pct(max)}: ${f[key] <= max ? 'ok' : 'ABOVE'})`;
    return min === undefined ? '' : `   (floor ${pct(min)}: ${f[key] >= min ? 'ok' : 'BELOW'})`;
  };
  const lines = [
    `Classifier evaluation: ${dir}`,
    `${f.messages} labelled messages: ${f.requests} requests, ${f.followUps} follow-ups, ${f.nonRequests} non-requests, ${f.messages - f.requests - f.followUps - f.nonRequests} uncertain by label; classified in ${f.seconds.toFixed(2)} s`,
    '',
    `requests surfaced     ${pct(f.surfacedRecall)}${floor('surfacedRecall')}`,
    `request precision     ${pct(f.requestPrecision)}${floor('requestPrecision')}`,
    `non-requests unsure   ${pct(f.nonRequestsUncertain)}${floor('nonRequestsUncertain')}`,
    `firm request verdicts ${pct(f.requestRecall)}`,
    `rights exact match    ${pct(f.rightsExact)}${floor('rightsExact')}`,
    `requester correct     ${pct(f.requesterCorrect)}${floor('requesterCorrect')}`,
    `follow-ups recognised ${pct(f.followUpRecall)}${floor('followUpRecall')}`,
    `case numbers correct  ${pct(f.caseRefCorrect)}`,
    `data subject correct  ${pct(f.dataSubjectCorrect)}`,
  ];
  const wrong = outcomes.filter((o) => o.problems.length);
  lines.push('', wrong.length ? `Misclassified (${wrong.length}):` : 'No misclassified messages.');
  for (const o of wrong) {
    lines.push(`  ${o.file}`);
    for (const p of o.problems) lines.push(`    ${p}`);
    if (!('error' in o.got) && o.got.evidence.length) lines.push(`    evidence: ${o.got.evidence.slice(0, 4).join(' | ')}`);
  }
  if (unlabelled.length) lines.push('', `Not in labels.json (not scored): ${unlabelled.join(', ')}`);
  return lines.join('\n');
}
