import { describe, expect, it } from 'vitest';
import { RIGHTS } from '../../src/domain/index.js';
import { freePort } from '../../src/local/azurite.js';
import { CaseTable } from '../../src/store/case-table.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { createTableClient } from '../../src/store/table-client.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, testTarget, uniquePrefix } from '../helpers/store.js';

/** Cases against a real Azurite table service. */

const NOW = '2026-11-23T12:00:00Z';
const at = (now: string) => () => now;

describe('opening cases', () => {
  it('stores the case, its open-index row and its first event; reads them back', async () => {
    const table = await freshCaseTable();
    const cases = caseService(table, at(NOW));
    const { case: c, created } = await cases.open(newCaseInput({ receivedAt: '2026-11-20T10:00+01:00' }), DPO);
    expect(created).toBe(true);
    expect(c.id).toBe('DSAR-2026-0001');
    expect(await table.get(c.id)).toEqual(c);
    expect((await table.listOpen()).map((x) => x.id)).toEqual([c.id]);
    const events = await table.events(c.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ caseId: c.id, sequence: 1, type: 'case_opened', actor: DPO });
  });

  it('numbers per year of receipt, without gaps', async () => {
    const cases = caseService(await freshCaseTable(), at(NOW));
    const ids = [];
    for (const receivedAt of ['2026-01-02T10:00Z', '2025-12-31T22:59Z', '2026-02-02T10:00Z', '2025-12-31T23:30Z', '2025-06-01T10:00Z']) {
      ids.push((await cases.open(newCaseInput({ receivedAt }), DPO)).case.id);
    }
    // 2025-12-31T23:30Z is already 2026 in Copenhagen.
    expect(ids).toEqual(['DSAR-2026-0001', 'DSAR-2025-0001', 'DSAR-2026-0002', 'DSAR-2026-0003', 'DSAR-2025-0002']);
  });

  it('is idempotent by source message: the same internetMessageId (with or without <>) or Graph id finds the first case', async () => {
    const table = await freshCaseTable();
    const cases = caseService(table, at(NOW));
    const first = await cases.open(
      newCaseInput({ sourceMessages: [{ internetMessageId: '<a1@mail.example.com>', graphId: 'AAMkAD/+x=' }] }),
      DPO,
    );
    const again = await cases.open(newCaseInput({ sourceMessages: [{ internetMessageId: 'a1@mail.example.com' }] }), DPO);
    const byGraphId = await cases.open(newCaseInput({ sourceMessages: [{ graphId: 'AAMkAD/+x=' }] }), DPO);
    expect(again).toEqual({ case: first.case, created: false });
    expect(byGraphId).toEqual({ case: first.case, created: false });
    expect(await table.listAll()).toHaveLength(1);
    expect(await cases.findBySource({ kind: 'internetMessageId', value: '<a1@mail.example.com>' })).toEqual(first.case);
    expect(await cases.findBySource({ kind: 'internetMessageId', value: 'other@mail.example.com' })).toBeUndefined();
  });

  it('gives 40 simultaneous writers on two separate clients 40 distinct, gap-free ids', async () => {
    const prefix = uniquePrefix();
    const a = caseService(await freshCaseTable(prefix), at(NOW));
    const b = caseService(await freshCaseTable(prefix), at(NOW));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).open(newCaseInput({ requester: { email: `p${i}@example.com` } }), DPO)),
    );
    const ids = results.map((r) => r.case.id).sort();
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => `DSAR-2026-${String(i + 1).padStart(4, '0')}`));
    expect(results.every((r) => r.created)).toBe(true);
  });

  it('opens exactly one case when the same message races in from two clients', async () => {
    const prefix = uniquePrefix();
    const a = caseService(await freshCaseTable(prefix), at(NOW));
    const b = caseService(await freshCaseTable(prefix), at(NOW));
    const message = newCaseInput({ sourceMessages: [{ internetMessageId: '<race@mail.example.com>' }] });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).open(message, DPO)));
    expect(new Set(results.map((r) => r.case.id))).toEqual(new Set(['DSAR-2026-0001']));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await (await freshCaseTable(prefix)).listAll()).toHaveLength(1);
  });

  it('numbers on without gaps when another instance moved the counter this one remembers', async () => {
    const prefix = uniquePrefix();
    const a = caseService(await freshCaseTable(prefix), at(NOW));
    const b = caseService(await freshCaseTable(prefix), at(NOW));
    const ids = [];
    for (const service of [a, a, b, a, b, b, a]) ids.push((await service.open(newCaseInput(), DPO)).case.id);
    expect(ids).toEqual(Array.from({ length: 7 }, (_, i) => `DSAR-2026-${String(i + 1).padStart(4, '0')}`));
  });

  it('finds the first case when the caller said it checked the sources but a case was made meanwhile', async () => {
    const prefix = uniquePrefix();
    const a = caseService(await freshCaseTable(prefix), at(NOW));
    const b = caseService(await freshCaseTable(prefix), at(NOW));
    const message = newCaseInput({ sourceMessages: [{ internetMessageId: '<checked@mail.example.com>', graphId: 'AAMkchecked' }] });
    const first = await a.open(message, DPO);
    // Both looked before the first case existed (two instances): the write conflicts, and the retry finds it.
    const late = await b.open(message, DPO, { sourcesChecked: true });
    expect(late).toEqual({ case: first.case, created: false });
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).open(newCaseInput({ sourceMessages: [{ graphId: 'AAMkrace2' }] }), DPO, { sourcesChecked: true }),
      ),
    );
    expect(new Set(racing.map((r) => r.case.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(await (await freshCaseTable(prefix)).listAll()).toHaveLength(2);
  });
});

