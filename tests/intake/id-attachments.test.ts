import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IdAttachments } from '../../src/app/id-attachments.js';
import { classifyEml } from '../../src/classifier/index.js';
import { DomainError, idAttachmentTaskId, type Actor, type Case } from '../../src/domain/index.js';
import { graphMessageAttachments } from '../../src/graph/attachments.js';
import { fetchMessage } from '../../src/graph/mail.js';
import { FollowUps } from '../../src/intake/follow-up.js';
import { IntakeEvents } from '../../src/intake/intake-events.js';
import { IntakeTable, type QueuedMessage } from '../../src/intake/intake-table.js';
import { freePort } from '../../src/local/azurite.js';
import type { CaseTable } from '../../src/store/case-table.js';
import { startAppInstance, type AppInstance } from '../helpers/app-instance.js';
import { eml, emlWithAttachments, graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshCaseTable, storeEnv, uniquePrefix } from '../helpers/store.js';

/**
 * Identity without copies, end to end (issue 15 item 4): the real app (child process) on the dev tenant and
 * Azurite takes a follow-up carrying a passport on a case awaiting identity and gives it a task; the same
 * follow-up processed again (a redelivery, a second instance) adds none; removing it through the real Graph
 * client takes the file out of the mailbox, ticks the task and records it; Graph's 404 and 403 reach the DPO.
 */

const DPA = 'dpa@itguy.dk';
const DPO: Actor = { kind: 'user', id: '00000000-0000-4000-8000-0000000000d1', name: 'Mette Ravn' };
const passport = Buffer.from('%PDF-1.4\n(test bytes standing in for a passport scan)\n');
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x10, 0x20, 0x30]);

let t: TestTenant;
let readOnly: TestTenant;
let app: AppInstance;
let table: CaseTable;
const prefix = uniquePrefix();

beforeAll(async () => {
  [t, readOnly] = await Promise.all([startTestTenant(), startTestTenant({ app: { roles: ['Mail.Read'] } })]);
  table = await freshCaseTable(prefix);
  const port = await freePort();
  app = await startAppInstance(
    {
      ...storeEnv(prefix),
      ...graphEnv(t),
      DSAR_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DSAR_WEBHOOK_CLIENT_STATE: randomBytes(24).toString('base64url'),
    },
    port,
  );
  await waitFor(async () => ((await fetch(`${app.url}/readyz`)).status === 200 ? true : undefined), 15_000);
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await Promise.all([t?.close(), readOnly?.close()]);
});

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deliver = async (raw: string) => {
  const res = await t.dev(`/mailboxes/${DPA}/deliver`, { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: raw });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; immutableId: string; internetMessageId: string };
};
const attachmentNames = async (messageId: string) =>
  ((await t.graph.api(`/users/${DPA}/messages/${messageId}/attachments`).select('name').get()) as { value: { name: string }[] }).value.map(
    (a) => a.name,
  );
const attachmentTasks = (c: Case) => c.tasks.filter((task) => task.attachment);

/** A request from `who`, its case, started and paused for identity as the DPO would. */
async function caseAwaitingIdentity(who: string, address: string): Promise<Case> {
  const m = await deliver(
    eml({
      from: `${who} <${address}>`,
      to: DPA,
      subject: 'Indsigt i mine oplysninger',
      id: `req-${randomBytes(4).toString('hex')}`,
      body: `Hej\n\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen\n${who}`,
    }),
  );
  const opened = await waitFor(() => table.findBySource({ kind: 'internetMessageId', value: m.internetMessageId }));
  const cases = caseService(table);
  await cases.act(opened.id, { type: 'start' }, DPO);
  return cases.act(opened.id, { type: 'pause', kind: 'identity', reason: 'Adressen stemmer ikke med kundekartoteket' }, DPO);
}

const followUpWithId = (c: Case, from: string) =>
  emlWithAttachments({
    from,
    to: DPA,
    subject: `Re: ${c.id}`,
    id: `follow-${randomBytes(4).toString('hex')}`,
    body: `Hej, her er mit pas som I bad om, og et billede af min hund. Sag ${c.id}.`,
    attachments: [
      { name: 'pas.pdf', contentType: 'application/pdf', content: passport },
      { name: 'hund.jpg', contentType: 'image/jpeg', content: photo },
    ],
  });

