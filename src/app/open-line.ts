import type { Case } from '../domain/index.js';
import type { OpenCaseLine } from './ports.js';

/** What a list line keeps of a case (the index row's `line`, and the pages cut without an index). */
export function lineOf(c: Case): OpenCaseLine {
  const { name, email, phone } = c.requester;
  return {
    id: c.id,
    status: c.status,
    version: c.version,
    receivedAt: c.receivedAt,
    pauses: c.pauses,
    ...(c.extension ? { extension: c.extension } : {}),
    rights: c.rights,
    requester: { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
    ...(c.dataSubject ? { dataSubject: c.dataSubject.name ? { name: c.dataSubject.name } : {} } : {}),
    ...(c.assignee ? { assignee: { id: c.assignee.id, ...(c.assignee.name ? { name: c.assignee.name } : {}) } } : {}),
    ...(c.intakeVerdict ? { intakeVerdict: { verdict: c.intakeVerdict.verdict } } : {}),
  };
}
