import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DomainError,
  ITGUY_REGISTER,
  answerBlockers,
  applyCommand,
  attachmentLabel,
  idAttachmentTaskId,
  type Actor,
  type Case,
  type CaseCommand,
} from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

/** Identity without copies (issue 15 item 4): a task per ID attachment, done only by removing it. */

const MAILBOX = 'dpa@itguy.dk';
const MESSAGE = 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A';
const awaiting = (): Case =>
  run(
    openedCase(),
    ['2026-03-06T09:00:00Z', { type: 'start' }],
    ['2026-03-06T09:10:00Z', { type: 'pause', kind: 'identity', reason: 'Navn og adresse stemmer ikke' }],
  );
const add = (attachments: { id: string; name: string }[]): CaseCommand => ({
  type: 'add_id_attachment_tasks',
  mailbox: MAILBOX,
  messageId: MESSAGE,
  attachments,
});
const apply = (c: Case, command: CaseCommand, actor: Actor = DPO, now = '2026-03-09T10:00:00Z') =>
  applyCommand(c, command, { now, actor, retentionYears: 3 });
const SYSTEM: Actor = { kind: 'system', id: 'intake' };

describe('a follow-up with ID attachments', () => {
  it('gets a task per attachment naming the file, with where it is recorded on the task', () => {
    const { case: c, event } = apply(awaiting(), add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }]), SYSTEM);
    const task = c.tasks.find((t) => t.id === idAttachmentTaskId('AAMkAtt1='))!;
    expect(task.title).toEqual({
      da: 'Slet vedhæftningen »pas.pdf« efter kontrol (kopi af ID må ikke gemmes)',
      en: 'Delete the attachment "pas.pdf" after checking (a copy of an ID must not be kept)',
    });
    expect(task.attachment).toEqual({ mailbox: MAILBOX, messageId: MESSAGE, attachmentId: 'AAMkAtt1=', name: 'pas.pdf' });
    expect(task.done).toBe(false);
    expect(event.type).toBe('task_added');
    expect(event.da).toBe('Muligt ID-dokument modtaget (»pas.pdf«): slettes efter kontrol');
    // The trail carries no ids and no content: only the file name.
    expect(event.summary).not.toContain(MESSAGE);
  });

  it('adds nothing for attachments that have their task already (a redelivered follow-up)', () => {
    const once = apply(awaiting(), add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }])).case;
    expect(() => apply(once, add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }]))).toThrow(DomainError);
    const more = apply(
      once,
      add([
        { id: 'AAMkAtt1=', name: 'pas.pdf' },
        { id: 'AAMkAtt2=', name: 'kørekort.jpg' },
      ]),
    ).case;
    expect(more.tasks.filter((t) => t.attachment).map((t) => t.attachment!.name)).toEqual(['pas.pdf', 'kørekort.jpg']);
  });

  it('cuts a long or multi-line file name to one line of at most 120 characters', () => {
    const name = `pas\r\n${'x'.repeat(300)}.pdf`;
    const task = apply(awaiting(), add([{ id: 'AAMkAtt1=', name }])).case.tasks.at(-1)!;
    expect(Array.from(task.attachment!.name)).toHaveLength(120);
    expect(task.attachment!.name.endsWith('…')).toBe(true);
    expect(task.attachment!.name).not.toMatch(/[\r\n]/);
  });

  it('is ticked only by removing the attachment: set_task refuses, record_attachment_removed ticks and says by whom', () => {
    const withTask = apply(awaiting(), add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }])).case;
    const taskId = idAttachmentTaskId('AAMkAtt1=');
    expect(() => apply(withTask, { type: 'set_task', taskId, done: true })).toThrow(/removing the attachment/);
    const { case: done, event } = apply(withTask, { type: 'record_attachment_removed', taskId, outcome: 'removed' });
    const task = done.tasks.find((t) => t.id === taskId)!;
    expect(task).toMatchObject({ done: true, doneAt: '2026-03-09T10:00:00Z', doneBy: DPO });
    expect(task.attachment!.removal).toBe('removed');
    expect(event.type).toBe('attachment_removed');
    expect(event.da).toBe('Vedhæftningen »pas.pdf« er slettet fra mailen af Lasse; der er ikke gemt nogen kopi');
    expect(event.summary).toBe('Attachment "pas.pdf" removed from the e-mail by Lasse; no copy was kept');
    expect(() => apply(done, { type: 'record_attachment_removed', taskId, outcome: 'removed' })).toThrow(/already/);
  });

  it('records an attachment found gone as gone, not as removed by the product', () => {
    const withTask = apply(awaiting(), add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }])).case;
    const { case: done, event } = apply(withTask, {
      type: 'record_attachment_removed',
      taskId: idAttachmentTaskId('AAMkAtt1='),
      outcome: 'gone',
    });
    expect(done.tasks.at(-1)!.attachment!.removal).toBe('gone');
    expect(event.da).toBe('Vedhæftningen »pas.pdf« var allerede væk fra postkassen, da Lasse ville slette den');
  });

  it('refuses recording a removal for a task that is no attachment task', () => {
    expect(() => apply(awaiting(), { type: 'record_attachment_removed', taskId: 'identity', outcome: 'removed' })).toThrow(
      /no ID attachment task/,
    );
  });

  it('blocks answering and closing while the attachment is still there: an override with a reason goes through', () => {
    let c = apply(awaiting(), add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }])).case;
    c = run(c, ['2026-03-09T11:00:00Z', { type: 'resume', identityMethod: 'ringede tilbage til kendt nummer' }]);
    // Every other task done: only the attachment task stands in the way.
    for (const t of c.tasks.filter((t) => !t.done && !t.attachment && t.id !== 'answer'))
      c = run(c, ['2026-03-09T11:05:00Z', { type: 'set_task', taskId: t.id, done: true }]);
    const taskId = idAttachmentTaskId('AAMkAtt1=');
    expect(answerBlockers(c, 'respond')).toEqual([{ kind: 'open_tasks', taskIds: [taskId] }]);
    expect(answerBlockers(c, 'close')).toEqual([{ kind: 'open_tasks', taskIds: [taskId] }]);
    expect(() => apply(c, { type: 'respond' })).toThrow(/1 open task/);
    const { case: answered, event } = apply(c, { type: 'respond', override: 'Vedhæftningen slettes i Outlook i dag' });
    expect(answered.status).toBe('responded');
    expect(event.changes.override).toEqual({
      after: { reason: 'Vedhæftningen slettes i Outlook i dag', blockers: [`1 open task (${taskId})`] },
    });
    const removed = apply(c, { type: 'record_attachment_removed', taskId, outcome: 'removed' }).case;
    expect(answerBlockers(removed, 'respond')).toEqual([]);
  });

  it("keeps the attachment tasks when rights are added later (they are no right's tasks)", () => {
    const c = apply(awaiting(), add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }])).case;
    const more = applyCommand(
      run(c, ['2026-03-09T11:00:00Z', { type: 'resume' }]),
      { type: 'add_rights', rights: ['erasure'] },
      { now: '2026-03-09T12:00:00Z', actor: DPO, retentionYears: 3, register: ITGUY_REGISTER },
    ).case;
    expect(more.tasks.filter((t) => t.attachment)).toHaveLength(1);
  });

  it('records a removal whatever the status, as a copy must leave the mailbox after closure too', () => {
    let c = apply(awaiting(), add([{ id: 'AAMkAtt1=', name: 'pas.pdf' }])).case;
    c = run(
      c,
      ['2026-03-09T11:00:00Z', { type: 'resume' }],
      ['2026-03-09T11:10:00Z', { type: 'respond', override: 'Svar sendt; vedhæftning slettes bagefter' }],
      ['2026-03-09T11:20:00Z', { type: 'close', outcome: 'Besvaret', override: 'Vedhæftning slettes bagefter' }],
    );
    expect(c.status).toBe('closed');
    const done = apply(c, { type: 'record_attachment_removed', taskId: idAttachmentTaskId('AAMkAtt1='), outcome: 'removed' }).case;
    expect(done.tasks.find((t) => t.attachment)!.done).toBe(true);
  });
});

