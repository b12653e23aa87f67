import { TableClient } from '@azure/data-tables';
import { ResponseType } from '@microsoft/microsoft-graph-client';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import type { IntakeEventMap } from '../../src/app/ports.js';
import { classifyMime } from '../../src/classifier/index.js';
import { UNKNOWN_SENDER, needsConfirmation, type Case } from '../../src/domain/index.js';
import { IntakeEvents } from '../../src/intake/intake-events.js';
import { notStalled } from '../../src/intake/intake.js';
import { IntakeProcessor } from '../../src/intake/intake-processor.js';
import { IntakeTable, messageKey } from '../../src/intake/intake-table.js';
import { createLogger } from '../../src/logging/logger.js';
import type { CaseTable } from '../../src/store/case-table.js';
import { eml, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Intake's processor on hostile and awkward mail, in process: the product's Graph client against the dev
 * tenant, cases and the queue in a real Azurite, every log line kept to be searched for addresses.
 */

let t: TestTenant;
let cases: CaseTable;
let service: CaseService;
let intake: IntakeTable;
let intakeClient: TableClient;
let processor: IntakeProcessor;
const events: {
  opened: IntakeEventMap['case_opened'][0][];
  followUps: IntakeEventMap['follow_up_received'][0][];
  stalled: IntakeEventMap['intake_stalled'][0][];
} = { opened: [], followUps: [], stalled: [] };
const logLines: string[] = [];
const MAILBOX = 'dpa@itguy.dk';

beforeAll(async () => {
  t = await startTestTenant();
  const prefix = uniquePrefix();
  cases = await freshCaseTable(prefix);
  service = caseService(cases);
  intakeClient = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}intake`, { allowInsecureConnection: true });
  intake = new IntakeTable(intakeClient);
  await intake.init();
  const emitter = new IntakeEvents();
  emitter.on('case_opened', (e) => events.opened.push(e));
  emitter.on('follow_up_received', (e) => events.followUps.push(e));
  emitter.on('intake_stalled', (e) => events.stalled.push(e));
  const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
  processor = new IntakeProcessor(
    { graph: t.graph, intake, cases: service, classify: classifyMime, events: emitter, logger },
    { signature: 'ITGuy ApS', retry: { delaysMs: [400, 400], maxAttempts: 3 } },
  );
}, 60_000);
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await faults({});
});

const faults = (body: unknown) =>
  t.dev('/faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Delivers raw mail to dpa@ and queues it as a notification would. */
async function deliver(raw: string | Buffer): Promise<{ immutableId: string; internetMessageId: string; receivedDateTime: string }> {
  const res = await t.dev(`/mailboxes/${MAILBOX}/deliver`, { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: raw });
  expect(res.status).toBe(201);
  const m = (await res.json()) as { immutableId: string; internetMessageId: string; receivedDateTime: string };
  await intake.enqueue([{ mailbox: MAILBOX, messageId: m.immutableId, via: 'notification' }], new Date());
  return m;
}

/** Drains until the message has an outcome (a done row), trying again as its back-off allows. */
async function processed(messageId: string, ms = 10_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    await processor.drain();
    const done = await intakeClient.getEntity<{ outcome: string }>('intake', `done|${messageKey(messageId)}`).catch(() => undefined);
    if (done) return done.outcome;
    if (Date.now() > until) throw new Error(`no outcome for the message after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const caseOf = async (outcome: string): Promise<Case> => {
  const id = /DSAR-\d{4}-\d{4,}/.exec(outcome)?.[0];
  expect(id, outcome).toBeDefined();
  return service.get(id as Case['id']);
};
const notesOf = async (c: Case) => (await cases.events(c.id)).filter((e) => e.type === 'note_added').map((e) => JSON.stringify(e));
const draftsFor = async (caseId: string) => {
  const drafts = (await t.graph.api(`/users/${MAILBOX}/mailFolders/drafts/messages`).select('body').top(500).get()) as {
    value: { body: { content: string } }[];
  };
  return drafts.value.filter((d) => d.body.content.includes(caseId));
};
const logsMention = (text: string) => logLines.filter((l) => l.toLowerCase().includes(text.toLowerCase()));

const REQUEST_BODY = 'Hej\n\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen';
const request = (from: string, extra: { id?: string; subject?: string; body?: string } = {}) =>
  eml({
    from,
    to: MAILBOX,
    subject: extra.subject ?? 'Indsigt i mine oplysninger',
    body: extra.body ?? REQUEST_BODY,
    ...(extra.id ? { id: extra.id } : {}),
  });

describe.sequential('awkward but ordinary mail opens its case', () => {
  it('a display name over 200 characters is cut to 200', async () => {
    const m = await deliver(request(`${'Anna '.repeat(80)}Hansen <anna.long@example.com>`));
    const c = await caseOf(await processed(m.immutableId));
    expect([...(c.requester.name ?? '')].length).toBeLessThanOrEqual(200);
    expect(c.requester.email).toBe('anna.long@example.com');
  });

  for (const [what, from, received] of [
    ['an RFC-valid quoted local part', '"zorro smith"@example.org', 'zorro smith'],
    ['a domain without a dot', 'Zorro <zorro@localhost>', 'zorro@localhost'],
  ] as const)
    it(`${what}: the case opens without an e-mail and notes the address as received`, async () => {
      const m = await deliver(request(from));
      const c = await caseOf(await processed(m.immutableId));
      expect(c.requester.email).toBeUndefined();
      const notes = await notesOf(c);
      expect(notes.some((n) => n.includes("reply to the sender's address as received") && n.includes(received))).toBe(true);
      expect(logsMention(received)).toEqual([]);
    });

  it('no From header at all: "unknown sender"', async () => {
    const raw = request('x').replace(/^From: x\r\n/, '');
    const m = await deliver(raw);
    const c = await caseOf(await processed(m.immutableId));
    expect(c.requester).toEqual({ name: UNKNOWN_SENDER });
  });

  it('a Message-ID over 998 characters is not a key; the Graph id still is, so it opens one case', async () => {
    const m = await deliver(request('Bo Berg <bo.long-id@example.net>', { id: `${'x'.repeat(1200)}` }));
    const c = await caseOf(await processed(m.immutableId));
    expect(c.sourceMessages).toEqual([{ graphId: m.immutableId, mailbox: MAILBOX }]);
    // Processed again (a duplicate after the done row expired, say): the Graph id finds the same case.
    await intakeClient.deleteEntity('intake', `done|${messageKey(m.immutableId)}`);
    await intake.enqueue([{ mailbox: MAILBOX, messageId: m.immutableId, via: 'delta' }], new Date());
    expect(await processed(m.immutableId)).toBe(`case ${c.id}`);
  });
});

describe.sequential('failures reach the DPO', () => {
  it('a message whose source keeps failing (Graph 500) is retried for ever, never a dead letter; the mailbox is reported stalled', async () => {
    const m = await deliver(request('Carl Clausen <carl.c@example.com>'));
    await faults({ rate500: 1, pathPattern: '\\$value$' });
    await processor.drain();
    const [row] = await intake.pending(10, new Date(Date.now() + 60_000));
    expect(row).toMatchObject({ messageId: m.immutableId, attempts: 1 });
    // In back-off: not due now.
    expect((await intake.pending(10)).map((p) => p.messageId)).not.toContain(m.immutableId);
    await notStalled(intake, MAILBOX);
    // Past maxAttempts (3 here): still queued, the DPOs told once, readiness failing.
    const until = Date.now() + 10_000;
    while (!events.stalled.length && Date.now() < until) {
      await processor.drain();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(events.stalled).toHaveLength(1);
    expect(events.stalled[0]).toMatchObject({ mailbox: MAILBOX });
    expect(events.stalled[0]!.waiting).toBeGreaterThanOrEqual(1);
    await expect(notStalled(intake, MAILBOX)).rejects.toThrow(/cannot read dpa@itguy.dk/);
    // More failures within the next hours tell nobody again.
    await new Promise((r) => setTimeout(r, 450));
    await processor.drain();
    expect(events.stalled).toHaveLength(1);
    expect(await intake.isDone(messageKey(m.immutableId))).toBe(false);
    // Graph answers again: the mail is read as it is (a case, not a dead letter), and the mailbox is well.
    await faults({});
    const outcome = await processed(m.immutableId);
    expect(outcome).toMatch(/^case DSAR-/);
    const c = await caseOf(outcome);
    expect(c.requester.email).toBe('carl.c@example.com');
    await notStalled(intake, MAILBOX);
    expect(logsMention('carl.c@example.com')).toEqual([]);
  });

  it('an id Graph refuses (one with "/") is a dead letter at once, not retried for ever', async () => {
    const id = 'AAMkAGI2/../../mailFolders/inbox';
    await intake.enqueue([{ mailbox: MAILBOX, messageId: id, via: 'notification' }], new Date());
    const outcome = await processed(id);
    expect(outcome).toMatch(/^dead letter DSAR-/);
    const c = await caseOf(outcome);
    expect(c.sourceMessages[0]).toMatchObject({ graphId: id, mailbox: MAILBOX });
    expect(c.requester).toEqual({ name: UNKNOWN_SENDER });
  });
});

describe.sequential('crashes, late failures, large mail, two instances', () => {
  it('a message whose attempts took the process down three times is a dead letter before it is handled again', async () => {
    const m = await deliver(request('Dora Dahl <dora.d@example.com>'));
    // Three instances claimed it and died (nothing ended the attempts): the claims simply ran out.
    for (let i = 0; i < 3; i++) {
      const [p] = (await intake.pending(50, new Date(Date.now() + 10))).filter((q) => q.messageId === m.immutableId);
      expect(await intake.claim(p!, `dead-${i}`, 1, new Date())).toBeDefined();
      await new Promise((r) => setTimeout(r, 10));
    }
    const outcome = await processed(m.immutableId);
    expect(outcome).toMatch(/^dead letter DSAR-/);
    const c = await caseOf(outcome);
    expect(needsConfirmation(c)).toBe(true);
    expect(c.intakeVerdict?.evidence[0]).toMatch(/stopped the app/);
    expect(events.opened.find((e) => e.caseId === c.id)).toMatchObject({ deadLetter: true });
    // Who sent it and when it arrived come from Graph's JSON (not the MIME that may be what crashes): the
    // clock runs from arrival, not from when the message was queued.
    expect(c.requester.email).toBe('dora.d@example.com');
    expect(Date.parse(c.receivedAt)).toBe(Date.parse(m.receivedDateTime));
  });

  it('a defect (a TypeError) is tried maxAttempts times, then a dead letter; the mailbox is not called stalled', async () => {
    const stalledBefore = events.stalled.length;
    const broken = new IntakeProcessor(
      {
        graph: t.graph,
        intake,
        cases: service,
        // What a parser bug looks like from intake: the same TypeError on every attempt.
        classify: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'address')");
        },
        events: new IntakeEvents(),
        logger: createLogger('silent'),
      },
      { signature: 'ITGuy ApS', retry: { delaysMs: [50], maxAttempts: 3 }, instance: 'broken' },
    );
    const m = await deliver(request('Gry Gram <gry.g@example.com>'));
    const until = Date.now() + 10_000;
    let done: { outcome: string; attempts?: number } | undefined;
    while (!done && Date.now() < until) {
      await broken.drain();
      done = await intakeClient.getEntity<{ outcome: string }>('intake', `done|${messageKey(m.immutableId)}`).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(done?.outcome).toMatch(/^dead letter DSAR-/);
    const c = await caseOf(done!.outcome);
    expect(c.intakeVerdict?.evidence[0]).toMatch(/could not be read automatically \(3 attempts\)/);
    expect(c.requester.email).toBe('gry.g@example.com');
    expect(events.stalled).toHaveLength(stalledBefore);
  });

  it('a permanent failure after its case exists (the mail deleted meanwhile) is a note on that case, not a dead letter', async () => {
    const m = await deliver(request('Ebbe Eng <ebbe.e@example.com>'));
    const c = await caseOf(await processed(m.immutableId));
    const announced = events.opened.filter((e) => e.caseId === c.id).length;
    // Deleted, and deleted again from Deleted Items: gone.
    for (let i = 0; i < 2; i++) await t.graph.api(`/users/${MAILBOX}/messages/${encodeURIComponent(m.immutableId)}`).delete();
    // A late redelivery after the done row went: Graph now answers 404 for it.
    await intakeClient.deleteEntity('intake', `done|${messageKey(m.immutableId)}`);
    await intake.enqueue([{ mailbox: MAILBOX, messageId: m.immutableId, via: 'delta' }], new Date());
    expect(await processed(m.immutableId)).toBe(`case ${c.id}`);
    expect(events.opened.filter((e) => e.caseId === c.id)).toHaveLength(announced);
    expect((await notesOf(c)).some((n) => n.includes('Intake could not finish'))).toBe(true);
  });

  it('a message over the MIME cap is read from its Graph body: a case, not a dead letter', async () => {
    const lines: string[] = [];
    const small = new IntakeProcessor(
      {
        graph: t.graph,
        intake,
        cases: service,
        classify: classifyMime,
        events: new IntakeEvents(),
        logger: createLogger('debug', { write: (line: string) => void lines.push(line) }),
      },
      { signature: 'ITGuy ApS', maxMimeBytes: 4096, instance: 'small' },
    );
    const m = await deliver(request('Finn Falk <finn.f@example.com>', { body: `${REQUEST_BODY}\n\n${'Bilag følger. '.repeat(600)}` }));
    const mime = (await t.graph
      .api(`/users/${MAILBOX}/messages/${m.immutableId}/$value`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer;
    expect(mime.byteLength).toBeGreaterThan(4096);
    await small.drain();
    const done = await intakeClient.getEntity<{ outcome: string }>('intake', `done|${messageKey(m.immutableId)}`);
    expect(done.outcome).toMatch(/^case DSAR-/);
    const c = await caseOf(done.outcome);
    expect(c.requester.email).toBe('finn.f@example.com');
    expect(needsConfirmation(c)).toBe(false);
    expect(lines.some((l) => l.includes('over the cap'))).toBe(true);
  });

  it('two instances and a slow Graph (longer than the claim): one draft and one note', async () => {
    const make = (instance: string) =>
      new IntakeProcessor(
        { graph: t.graph, intake, cases: service, classify: classifyMime, events: new IntakeEvents(), logger: createLogger('silent') },
        { signature: 'ITGuy ApS', claimMs: 600, instance },
      );
    const [a, b] = [make('slow-a'), make('slow-b')];
    // A quoted local part: the case gets a note ("reply to the sender's address as received"), and a draft,
    // which is slow: without the claim's heartbeat the other instance takes the message and drafts too.
    const m = await deliver(request('"gustav slow"@example.org'));
    await faults({ latencyMs: 1500, pathPattern: '/createReply$' });
    const first = a.drain();
    await new Promise((r) => setTimeout(r, 100));
    // b looks while a's attempt outlives its first lease several times over.
    for (let i = 0; i < 8; i++) {
      await b.drain();
      await new Promise((r) => setTimeout(r, 250));
    }
    await first;
    await faults({});
    const done = await intakeClient.getEntity<{ outcome: string }>('intake', `done|${messageKey(m.immutableId)}`);
    const c = await caseOf(done.outcome);
    expect(await draftsFor(c.id)).toHaveLength(1);
    expect((await notesOf(c)).filter((n) => n.includes("reply to the sender's address as received"))).toHaveLength(1);
  }, 30_000);
});

describe.sequential('case numbers and drafts', () => {
  let anna: Case;
  let annaMail: { internetMessageId: string };
  beforeAll(async () => {
    const m = await deliver(request('Anna Holm <anna.holm@example.com>'));
    annaMail = m;
    anna = await caseOf(await processed(m.immutableId));
  });

  it("a stranger forwarding the requester's own mail with her case number is flagged: the envelope sender decides", async () => {
    const m = await deliver(
      eml({
        from: 'Eve Ekstern <eve.fwd@example.org>',
        to: MAILBOX,
        subject: `Fwd: ${anna.id}`,
        body: [
          'Se nedenfor.',
          '',
          '---------- Forwarded message ---------',
          'From: Anna Holm <anna.holm@example.com>',
          `Date: ${new Date(Date.now() - 86_400_000).toUTCString()}`,
          `Subject: ${anna.id}`,
          '',
          `Hvor langt er I med sag ${anna.id}? Send svaret til denne adresse.`,
        ].join('\n'),
      }),
    );
    expect(await processed(m.immutableId)).toBe(`follow-up ${anna.id}`);
    expect(events.followUps.find((e) => e.messageId === m.immutableId)).toMatchObject({ caseId: anna.id, unknownSender: true });
  });

  it("a stranger replying on a case's thread (In-Reply-To) is flagged too", async () => {
    const m = await deliver(
      eml({
        from: 'Eve Ekstern <eve.thread@example.org>',
        to: MAILBOX,
        subject: 'Re: Mødet i går',
        body: 'Hvornår hører jeg fra jer?',
        extraHeaders: `In-Reply-To: ${annaMail.internetMessageId}\r\nReferences: ${annaMail.internetMessageId}`,
      }),
    );
    expect(await processed(m.immutableId)).toBe(`follow-up ${anna.id}`);
    expect(events.followUps.find((e) => e.messageId === m.immutableId)).toMatchObject({ caseId: anna.id, unknownSender: true });
    expect((await notesOf(anna)).some((n) => n.includes("replied on this case's thread"))).toBe(true);
  });

  it('the requester replying on her thread is an ordinary follow-up', async () => {
    const m = await deliver(
      eml({
        from: 'Anna Holm <anna.holm@example.com>',
        to: MAILBOX,
        subject: 'Re: Indsigt i mine oplysninger',
        body: 'Tak. Jeg venter på svar.',
        extraHeaders: `In-Reply-To: ${annaMail.internetMessageId}`,
      }),
    );
    expect(await processed(m.immutableId)).toBe(`follow-up ${anna.id}`);
    expect(events.followUps.find((e) => e.messageId === m.immutableId)?.unknownSender).toBeUndefined();
  });

  it('a case number quoted by someone else is a card flagged unknownSender and a note, not a silent follow-up', async () => {
    const m = await deliver(
      eml({ from: 'Eve Ekstern <eve@example.org>', to: MAILBOX, subject: `Re: ${anna.id}`, body: `Hvor langt er I med sag ${anna.id}?` }),
    );
    expect(await processed(m.immutableId)).toBe(`follow-up ${anna.id}`);
    expect(events.followUps.find((e) => e.messageId === m.immutableId)).toMatchObject({ caseId: anna.id, unknownSender: true });
    expect((await notesOf(anna)).some((n) => n.includes('someone else') && n.includes('quoted this case number'))).toBe(true);
  });

  it('the requester quoting their own case number is an ordinary follow-up', async () => {
    const m = await deliver(
      eml({
        from: 'Anna Holm <anna.holm@example.com>',
        to: MAILBOX,
        subject: `Re: ${anna.id}`,
        body: `Hvor langt er I med sag ${anna.id}?`,
      }),
    );
    expect(await processed(m.immutableId)).toBe(`follow-up ${anna.id}`);
    expect(events.followUps.find((e) => e.messageId === m.immutableId)?.unknownSender).toBeUndefined();
  });

  it('a request of its own that quotes someone else’s case number is its own case', async () => {
    const m = await deliver(request('Frank Frost <frank@example.org>', { body: `Jeg har set sag ${anna.id}. ${REQUEST_BODY}` }));
    const c = await caseOf(await processed(m.immutableId));
    expect(c.id).not.toBe(anna.id);
    expect(c.requester.email).toBe('frank@example.org');
  });

  it('a crash between the acknowledgement draft and its mark gives one draft, not two', async () => {
    const m = await deliver(request('Gitte Grøn <gitte@example.com>'));
    const c = await caseOf(await processed(m.immutableId));
    expect(await draftsFor(c.id)).toHaveLength(1);
    // The state that crash leaves: the draft made, its mark and the done row never written, still queued.
    await intakeClient.deleteEntity('intake', `mark|ack|${c.id}`);
    await intakeClient.deleteEntity('intake', `done|${messageKey(m.immutableId)}`);
    await intake.enqueue([{ mailbox: MAILBOX, messageId: m.immutableId, via: 'notification' }], new Date());
    expect(await processed(m.immutableId)).toBe(`case ${c.id}`);
    expect(await draftsFor(c.id)).toHaveLength(1);
    expect(await intake.marked(`ack|${c.id}`)).toBe(true);
  });
});

/** Raw MIME a hostile or broken sender could produce. */
const hostileMime = (): fc.Arbitrary<Buffer> => {
  const address = fc.constantFrom(
    'Per Poulsen <per.poulsen@example.com>',
    '"quoted local"@example.org',
    'nodot@localhost',
    `${'Navn '.repeat(60)}<long.name@example.com>`,
    '',
  );
  const body = fc.oneof(
    fc.constant(REQUEST_BODY),
    fc.string({ maxLength: 300 }),
    fc.constant('Hej\r\n\0\0Jeg vil have indsigt\0'),
    fc.constant(`${'x'.repeat(5000)}\r\n${REQUEST_BODY}`),
  );
  const encoding = fc.constantFrom(
    '',
    'Content-Transfer-Encoding: base64\r\n',
    'Content-Transfer-Encoding: quoted-printable\r\n',
    'Content-Type: text/plain; charset=x-unknown-charset\r\n',
  );
  const messageId = fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.constant('x'.repeat(1100)));
  const text = fc
    .record({ from: address, body, encoding, messageId })
    .map(({ from, body, encoding, messageId }) =>
      Buffer.from(
        [
          ...(from ? [`From: ${from}`] : []),
          `To: ${MAILBOX}`,
          'Subject: Indsigt',
          ...(messageId ? [`Message-ID: <${messageId}>`] : []),
          `Date: ${new Date().toUTCString()}`,
          `${encoding}`,
          body,
          '',
        ].join('\r\n'),
        'latin1',
      ),
    );
  // Random header mutations and bytes on top of a plausible mail.
  const mutated = fc.tuple(text, fc.uint8Array({ maxLength: 40 }), fc.nat()).map(([mail, junk, at]) => {
    const cut = at % (mail.length + 1);
    return Buffer.concat([mail.subarray(0, cut), Buffer.from(junk), mail.subarray(cut)]);
  });
  return fc.oneof(
    text,
    mutated,
    fc.uint8Array({ minLength: 1, maxLength: 400 }).map((b) => Buffer.from(b)),
  );
};

describe.sequential('hostile raw MIME', () => {
  it('the classifier never throws on it, and damaged mail is never not_request', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMime(), async (mime) => {
        const verdict = await classifyMime(mime);
        if (mime.includes(0)) expect(verdict.verdict).not.toBe('not_request');
      }),
      { numRuns: 150 },
    );
  });

  it('every message intake takes ends as a case, a follow-up or a set-aside record, and no log line holds its sender', async () => {
    const senders = ['per.poulsen@example.com', 'quoted local', 'nodot@localhost', 'long.name@example.com'];
    await fc.assert(
      fc.asyncProperty(hostileMime(), async (mime) => {
        const res = await t.dev(`/mailboxes/${MAILBOX}/deliver`, {
          method: 'POST',
          headers: { 'Content-Type': 'message/rfc822' },
          body: mime,
        });
        // The dev tenant refuses what Exchange would not take either (an empty message).
        if (res.status !== 201) return;
        const m = (await res.json()) as { immutableId: string };
        await intake.enqueue([{ mailbox: MAILBOX, messageId: m.immutableId, via: 'notification' }], new Date());
        const outcome = await processed(m.immutableId);
        expect(outcome).toMatch(/^(case|dead letter|follow-up) DSAR-\d{4}-\d+$|^set aside \(/);
        if (outcome.startsWith('set aside')) expect(await intake.setAsideRecord(messageKey(m.immutableId))).toBeDefined();
      }),
      { numRuns: 25 },
    );
    for (const sender of senders) expect(logsMention(sender)).toEqual([]);
  }, 120_000);
});