describe.sequential('ID attachments on a request and its follow-ups', () => {
  let c: Case;
  let messageId: string;

  it('the app gives a follow-up carrying a passport on a case awaiting identity a task naming the file, and no other', async () => {
    c = await caseAwaitingIdentity('Gitte Gran', 'gitte.gran@example.com');
    const m = await deliver(followUpWithId(c, 'Gitte Gran <gitte.gran@example.com>'));
    messageId = m.immutableId;
    const updated = await waitFor(async () => {
      const now = await table.get(c.id);
      return now && attachmentTasks(now).length ? now : undefined;
    });
    const [task] = attachmentTasks(updated);
    expect(attachmentTasks(updated)).toHaveLength(1);
    expect(task!.title.da).toBe('Slet vedhæftningen »pas.pdf« efter kontrol (kopi af ID må ikke gemmes)');
    expect(task!.attachment).toMatchObject({ mailbox: DPA, messageId: m.immutableId, name: 'pas.pdf' });
    expect(task!.done).toBe(false);
    // The file is in the mailbox until the DPO removes it.
    expect(await attachmentNames(m.immutableId)).toEqual(['pas.pdf', 'hund.jpg']);
    // Nothing of the attachment's ids reaches the logs.
    expect(JSON.stringify(app.logs())).not.toContain(task!.attachment!.attachmentId);
  });

  it('an ID copy sent unasked, on a case in progress, gets its task too; a follow-up with only a photo gets none', async () => {
    const m0 = await deliver(
      eml({
        from: 'Holger Hjort <holger.hjort@example.com>',
        to: DPA,
        subject: 'Indsigt i mine oplysninger',
        id: `req-${randomBytes(4).toString('hex')}`,
        body: 'Hej\n\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen\nHolger Hjort',
      }),
    );
    const opened = await waitFor(() => table.findBySource({ kind: 'internetMessageId', value: m0.internetMessageId }));
    const started = await caseService(table).act(opened.id, { type: 'start' }, DPO);
    const followUp = (id: string, body: string, attachments: Parameters<typeof emlWithAttachments>[0]['attachments']) =>
      emlWithAttachments({ from: 'Holger Hjort <holger.hjort@example.com>', to: DPA, subject: `Re: ${started.id}`, id, body, attachments });
    await deliver(
      followUp(`photo-${randomBytes(4).toString('hex')}`, `Her er et billede af min hund. Sag ${started.id}.`, [
        { name: 'hund.jpg', contentType: 'image/jpeg', content: photo },
      ]),
    );
    await deliver(
      followUp(`unasked-${randomBytes(4).toString('hex')}`, `For en sikkerheds skyld: mit kørekort. Sag ${started.id}.`, [
        { name: 'koerekort.pdf', contentType: 'application/pdf', content: passport },
      ]),
    );
    const updated = await waitFor(async () => {
      const now = await table.get(started.id);
      return now && attachmentTasks(now).length ? now : undefined;
    });
    expect(updated.status).toBe('in_progress');
    expect(attachmentTasks(updated).map((task) => task.attachment!.name)).toEqual(['koerekort.pdf']);
  });

  it('a request that comes with a copy of an ID gets its task when its case opens', async () => {
    const m = await deliver(
      emlWithAttachments({
        from: 'Ida Isaksen <ida.isaksen@example.com>',
        to: DPA,
        subject: 'Indsigt i mine oplysninger',
        id: `req-id-${randomBytes(4).toString('hex')}`,
        body: 'Hej\n\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15. Mit pas er vedhæftet.\n\nVenlig hilsen\nIda Isaksen',
        attachments: [{ name: 'pas.pdf', contentType: 'application/pdf', content: passport }],
      }),
    );
    const opened = await waitFor(async () => {
      const found = await table.findBySource({ kind: 'internetMessageId', value: m.internetMessageId });
      return found && attachmentTasks(found).length ? found : undefined;
    });
    expect(attachmentTasks(opened).map((task) => task.attachment!.name)).toEqual(['pas.pdf']);
  });

  it('the same follow-up processed again, and by two instances at once, leaves one task and one event', async () => {
    const intake = new IntakeTable(
      TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}redelivery`, { allowInsecureConnection: true }),
    );
    await intake.init();
    const message = (await fetchMessage(t.graph, DPA, messageId))!;
    const mime = await (await t.raw(`/users/${DPA}/messages/${messageId}/$value`)).text();
    const verdict = await classifyEml(mime);
    const item: QueuedMessage = {
      key: `${DPA}|${messageId}`,
      mailbox: DPA,
      messageId,
      via: 'notification',
      queuedAt: new Date().toISOString(),
      attempts: 1,
      dueRow: 'due',
    };
    const instance = () => new FollowUps({ graph: t.graph, intake, cases: caseService(table), events: new IntakeEvents() });
    const current = (await table.get(c.id))!;
    const options = { newThread: false, check: () => undefined };
    await instance().add(current, message, item, verdict, options);
    await Promise.all([instance().add(current, message, item, verdict, options), instance().add(current, message, item, verdict, options)]);
    const after = (await table.get(c.id))!;
    expect(attachmentTasks(after)).toHaveLength(1);
    expect((await table.events(c.id)).filter((e) => e.type === 'task_added')).toHaveLength(1);
  });

  it('removing it through Graph takes the file out of the message, ticks the task and records who did it', async () => {
    const taskId = attachmentTasks((await table.get(c.id))!)[0]!.id;
    const removal = new IdAttachments({ cases: caseService(table), attachments: graphMessageAttachments(t.graph) });
    const { case: done, outcome } = await removal.remove(c.id, taskId, DPO);
    expect(outcome).toBe('removed');
    expect(await attachmentNames(messageId)).toEqual(['hund.jpg']);
    const mime = await (await t.raw(`/users/${DPA}/messages/${messageId}/$value`)).text();
    expect(mime).not.toContain(passport.toString('base64').slice(0, 24));
    expect(attachmentTasks(done)[0]).toMatchObject({ done: true, doneBy: DPO, attachment: { removal: 'removed' } });
    const event = (await table.events(c.id)).at(-1)!;
    expect(event.type).toBe('attachment_removed');
    expect(event.da).toBe('Vedhæftningen »pas.pdf« er slettet fra mailen af Mette Ravn; der er ikke gemt nogen kopi');
    // A second click finds the task done: refused, nothing more is removed.
    await expect(removal.remove(c.id, taskId, DPO)).rejects.toThrow(/already recorded as removed/);
    expect(await attachmentNames(messageId)).toEqual(['hund.jpg']);
  });

  it('an attachment someone already removed in Outlook is recorded as gone; the last one gone clears hasAttachments', async () => {
    const other = await caseAwaitingIdentity('Hans Hald', 'hans.hald@example.com');
    const m = await deliver(
      emlWithAttachments({
        from: 'Hans Hald <hans.hald@example.com>',
        to: DPA,
        subject: `Re: ${other.id} kørekort`,
        id: `follow-${randomBytes(4).toString('hex')}`,
        body: 'Hermed billede af mit kørekort.',
        attachments: [{ name: 'IMG_2041.jpg', contentType: 'image/jpeg', content: photo }],
      }),
    );
    const withTask = await waitFor(async () => {
      const now = await table.get(other.id);
      return now && attachmentTasks(now).length ? now : undefined;
    });
    const task = attachmentTasks(withTask)[0]!;
    await t.graph.api(`/users/${DPA}/messages/${m.immutableId}/attachments/${task.attachment!.attachmentId}`).delete();
    expect(
      ((await t.graph.api(`/users/${DPA}/messages/${m.immutableId}`).select('hasAttachments').get()) as { hasAttachments: boolean })
        .hasAttachments,
    ).toBe(false);
    const removal = new IdAttachments({ cases: caseService(table), attachments: graphMessageAttachments(t.graph) });
    const { case: done, outcome } = await removal.remove(other.id, task.id, DPO);
    expect(outcome).toBe('gone');
    expect(attachmentTasks(done)[0]).toMatchObject({ done: true, attachment: { removal: 'gone' } });
    expect((await table.events(other.id)).at(-1)!.da).toBe(
      'Vedhæftningen »IMG_2041.jpg« var allerede væk fra postkassen, da Mette Ravn ville slette den',
    );
  });

  it('Graph refusing (403, no Mail.ReadWrite) is a clear refusal in Danish and English, and the task stays open', async () => {
    const other = await caseAwaitingIdentity('Ida Isager', 'ida.isager@example.com');
    await deliver(followUpWithId(other, 'Ida Isager <ida.isager@example.com>'));
    const withTask = await waitFor(async () => {
      const now = await table.get(other.id);
      return now && attachmentTasks(now).length ? now : undefined;
    });
    const taskId = idAttachmentTaskId(attachmentTasks(withTask)[0]!.attachment!.attachmentId);
    const removal = new IdAttachments({ cases: caseService(table), attachments: graphMessageAttachments(readOnly.graph) });
    const error = (await removal.remove(other.id, taskId, DPO).catch((e: unknown) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toMatch(/Mail\.ReadWrite/);
    expect(error.text?.da).toMatch(/^Microsoft 365 afviste at slette vedhæftningen \(403\): appen mangler tilladelsen Mail\.ReadWrite/);
    expect(attachmentTasks((await table.get(other.id))!)[0]!.done).toBe(false);
  });
});
