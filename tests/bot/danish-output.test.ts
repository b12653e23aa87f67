import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseView } from '../../src/bot/cards/case-view.js';
import { hitsView } from '../../src/bot/cards/hits-view.js';
import { redactionsView } from '../../src/bot/cards/redactions-view.js';
import type { ItemRedactions } from '../../src/domain/redaction/item.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { evidenceText } from '../../src/bot/evidence-text.js';
import { classifyEml } from '../../src/classifier/index.js';
import {
  DomainError,
  applyCommand,
  errorText,
  letterFor,
  legalDate,
  parseCaseId,
  parseRights,
  readClock,
  ITGUY_REGISTER,
  type Case,
  type CaseCommand,
  type CaseEvent,
  type Hit,
} from '../../src/domain/index.js';
import { DPO, openedCase } from '../helpers/cases.js';

/**
 * Everything a Danish DPO reads on a card, in a timeline line or in an error is Danish (issue 15 item 6): no
 * English words, no ISO dates, no "1 dokumenter". Cards for a representative set of cases are rendered in
 * Danish and every visible string is checked; mail text the card quotes (evidence, snippets) is Danish here.
 */

const ENGLISH =
  /(?<![\p{L}\d])(the|from|case|cases|request|requests|cannot|can't|with|should|been|are|was|were|this|that|which|please|deadline|task|tasks|search|extended|answered|closed|opened|received|identity|subject|not|is|has|will|your|you|our|it|and|or|of|first|asks?|sent|reply|mail from|uncertain|wording|own data|behalf|cited|quoted|header|invitation|someone)(?![\p{L}\d])/u;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
/** Danish cites "artikel 15, stk. 4", not "art. 15(4)". */
const ENGLISH_CITATION = /(?<!\p{L})[Aa]rt\. ?\d|\b\d{1,2}\(\d\)/u;
const ONE_MANY =
  /(?<![\d.,])1 (dokumenter|emner|postkasser|opgaver|sager|dage|hverdage|filer|personer|rettigheder|anmodninger|påmindelser|mails|søgninger)\b/;
const MANY_ONE =
  /(?<![\d.,])(0|[2-9]|\d{2,}) (dokument|emne|postkasse|opgave|sag|dag|hverdag|fil|person|rettighed|anmodning|påmindelse|søgning)\b/;

/** What a reader sees, without what is not words: case ids, e-mail addresses, the system names. */
function words(text: string): string {
  return text
    .replace(/DSAR-\d{4}-\d{4}/g, '')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '')
    .replace(/\b(Microsoft 365|OneDrive|Outlook|Teams|Entra ID|GDPR|ITGuy|MitID|e-conomic|Spinup|Xink)\b/g, '');
}

function problems(text: string): string[] {
  const w = words(text);
  return [ENGLISH, ISO_DATE, ENGLISH_CITATION, ONE_MANY, MANY_ONE].flatMap((re) => {
    const m = re.exec(w);
    return m ? [`${m[0]} in «${text}»`] : [];
  });
}

/** Every string of a rendered card a person reads (not ids, verbs, data or input values). */
function visible(node: unknown, type = 'root', out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) visible(n, type, out);
  else if (node && typeof node === 'object') {
    const own = typeof (node as { type?: unknown }).type === 'string' ? (node as { type: string }).type : type;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data' || key === 'verb' || key === 'id' || key === 'url' || key === '$data') continue;
      const shown =
        key === 'text' ||
        key === 'title' ||
        key === 'label' ||
        key === 'placeholder' ||
        key === 'errorMessage' ||
        (key === 'value' && own === 'Fact');
      if (typeof value === 'string' && shown) out.push(value);
      else if (typeof value === 'object') visible(value, own, out);
    }
  }
  return out;
}

const ctx = (now: string) => ({ now, actor: DPO, retentionYears: 3, register: ITGUY_REGISTER });

/** Applies commands, keeping the events as the card's timeline gets them. */
function history(c: Case, steps: [string, CaseCommand][]): { c: Case; events: CaseEvent[] } {
  const events: CaseEvent[] = [];
  let current = c;
  for (const [now, command] of steps) {
    const result = applyCommand(current, command, ctx(now));
    current = result.case;
    events.push({ ...result.event, sequence: events.length + 2 });
  }
  return { c: current, events };
}

function caseCard(c: Case, events: readonly CaseEvent[], evidence?: string[]): string[] {
  const view = caseView(c, {
    lang: 'da',
    clock: readClock(c, legalDate('2026-03-20T10:00:00Z')),
    events,
    discovery: { available: true, state: 'done', hits: 1 },
    ...(evidence ? { evidence } : {}),
  });
  return visible(renderCard('case', view));
}

