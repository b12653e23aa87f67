import { describe, expect, it } from 'vitest';
import type { SetAsideMail } from '../../src/app/ports.js';
import { caseView, earlierText } from '../../src/bot/cards/case-view.js';
import { followUpView } from '../../src/bot/cards/follow-up-view.js';
import { listView } from '../../src/bot/cards/list-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { SET_ASIDE_CAP, setAsideSummary, setAsideView } from '../../src/bot/cards/set-aside-view.js';
import type { Lang } from '../../src/bot/texts.js';
import { Temporal, readClock, type Case } from '../../src/domain/index.js';
import { openedCase } from '../helpers/cases.js';

/** Issue 18 on the DPO's cards: uncertain cases, where receipt comes from, earlier cases, follow-ups, what was set aside. */

const TODAY = Temporal.PlainDate.from('2026-12-04');
const WEEK = { period: 'week' as const, until: '2026-12-07T07:00:00.000Z' };
const caseCard = (c: Case, lang: Lang, extra: Partial<Parameters<typeof caseView>[1]> = {}) =>
  JSON.stringify(renderCard('case', caseView(c, { lang, clock: readClock(c, TODAY), events: [], ...extra })));

const uncertain = () =>
  openedCase(
    {
      receivedAt: '2026-12-02T10:15+01:00',
      intakeVerdict: { verdict: 'uncertain', evidence: ['hvad har I om mig', '[klik her](https://evil.example)'] },
    },
    '2026-12-02T10:20:00Z',
  );

describe('an uncertain case', () => {
  it('asks to be confirmed or dismissed, with the phrases behind it and both actions up front (Danish)', () => {
    const card = caseCard(uncertain(), 'da');
    expect(card).toContain('Mulig anmodning — bekræft eller afvis');
    expect(card).toContain('Derfor er jeg i tvivl');
    expect(card).toContain('hvad har I om mig');
    expect(card).not.toContain('https://evil');
    expect(card).toContain('"title":"Bekræft som anmodning","verb":"start"');
    for (const reason of ['Nyhedsbrev/automatisk', 'Ikke om personens egne data', 'Andet']) expect(card).toContain(reason);
    expect(card).toContain('"id":"dismissReason"');
    expect(card).toContain('"verb":"dismiss"');
    // Confirm and dismiss come first among the actions.
    const actions = JSON.parse(card).actions as { title: string }[];
    expect(actions.slice(0, 2).map((a) => a.title)).toEqual(['Bekræft som anmodning', 'Ikke en anmodning']);
  });

  it('in English', () => {
    const card = caseCard(uncertain(), 'en');
    expect(card).toContain('Possible request — confirm or dismiss');
    expect(card).toContain('Confirm as a request');
    expect(card).toContain('Newsletter/automated');
    expect(card).toContain('Not about the person’s own data');
  });

  it('is an ordinary case once confirmed, and a sure request never asks', () => {
    const sure = openedCase({ intakeVerdict: { verdict: 'request', evidence: ['indsigt'] } });
    const card = caseCard(sure, 'da');
    expect(card).not.toContain('Mulig anmodning');
    expect(card).toContain('Bekræft og start');
    expect(card).not.toContain('dismissReason');
    const started = { ...uncertain(), status: 'in_progress' as const };
    expect(caseCard(started, 'da')).not.toContain('Mulig anmodning');
  });

  it('is marked in the list', () => {
    const rows = [uncertain(), openedCase()].map((c) => ({ case: c, clock: readClock(c, TODAY) }));
    const da = JSON.stringify(renderCard('list', listView(rows, 'open', 1, 'da')));
    expect(da.match(/Skal bekræftes/g)).toHaveLength(1);
    expect(JSON.stringify(renderCard('list', listView(rows, 'open', 1, 'en')))).toContain('To confirm');
  });
});

