import type { CaseService } from '../../src/app/case-service.js';
import type { Actor, Right } from '../../src/domain/index.js';

/**
 * A DPO's year in cases for the tab's browser test and bench: requests spread over the months before
 * `now`, some answered, refused, extended, paused, assigned, or uncertain (needing confirmation).
 */

const NAMES = [
  'Jens Møller',
  'Freja Lindholm',
  'Ole Kjærgaard',
  'Anna Hansen',
  'Mads Sørensen',
  'Ida Østergaard',
  'Karen Blixen',
  'Søren Holm',
  'Line Bæk',
  'Peter Ærø',
];
const RIGHT_SETS: Right[][] = [['access'], ['erasure'], ['access', 'erasure'], ['objection'], ['rectification'], ['portability']];

export async function seedTabCases(cases: CaseService, count: number, actor: Actor, now = new Date()): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`;
    const email = `${name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '.')}@example.com`;
    // Open ones from the last 40 days; every fourth from earlier in the year, answered.
    const answered = i % 4 === 3;
    const daysAgo = answered ? 45 + ((i * 23) % 250) : (i * 7) % 40;
    const receivedAt = new Date(now.getTime() - daysAgo * 86400_000).toISOString();
    const { case: c } = await cases.open(
      {
        receivedAt,
        channel: 'email',
        requester: { name, email },
        rights: RIGHT_SETS[i % RIGHT_SETS.length]!,
        language: 'da',
        ...(i % 5 === 1 ? { intakeVerdict: { verdict: 'uncertain' as const, evidence: ['maybe'] } } : {}),
      },
      actor,
    );
    ids.push(c.id);
    if (i % 5 === 1) continue;
    await cases.act(c.id, { type: 'start' }, actor);
    if (answered) {
      // An erasure refused because the bookkeeping law keeps the data (Art. 17(3)).
      if (RIGHT_SETS[i % RIGHT_SETS.length]![0] === 'erasure')
        await cases.act(
          c.id,
          { type: 'reject', basis: '17(3)', reason: 'Bogføringsloven kræver, at bilagene gemmes i 5 år', override: 'test data' },
          actor,
        );
      else await cases.act(c.id, { type: 'respond', override: 'test data' }, actor);
    } else if (i % 6 === 2) await cases.act(c.id, { type: 'pause', kind: 'identity', reason: 'Vi mangler at bekræfte identiteten' }, actor);
    else if (i % 6 === 3)
      await cases.act(
        c.id,
        { type: 'extend', reason: 'Mange systemer at søge i', notifiedAt: new Date(now.getTime() - 86400_000).toISOString() },
        actor,
      );
    else if (i % 3 === 0) await cases.act(c.id, { type: 'assign', assignee: actor }, actor);
  }
  return ids;
}