const representative = () =>
  history(
    openedCase({
      requester: { name: 'Advokat Katrine Winther', email: 'kw@winther.example.org' },
      dataSubject: { name: 'Freja Lindholm', authority: 'power_of_attorney' },
      rights: ['access', 'erasure'],
    }),
    [
      ['2026-03-06T09:00:00Z', { type: 'start' }],
      [
        '2026-03-06T09:05:00Z',
        {
          type: 'set_data_subject',
          dataSubject: { name: 'Freja Lindholm', email: 'freja@example.dk', customerNumber: 'K-2041', authority: 'power_of_attorney' },
        },
      ],
      ['2026-03-06T09:10:00Z', { type: 'record_authority', evidence: 'Fuldmagt af 1. marts 2026, underskrevet' }],
      [
        '2026-03-06T09:20:00Z',
        {
          type: 'record_search',
          search: { startedAt: '2026-03-06T09:15:00Z', identifiers: 3, mailboxes: 11, drives: 11, hits: 1, capped: 0 },
        },
      ],
      ['2026-03-06T09:30:00Z', { type: 'add_identifier', value: 'freja@gammel.example.net' }],
      ['2026-03-06T09:40:00Z', { type: 'extend', reason: 'Mange systemer skal gennemgås' }],
    ],
  );

describe('Danish cards and timelines', () => {
  it('a representative’s case card: the data subject, tasks, facts and every timeline line', () => {
    const { c, events } = representative();
    const shown = caseCard(c, events);
    expect(shown.join('\n')).toContain('Freja Lindholm');
    expect(shown.flatMap(problems)).toEqual([]);
  });

  it('a paused, resumed, assigned, noted and answered case', () => {
    const { c, events } = history(openedCase({ rights: ['access', 'portability', 'marketing_opt_out'] }), [
      ['2026-03-06T09:00:00Z', { type: 'start' }],
      ['2026-03-06T10:00:00Z', { type: 'pause', kind: 'identity', reason: 'Navn og adresse passer ikke' }],
      ['2026-03-09T10:00:00Z', { type: 'resume', identityMethod: 'MitID-underskrevet mail' }],
      ['2026-03-09T10:05:00Z', { type: 'assign', assignee: { kind: 'user', id: 'u1', name: 'Mette' } }],
      ['2026-03-09T10:10:00Z', { type: 'add_note', text: 'Ringede til personen' }],
      ['2026-03-09T10:15:00Z', { type: 'set_task', taskId: 'acknowledge', done: true }],
      ['2026-03-10T10:00:00Z', { type: 'respond', override: 'Delsvar aftalt med personen' }],
    ]);
    expect(events).toHaveLength(7);
    expect(caseCard(c, events.slice(-5)).flatMap(problems)).toEqual([]);
    expect(caseCard(c, events.slice(0, 5)).flatMap(problems)).toEqual([]);
  });

  it('a rejected and a dismissed case', () => {
    const rejected = history(openedCase(), [
      ['2026-03-06T09:00:00Z', { type: 'start' }],
      ['2026-03-06T09:05:00Z', { type: 'reject', basis: '11(2)', reason: 'Vi kan ikke identificere personen', override: 'tjekket' }],
    ]);
    expect(caseCard(rejected.c, rejected.events).flatMap(problems)).toEqual([]);
    const dismissed = history(openedCase(), [['2026-03-06T09:00:00Z', { type: 'dismiss', reason: 'Nyhedsbrev' }]]);
    expect(caseCard(dismissed.c, dismissed.events).flatMap(problems)).toEqual([]);
  });

  it('the hits card: dates written out, plurals right, the redaction box in Danish', () => {
    const { c } = representative();
    const hit = (n: number, include?: boolean): Hit => ({
      kind: n % 2 ? 'message' : 'file',
      source: 'enb@itguy.dk',
      id: `h${n}`,
      title: n % 2 ? 'SV: Dine private filer' : 'Offboarding Freja Lindholm.md',
      date: '2026-11-05T09:12:00Z',
      snippet: 'Hej Freja, mappen er slettet nu.',
      ...(include === undefined ? {} : { include, reviewedBy: 'Rasmus', ...(include ? {} : { reason: 'Intern note' }) }),
    });
    for (const hits of [[hit(1)], [hit(1, false), hit(2, true), hit(3)]]) {
      const shown = visible(renderCard('hits', hitsView(c, hits, { lang: 'da', page: 1, others: ['henrik@example.dk'] })));
      expect(shown.join('\n')).toContain('5. november 2026');
      expect(shown.flatMap(problems)).toEqual([]);
    }
  });

  it('the redaction card: every label Danish, the citation as Danish law writes it', () => {
    const { c } = representative();
    const items: ItemRedactions[] = [
      {
        hitKey: 'hit|1',
        title: 'SV: Tilbud',
        kind: 'message',
        unreadable: true,
        unreadableParts: ['scanning.pdf'],
        proposals: [
          {
            id: 'a',
            kind: 'email',
            value: 'x@y.example',
            person: 'email:x@y.example',
            start: 0,
            end: 1,
            reason: { da: 'En anden persons e-mailadresse', en: '' },
            decision: 'redact',
          },
          {
            id: 'b',
            kind: 'phone',
            value: '22 33 44 55',
            person: 'phone:22334455',
            start: 0,
            end: 1,
            reason: { da: 'En anden persons telefonnummer', en: '' },
            decision: 'keep',
            decidedBy: 'Rasmus',
          },
        ],
      },
    ];
    const shown = visible(renderCard('redactions', redactionsView(c, items, { lang: 'da', page: 1 })));
    expect(shown.join('\n')).toContain('artikel 15, stk. 4');
    expect(shown.flatMap(problems)).toEqual([]);
  });

  it('the classifier’s evidence on a Danish card, for every Danish fixture mail', async () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'classifier');
    const files = readdirSync(dir).filter((f) => /-da-/.test(f) && f.endsWith('.eml'));
    expect(files.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const file of files) {
      const verdict = await classifyEml(readFileSync(join(dir, file)));
      // The mail's own words are quoted; the labels around them must be Danish.
      for (const line of verdict.evidence) {
        const label = evidenceText(line, 'da').replace(/"[^"]*"|“[^”]*”|\([^)]*\)/g, '');
        found.push(...problems(label).map((p) => `${file}: ${p}`));
      }
    }
    expect(found).toEqual([]);
  });

  it('evidence lines translate their labels and keep the mail’s words', () => {
    expect(evidenceText('access: "hvad har I om mig"', 'da')).toBe('Indsigt: "hvad har I om mig"');
    expect(evidenceText('uncertain: the sender writes about their own data', 'da')).toBe(
      'usikker: afsenderen skriver om sine egne oplysninger',
    );
    expect(evidenceText('not a request (newsletter): sender news@x.example', 'da')).toBe(
      'ikke en anmodning (nyhedsbrev): afsender news@x.example',
    );
    expect(evidenceText('Art. 15(3) cited', 'da')).toBe('artikel 15, stk. 3 nævnt');
    expect(evidenceText('access: "what do you hold"', 'en')).toBe('access: "what do you hold"');
  });
});