describe('property: one task per attachment, however often and in whatever batches a follow-up is processed', () => {
  it('holds for any sequence of deliveries', () => {
    const attachment = fc.record({ id: fc.constantFrom('A1=', 'A2=', 'A3=', 'A4='), name: fc.constantFrom('pas.pdf', 'id.png', 'x.jpg') });
    fc.assert(
      fc.property(fc.array(fc.array(attachment, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (deliveries) => {
        let c = awaiting();
        for (const batch of deliveries) {
          try {
            c = apply(c, add(batch)).case;
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
          }
        }
        const ids = c.tasks.filter((t) => t.attachment).map((t) => t.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set(deliveries.flat().map((a) => idAttachmentTaskId(a.id))));
      }),
      { numRuns: 200 },
    );
  });
});

describe('property: a file name from mail is one bounded line of plain characters', () => {
  it('holds for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (name) => {
        const label = attachmentLabel(name);
        expect(label.length).toBeGreaterThan(0);
        expect(Array.from(label).length).toBeLessThanOrEqual(120);
        // No half of a surrogate pair (with the u flag only lone surrogates match).
        expect(label).not.toMatch(/[\uD800-\uDFFF]/u);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: what must never be left.
        expect(label).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(label).toBe(label.trim());
      }),
      { numRuns: 500 },
    );
  });
});