describe('changing cases', () => {
  it('appends one event per change and never rewrites earlier events', async () => {
    const table = await freshCaseTable();
    const cases = caseService(table, at(NOW));
    const { case: c } = await cases.open(newCaseInput({ receivedAt: '2026-11-20T10:00+01:00' }), DPO);
    await cases.act(c.id, { type: 'start' }, DPO);
    const before = await table.events(c.id);
    await cases.act(c.id, { type: 'extend', reason: 'many systems' }, DPO);
    await cases.act(c.id, { type: 'set_task', taskId: 'acknowledge', done: true }, DPO);
    const after = await table.events(c.id);
    expect(after.map((e) => [e.sequence, e.type])).toEqual([
      [1, 'case_opened'],
      [2, 'started'],
      [3, 'extended'],
      [4, 'task_updated'],
    ]);
    expect(after.slice(0, 2)).toEqual(before);
    expect((await table.get(c.id))?.version).toBe(4);
  });

  it('applies concurrent changes one after another without losing any', async () => {
    const prefix = uniquePrefix();
    const a = caseService(await freshCaseTable(prefix), at(NOW));
    const b = caseService(await freshCaseTable(prefix), at(NOW));
    const { case: c } = await a.open(newCaseInput({ rights: ['erasure'] }), DPO);
    const taskIds = c.tasks.slice(0, 16).map((t) => t.id);
    await Promise.all(taskIds.map((taskId, i) => (i % 2 ? a : b).act(c.id, { type: 'set_task', taskId, done: true }, DPO)));
    const stored = await a.get(c.id);
    expect(
      stored.tasks
        .filter((t) => t.done)
        .map((t) => t.id)
        .sort(),
    ).toEqual([...taskIds].sort());
    expect(stored.version).toBe(17);
    expect((await a.timeline(c.id)).map((e) => e.sequence)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('lets exactly one of several simultaneous extensions win; the rest are refused by the rules', async () => {
    const prefix = uniquePrefix();
    const a = caseService(await freshCaseTable(prefix), at(NOW));
    const b = caseService(await freshCaseTable(prefix), at(NOW));
    const { case: c } = await a.open(newCaseInput({ receivedAt: '2026-11-20T10:00+01:00' }), DPO);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).act(c.id, { type: 'extend', reason: `reason ${i}` }, DPO)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(String(o.reason)).toMatch(/already extended/);
    expect((await a.timeline(c.id)).filter((e) => e.type === 'extended')).toHaveLength(1);
  });

  it('moves a case out of the open list when it closes, in the same write', async () => {
    const table = await freshCaseTable();
    const cases = caseService(table, at(NOW));
    const { case: one } = await cases.open(newCaseInput(), DPO);
    const { case: two } = await cases.open(newCaseInput({ requester: { email: 'bo@example.com' } }), DPO);
    await cases.act(one.id, { type: 'dismiss', reason: 'newsletter' }, DPO);
    expect((await table.listOpen()).map((c) => c.id)).toEqual([two.id]);
    expect((await table.listAll()).map((c) => [c.id, c.status])).toEqual([
      [one.id, 'dismissed'],
      [two.id, 'received'],
    ]);
  });

  it('leaves the case untouched when its event cannot be written (one transaction)', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix, {}, { maxAttempts: 2 });
    const cases = caseService(table, at(NOW));
    const { case: c } = await cases.open(newCaseInput(), DPO);
    // Occupy the row key the next event will need, as a crashed or rogue writer might.
    const raw = await createTableClient(testTarget(), `${prefix}cases`);
    await raw.createEntity({ partitionKey: 'dsar', rowKey: `evt|${c.id}|000002`, chunks: 0 });
    await expect(cases.act(c.id, { type: 'start' }, DPO)).rejects.toMatchObject({ statusCode: 409 });
    expect(await table.get(c.id)).toEqual(c);
    expect((await table.listOpen())[0]).toEqual(c);
  });

  it('refuses to change a case that does not exist', async () => {
    const cases = caseService(await freshCaseTable(), at(NOW));
    await expect(cases.act('DSAR-2026-0404', { type: 'start' }, DPO)).rejects.toThrow('there is no case DSAR-2026-0404');
    await expect(cases.get('DSAR-2026-0404')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('storage details', () => {
  it('lists open cases without reading closed ones', async () => {
    let entitiesReceived = 0;
    const counter = {
      name: 'count-entities',
      async sendRequest(request: { method: string; url: string }, next: (r: never) => Promise<{ bodyAsText?: string | null }>) {
        const response = await next(request as never);
        if (request.method === 'GET' && response.bodyAsText) entitiesReceived += (JSON.parse(response.bodyAsText).value ?? []).length;
        return response;
      },
    };
    const prefix = uniquePrefix();
    const cases = caseService(await freshCaseTable(prefix), at(NOW));
    const opened = [];
    for (let i = 0; i < 12; i++) opened.push((await cases.open(newCaseInput({ requester: { email: `p${i}@example.com` } }), DPO)).case);
    for (const c of opened.slice(0, 10)) await cases.act(c.id, { type: 'dismiss', reason: 'not a request' }, DPO);

    const observed = await freshCaseTable(prefix, { additionalPolicies: [{ policy: counter as never, position: 'perCall' }] });
    entitiesReceived = 0;
    const open = await observed.listOpen();
    expect(open.map((c) => c.id)).toEqual([opened[10]!.id, opened[11]!.id]);
    expect(entitiesReceived).toBe(2);
  });

  it('stores a case larger than one table property holds', async () => {
    const table = await freshCaseTable();
    const cases = caseService(table, at(NOW));
    const sourceMessages = Array.from({ length: 20 }, (_, i) => ({ internetMessageId: `<${'m'.repeat(900)}-${i}@mail.example.com>` }));
    const { case: c } = await cases.open(newCaseInput({ sourceMessages, rights: [...RIGHTS] }), DPO);
    expect(JSON.stringify(c).length).toBeGreaterThan(32_768); // more than one property (64 KiB of UTF-16) holds
    expect(await table.get(c.id)).toEqual(c);
    expect((await table.listOpen())[0]).toEqual(c);
  });

  it('says where it looked when nothing listens there', async () => {
    const port = await freePort();
    const target = { kind: 'azurite' as const, url: `http://127.0.0.1:${port}/devstoreaccount1` };
    const table = new CaseTable(await createTableClient(target, 'cases', { maxRetries: 0 }), `local Azurite at ${target.url}`);
    const failure = table.listOpen();
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failure).rejects.toThrow(
      `cannot reach the case store (local Azurite at http://127.0.0.1:${port}/devstoreaccount1): ECONNREFUSED`,
    );
  });
});