describe('Danish errors', () => {
  const refusal = (make: () => unknown): DomainError => {
    try {
      make();
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  };
  const started = () => applyCommand(openedCase(), { type: 'start' }, ctx('2026-03-06T09:00:00Z')).case;
  const answered = () => applyCommand(started(), { type: 'respond', override: 'aftalt' }, ctx('2026-03-07T09:00:00Z')).case;
  const at =
    (c: Case, command: CaseCommand, now = '2026-03-10T09:00:00Z') =>
    () =>
      applyCommand(c, command, ctx(now));
  const facts = { register: ITGUY_REGISTER, date: '2026-03-10' };

  it.each<[string, () => unknown]>([
    ['a pause in the future', at(started(), { type: 'pause', kind: 'identity', reason: 'x', since: '2026-03-20' })],
    ['a pause before receipt', at(started(), { type: 'pause', kind: 'identity', reason: 'x', since: '2026-03-01' })],
    ['an unknown task', at(started(), { type: 'set_task', taskId: 'nope', done: true })],
    ['an unknown basis', at(started(), { type: 'reject', basis: '99(9)' as never, reason: 'x' })],
    ['extending an answered case', at(answered(), { type: 'extend', reason: 'x' })],
    [
      'a repeated identifier',
      at(applyCommand(started(), { type: 'add_identifier', value: 'K-1' }, ctx('2026-03-07T09:00:00Z')).case, {
        type: 'add_identifier',
        value: 'k-1',
      }),
    ],
    ['changing the data subject of an answered case', at(answered(), { type: 'set_data_subject', dataSubject: null })],
    ['removing a data subject there is not', at(started(), { type: 'set_data_subject', dataSubject: null })],
    ['a receipt in the future', at(started(), { type: 'correct_receipt', receivedAt: '2026-04-01T10:00+02:00', reason: 'x' })],
    ['rights already there', at(started(), { type: 'add_rights', rights: ['access'] })],
    [
      'a letter sent in the future',
      at(started(), { type: 'record_letter', letter: { kind: 'acknowledgement', sentAt: '2026-04-01T10:00+02:00' } }),
    ],
    ['a data subject with a bad e-mail', at(started(), { type: 'set_data_subject', dataSubject: { email: 'nope', authority: 'parent' } })],
    ['a case id', () => parseCaseId('sag 42')],
    ['a right', () => parseRights('ret til at blive glemt i morgen')],
    ['no rights', () => parseRights(' , ')],
    ['a date', at(started(), { type: 'correct_receipt', receivedAt: '5. marts', reason: 'x' })],
    ['an access letter without a search', () => letterFor(started(), 'access', 'da', facts)],
    ['a letter for a right not asked', () => letterFor(started(), 'erasure', 'da', facts)],
    ['a refusal letter without a refusal', () => letterFor(started(), 'refusal', 'da', facts)],
    ['an extension notice without an extension', () => letterFor(started(), 'extension_notice', 'da', facts)],
    ['a no-data letter when something was found', () => letterFor(started(), 'no_data', 'da', { ...facts, found: 1 })],
    ['a no-data letter before any search', () => letterFor(started(), 'no_data', 'da', facts)],
  ])('%s', (_what, make) => {
    const e = refusal(make);
    expect(e.text?.da, e.message).toBeDefined();
    const da = errorText(e, 'da');
    // The person's own input is quoted as typed; the sentence around it is Danish.
    expect(problems(da.replace(/»[^«]*«/g, ''))).toEqual([]);
  });
});