describe('where the receipt date comes from', () => {
  const forwarded = () =>
    openedCase(
      { receivedAt: '2026-12-02T10:15+01:00', receiptBasis: { kind: 'forwarded_original', note: 'Date header' } },
      '2026-12-03T08:00:00Z',
    );

  it('says it and offers the correction (Danish and English)', () => {
    const da = caseCard(forwarded(), 'da');
    expect(da).toContain('"title":"Modtaget","value":"2.\u00A0december 2026 (fra den videresendte mails dato — ret hvis forkert)"');
    expect(da).toContain('"verb":"correct_receipt"');
    expect(da).toContain('"max":"2026-12-03"');
    const en = caseCard(forwarded(), 'en');
    expect(en).toContain('2 December 2026 (from the forwarded mail’s date — correct it if wrong)');
    expect(en).toContain('Correct the receipt date');
  });

  it('as the requester states it, or as corrected', () => {
    const stated = { ...forwarded(), receiptBasis: { kind: 'stated_by_requester' as const } };
    expect(caseCard(stated, 'da')).toContain('2.\u00A0december 2026 (som anmoderen oplyser — ret hvis forkert)');
    const corrected = { ...forwarded(), receiptBasis: { kind: 'corrected' as const, note: 'sendt 1. december' } };
    expect(caseCard(corrected, 'da')).toContain('(rettet: sendt 1. december)');
  });

  it('shows arrival as before, without a correction button', () => {
    const card = caseCard(openedCase(), 'da');
    expect(card).not.toContain('correct_receipt');
    expect(card).not.toContain('ret hvis forkert');
  });
});

describe('earlier cases of the same person', () => {
  it('count the requests in the 12 months before this one', () => {
    const earlier = { within: ['DSAR-2026-0004', 'DSAR-2026-0011'], older: [] };
    expect(earlierText('da', earlier)).toBe('3. anmodning på 12 måneder (DSAR-2026-0004, DSAR-2026-0011)');
    expect(earlierText('en', earlier)).toBe('3rd request in 12 months (DSAR-2026-0004, DSAR-2026-0011)');
    expect(earlierText('en', { within: ['DSAR-2026-0004'], older: [] })).toBe('2nd request in 12 months (DSAR-2026-0004)');
    expect(earlierText('da', { within: [], older: ['DSAR-2024-0002'] })).toBe('1. anmodning på 12 måneder (tidligere: DSAR-2024-0002)');
    expect(earlierText('da', { within: [], older: [] })).toBe('');
    const card = caseCard(openedCase(), 'da', { earlier });
    expect(card).toContain('"title":"Samme person","value":"3.\u00A0anmodning på 12 måneder (DSAR-2026-0004, DSAR-2026-0011)"');
  });
});

describe('the follow-up card', () => {
  it('names the case, a new thread and the rights it adds, with the action to add them', () => {
    const card = JSON.stringify(
      renderCard(
        'followUp',
        followUpView({ caseId: 'DSAR-2026-0042', possibleIdentityDocument: false, newThread: true, newRights: ['erasure'] }, 'da'),
      ),
    );
    expect(card).toContain('Ny henvendelse på DSAR-2026-0042');
    expect(card).toContain('Den kom i en ny tråd fra samme person.');
    expect(card).toContain('Personen beder nu også om: Sletning (artikel 17).');
    expect(card).toContain('"title":"Tilføj retten til sagen","verb":"add_rights","data":{"caseId":"DSAR-2026-0042","rights":"erasure"}');
    const en = JSON.stringify(
      renderCard(
        'followUp',
        followUpView({ caseId: 'DSAR-2026-0042', possibleIdentityDocument: true, newRights: ['erasure', 'objection'] }, 'en'),
      ),
    );
    expect(en).toContain('New message on DSAR-2026-0042');
    expect(en).toContain('Add the rights to the case');
    expect(en).toContain('"rights":"erasure,objection"');
    expect(en).not.toContain('new thread');
  });

  it('offers only rights the product knows', () => {
    const view = followUpView({ caseId: 'DSAR-2026-0042', possibleIdentityDocument: false, newRights: ['telepathy' as never] }, 'da');
    expect(view.rights).toBe('');
    expect(view.lines).toEqual([]);
  });

  it('without new rights has only the way to the case', () => {
    const card = renderCard('followUp', followUpView({ caseId: 'DSAR-2026-0042', possibleIdentityDocument: false }, 'da'));
    expect(JSON.stringify(card)).not.toContain('add_rights');
    expect(card.actions).toHaveLength(1);
  });
});

