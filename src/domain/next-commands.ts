import type { Case } from './case.js';
import type { ClockReading } from './case-clock.js';
import { extensionBlocker, type CaseCommand } from './case-commands.js';
import { canTransition, isAwaitingAnswer, isOpen } from './lifecycle.js';

/** The commands a DPO is offered on a case; the bookkeeping ones (notes, letters, identifiers) are always there. */
export type NextCommand = Extract<
  CaseCommand['type'],
  'pause' | 'start' | 'resume' | 'respond' | 'extend' | 'assign' | 'set_task' | 'reject' | 'dismiss' | 'close'
>;

// Those that move the case come in the order of the lifecycle's statuses, so a list of them reads as the way forward.
const ORDER: readonly NextCommand[] = ['pause', 'start', 'resume', 'respond', 'extend', 'assign', 'set_task', 'reject', 'dismiss', 'close'];

/**
 * What the DPO may do next with `c` at the clock reading `clock`. applyCommand refuses the rest anyway;
 * this is what every adapter offers (buttons, "next:" hints), so none offers what would be refused.
 */
export function nextCommands(c: Case, clock: ClockReading): NextCommand[] {
  const open = isOpen(c.status);
  const offered: Record<NextCommand, boolean> = {
    pause: canTransition(c.status, 'awaiting_identity') && c.status !== 'awaiting_identity',
    start: c.status === 'received',
    resume: c.status === 'awaiting_identity',
    respond: c.status === 'in_progress',
    // Not extended, the effective deadline is the first one; after it, the law no longer allows extending.
    // Nor while a rectification or an opt-out it asks for is still to do (they are never extended).
    extend: isAwaitingAnswer(c.status) && !c.extension && clock.daysLeft >= 0 && !extensionBlocker(c),
    assign: open,
    set_task: open && c.tasks.some((t) => !t.done),
    reject: canTransition(c.status, 'rejected'),
    dismiss: canTransition(c.status, 'dismissed'),
    close: c.status === 'responded' || c.status === 'rejected',
  };
  return ORDER.filter((command) => offered[command]);
}
