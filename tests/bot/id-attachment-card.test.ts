import { describe, expect, it } from 'vitest';
import { caseView } from '../../src/bot/cards/case-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { intentFromCard } from '../../src/bot/verbs.js';
import { idAttachmentTaskId, legalDate, readClock, type Case } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

/** The case card's "Slet vedhæftning": one button per ID copy still in the mailbox, never a tick. */

type Node = Record<string, unknown>;
const render = (c: Case, lang: 'da' | 'en' = 'da') =>
  renderCard('case', caseView(c, { lang, clock: readClock(c, legalDate('2026-03-10T10:00:00Z')), events: [] })) as unknown as Node;

function find(node: unknown, test: (n: Node) => boolean, found: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) find(n, test, found);
  else if (node && typeof node === 'object') {
    if (test(node as Node)) found.push(node as Node);
    for (const value of Object.values(node)) find(value, test, found);
  }
  return found;
}
const removeButtons = (card: Node) => find(card, (n) => n.type === 'Action.Execute' && n.verb === 'remove_attachment');
const topLevel = (card: Node) => (card.actions as Node[]).filter((a) => a.mode !== 'secondary');

const withAttachment = () =>
  run(
    openedCase(),
    ['2026-03-06T09:00:00Z', { type: 'start' }],
    ['2026-03-06T09:10:00Z', { type: 'pause', kind: 'identity', reason: 'Adressen stemmer ikke' }],
    [
      '2026-03-09T08:00:00Z',
      {
        type: 'add_id_attachment_tasks',
        mailbox: 'dpa@itguy.dk',
        messageId: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A',
        attachments: [{ id: 'AAMkAtt1=', name: 'pas.pdf' }],
      },
    ],
  );

describe('an ID attachment on the case card', () => {
  it('is the first task, naming the file, with a "Slet vedhæftning" button, not a tick, outside the 6 top-level actions', () => {
    const c = withAttachment();
    const card = render(c);
    const n = c.tasks.findIndex((t) => t.attachment) + 1;
    const [button] = removeButtons(card);
    expect(removeButtons(card)).toHaveLength(1);
    expect(button).toMatchObject({
      title: `Slet vedhæftning (opgave ${n})`,
      data: { caseId: c.id, task: idAttachmentTaskId('AAMkAtt1=') },
      fallback: { type: 'Action.Submit', data: { verb: 'remove_attachment', caseId: c.id, task: idAttachmentTaskId('AAMkAtt1=') } },
    });
    expect(JSON.stringify(card)).toContain(`☐ ${n}. Slet vedhæftningen »pas.pdf« efter kontrol (kopi af ID må ikke gemmes)`);
    // The task row itself is not a tick: ticking would not remove the copy.
    const ticks = find(
      card,
      (x) => x.type === 'Action.Execute' && x.verb === 'set_task' && (x.data as Node)?.task === idAttachmentTaskId('AAMkAtt1='),
    );
    expect(ticks).toEqual([]);
    expect(topLevel(card).length).toBeLessThanOrEqual(6);
    expect(JSON.stringify(card)).toContain('Når identiteten er kontrolleret: slet ID-kopien fra mailen.');
    expect(removeButtons(render(c, 'en'))[0]!.title).toBe(`Delete attachment (task ${n})`);
  });

  it('shows a hostile file name as plain text: no controls, no bidi override, no clickable link', () => {
    const c = run(withAttachment(), [
      '2026-03-09T08:30:00Z',
      {
        type: 'add_id_attachment_tasks',
        mailbox: 'dpa@itguy.dk',
        messageId: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A',
        attachments: [{ id: 'AAMkAtt2=', name: 'pas\u202Efdp.exe https://evil.example/x \u0007[klik](https://evil.example).pdf' }],
      },
    ]);
    const json = JSON.stringify(render(c));
    expect(json).toContain('Slet vedhæftningen »pas fdp.exe https:/\u200D/evil.example/x [klik](https:/\u200D/evil.example).pdf«');
    expect(json).not.toContain('\\u202e');
    expect(json).not.toMatch(/https:\/\/evil/);
  });

  it('goes once the attachment is recorded as removed', () => {
    const c = run(withAttachment(), [
      '2026-03-09T09:00:00Z',
      { type: 'record_attachment_removed', taskId: idAttachmentTaskId('AAMkAtt1='), outcome: 'removed' },
    ]);
    expect(removeButtons(render(c))).toEqual([]);
    const json = JSON.stringify(render(c));
    expect(json).not.toMatch(/☐ \d+\. Slet vedhæftningen/);
    expect(json).not.toContain('slet ID-kopien fra mailen');
  });

  it('a click becomes the remove_attachment intent, and short of its data asks for help', () => {
    expect(intentFromCard('remove_attachment', { caseId: 'DSAR-2026-0001', task: 'identity:delete_attachment:AAMkAtt1=' })).toEqual({
      kind: 'remove_attachment',
      caseId: 'DSAR-2026-0001',
      taskId: 'identity:delete_attachment:AAMkAtt1=',
    });
    expect(intentFromCard('remove_attachment', { caseId: 'DSAR-2026-0001' })).toEqual({ kind: 'help' });
  });
});