describe('the set-aside card', () => {
  const mail = (i: number, kind: string, extra: Partial<SetAsideMail> = {}): SetAsideMail => ({
    key: `k${i}`,
    mailbox: 'dpa@itguy.dk',
    messageId: `AAMk-${i}`,
    receivedAt: `2026-12-0${1 + (i % 4)}T09:${String(i % 60).padStart(2, '0')}:00Z`,
    from: { address: `news${i}@shop.example`, name: i % 2 ? 'Shop' : null },
    subject: `Tilbud ${i}`,
    kind,
    reason: 'List-Unsubscribe header',
    setAsideAt: '2026-12-04T10:00:00Z',
    ...extra,
  });
  const week = [
    ...Array.from({ length: 7 }, (_, i) => mail(i, 'newsletter')),
    ...Array.from({ length: 3 }, (_, i) => mail(10 + i, 'auto_reply')),
    ...Array.from({ length: 2 }, (_, i) => mail(20 + i, 'invoice')),
  ];

  it('sums the week up by kind (Danish and English)', () => {
    expect(setAsideSummary('da', week)).toBe('12 mails — 7 nyhedsbreve, 3 autosvar, 2 fakturaer');
    expect(setAsideSummary('en', week)).toBe('12 mails — 7 newsletters, 3 auto-replies, 2 invoices');
    expect(setAsideSummary('da', [mail(1, 'invoice')])).toBe('1 mail — 1 faktura');
    expect(setAsideSummary('da', [mail(1, 'something_new')])).toBe('1 mail — 1 anden mail');
    const card = JSON.stringify(renderCard('setAside', setAsideView(week, { lang: 'da', window: WEEK })));
    expect(card).toContain('Det har jeg lagt til side i denne uge: 12 mails — 7 nyhedsbreve, 3 autosvar, 2 fakturaer');
    const en = JSON.stringify(renderCard('setAside', setAsideView(week, { lang: 'en', window: { period: 'recent' } })));
    expect(en).toContain('This is what I set aside in the last 7 days: 12 mails');
    expect(en).toContain('"title":"Make it a case","verb":"open_set_aside","data":{"key":"k0","list":"recent"}');
  });

  it('lists each with date, sender, subject, kind and reason, and one click to a case', () => {
    const card = renderCard(
      'setAside',
      setAsideView([mail(1, 'newsletter', { caseId: 'DSAR-2026-0050' }), mail(2, 'invoice')], { lang: 'da', window: WEEK }),
    );
    const text = JSON.stringify(card);
    expect(text).toContain('2.\u00A0december 2026 · Shop <news1@shop.example> · nyhedsbrev');
    expect(text).toContain('3.\u00A0december 2026 · news2@shop.example · faktura');
    expect(text).toContain('Tilbud 2');
    expect(text).toContain('List-Unsubscribe header');
    expect(text).toContain('"title":"Opret sag","verb":"open_set_aside","data":{"key":"k2","list":"2026-12-07T07:00:00Z"}');
    // One already made a case opens it instead.
    expect(text).toContain('"title":"Sag DSAR-2026-0050","verb":"show"');
    expect(text).not.toContain('"key":"k1"');
  });

  it('links to Outlook on the web only, and keeps links in subjects dead', () => {
    const card = JSON.stringify(
      renderCard(
        'setAside',
        setAsideView(
          [
            mail(1, 'newsletter', {
              webLink: 'https://outlook.office365.com/owa/?ItemID=AAMk-1&exvsurl=1',
              subject: 'Se www.evil.example',
            }),
            mail(2, 'newsletter', { webLink: 'https://evil.example/owa' }),
          ],
          { lang: 'da', window: WEEK },
        ),
      ),
    );
    expect(card).toContain(
      '"type":"Action.OpenUrl","title":"Åbn i Outlook","url":"https://outlook.office365.com/owa/?ItemID=AAMk-1&exvsurl=1"',
    );
    expect(card).not.toContain('https://evil.example');
    expect(card).not.toContain('Se www.evil');
    expect(card.match(/Action\.OpenUrl/g)).toHaveLength(1);
  });

  it(`shows at most ${SET_ASIDE_CAP}, counts the rest, and stays under Teams' 28 KB`, () => {
    const many = Array.from({ length: 39 }, (_, i) =>
      mail(i, 'newsletter', { subject: 'x'.repeat(300), reason: 'y'.repeat(300), webLink: `https://outlook.office.com/mail/id/${i}` }),
    );
    const card = renderCard('setAside', setAsideView(many, { lang: 'da', window: WEEK }));
    const text = JSON.stringify(card);
    expect(text.match(/"type":"Action.Execute","title":"Opret sag"/g)).toHaveLength(SET_ASIDE_CAP);
    expect(text).toContain('og 14 flere — se `dsar intake ignored`');
    expect(Buffer.byteLength(text)).toBeLessThan(24_000);
  });
});
