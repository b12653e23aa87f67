import { describe, expect, it } from 'vitest';
import { applyCommand, isProcessorCase, type Case, type CaseCommand } from '../../src/domain/index.js';
import { acknowledgementText } from '../../src/intake/acknowledgement.js';
import { DPO, openedCase } from '../helpers/cases.js';

const apply = (c: Case, command: CaseCommand, now = '2026-03-06T09:00:00Z') =>
  applyCommand(c, command, { now, actor: DPO, retentionYears: 3 });
const processorCase = () => openedCase({ controllerElsewhere: { name: 'kunde.dk', reason: "asks about the customer's mailbox" } });

describe('a request about data held as a processor for a customer', () => {
  it('gets the forwarding checklist instead of the controller tasks for the rights', () => {
    const c = processorCase();
    expect(isProcessorCase(c)).toBe(true);
    expect(c.tasks.map((t) => t.id)).toEqual(['processor:forward', 'processor:tell', 'processor:assist']);
    expect(c.tasks[0]!.title.da).toContain('kunde.dk');
  });

  it('records whom it was forwarded to and when, and ticks the forwarding task', () => {
    const { case: next, event } = apply(processorCase(), { type: 'record_forwarding', to: 'it@kunde.dk', at: '2026-03-06T08:00:00+01:00' });
    expect(next.controllerElsewhere).toMatchObject({ forwardedTo: 'it@kunde.dk', forwardedAt: '2026-03-06T07:00:00Z' });
    expect(next.tasks.find((t) => t.id === 'processor:forward')).toMatchObject({ done: true, doneBy: DPO });
    expect(event).toMatchObject({ type: 'forwarded_to_controller', actor: DPO });
  });

  it('refuses forwarding an ordinary case, a forwarding in the future and one before receipt', () => {
    expect(() => apply(openedCase(), { type: 'record_forwarding', to: 'it@kunde.dk' })).toThrow(/only a processor case/);
    expect(() => apply(processorCase(), { type: 'record_forwarding', to: 'it@kunde.dk', at: '2026-03-09T08:00:00+01:00' })).toThrow(
      /future/,
    );
    expect(() => apply(processorCase(), { type: 'record_forwarding', to: 'it@kunde.dk', at: '2026-03-01T08:00:00+01:00' })).toThrow(
      /before the request was received/,
    );
  });

  it('is acknowledged as what will happen: passed on to the customer, who answers', () => {
    const text = acknowledgementText(processorCase(), 'ITGuy ApS');
    expect(text).toContain('på vegne af din arbejdsgiver eller organisation, som er dataansvarlig');
    expect(text).toContain('Vi sender den videre');
    expect(text).not.toMatch(/senest den/);
  });
});
