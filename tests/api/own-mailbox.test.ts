import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MailboxLookupFailed, mailboxRelation, type OwnMailboxOptions } from '../../src/api/own-mailbox.js';

/**
 * The own-mailbox decision as pure logic over a directory (a map of address → object id): identity only,
 * the DPO mailbox rule, the cache's lifetime, bound and sharing, and failures that are never "allowed".
 */

const DPO_MAILBOX = 'dpa@itguy.dk';
const METTE = '22222222-2222-4222-8222-222222222222';
const SUPPORT = '33333333-3333-4333-8333-333333333333';

/** A directory the decision asks, counting the questions it gets; `down` makes it fail. */
function directory(users: Record<string, string>) {
  const state = { asked: 0, down: false, users: { ...users } };
  const lookup: OwnMailboxOptions['lookup'] = async (address) => {
    state.asked++;
    if (state.down) throw new Error('Graph is down');
    const id = state.users[address];
    return id ? { id } : undefined;
  };
  return { state, lookup };
}

function clock() {
  const c = { at: 1_000_000, now: () => c.at };
  return c;
}

describe('whose mailbox it is', () => {
  it('is decided by the directory user behind the address and the caller oid, case-insensitively', async () => {
    const { lookup } = directory({ 'mette@itguy.dk': METTE, 'support@itguy.dk': SUPPORT });
    const relation = mailboxRelation({ dpoMailbox: DPO_MAILBOX, lookup });
    expect(await relation(METTE, 'mette@itguy.dk')).toBe('own');
    expect(await relation(METTE.toUpperCase(), 'Mette@ITGuy.dk')).toBe('own');
    expect(await relation(METTE, 'support@itguy.dk')).toBe('someone-else');
    expect(await relation(SUPPORT, 'mette@itguy.dk')).toBe('someone-else');
    expect(await relation(METTE, 'nobody@itguy.dk')).toBe('unknown');
  });

  it('gives the DPO mailbox to every caller without asking the directory', async () => {
    const { state, lookup } = directory({});
    const relation = mailboxRelation({ dpoMailbox: 'DPA@itguy.dk', lookup });
    expect(await relation(METTE, 'dpa@ITGUY.dk')).toBe('dpo-mailbox');
    expect(await relation(SUPPORT, 'dpa@itguy.dk')).toBe('dpo-mailbox');
    expect(state.asked).toBe(0);
  });

  it('a lookup that fails is MailboxLookupFailed, never an answer, and is asked again next time', async () => {
    const { state, lookup } = directory({ 'mette@itguy.dk': METTE });
    const relation = mailboxRelation({ dpoMailbox: DPO_MAILBOX, lookup });
    state.down = true;
    await expect(relation(METTE, 'mette@itguy.dk')).rejects.toBeInstanceOf(MailboxLookupFailed);
    await expect(relation(METTE, 'mette@itguy.dk')).rejects.toBeInstanceOf(MailboxLookupFailed);
    state.down = false;
    expect(await relation(METTE, 'mette@itguy.dk')).toBe('own');
    expect(state.asked).toBe(3);
  });

  it('keeps an owner for the TTL and "no such mailbox" for a shorter time, then asks again', async () => {
    const c = clock();
    const { state, lookup } = directory({ 'mette@itguy.dk': METTE });
    const relation = mailboxRelation({ dpoMailbox: DPO_MAILBOX, lookup, ttlMs: 300_000, unknownTtlMs: 60_000, now: c.now });
    expect(await relation(METTE, 'mette@itguy.dk')).toBe('own');
    expect(await relation(METTE, 'new@itguy.dk')).toBe('unknown');
    expect(state.asked).toBe(2);

    // The mailbox is created and Mette's changes hands; within each TTL the old answers stand.
    state.users['new@itguy.dk'] = SUPPORT;
    state.users['mette@itguy.dk'] = SUPPORT;
    c.at += 59_000;
    expect(await relation(METTE, 'new@itguy.dk')).toBe('unknown');
    c.at += 2_000;
    expect(await relation(METTE, 'new@itguy.dk')).toBe('someone-else');
    expect(await relation(METTE, 'mette@itguy.dk')).toBe('own');
    c.at += 240_000;
    expect(await relation(METTE, 'mette@itguy.dk')).toBe('someone-else');
    expect(state.asked).toBe(4);
  });

  it('asks once for concurrent requests about one address', async () => {
    const { state, lookup } = directory({ 'mette@itguy.dk': METTE });
    const relation = mailboxRelation({ dpoMailbox: DPO_MAILBOX, lookup });
    const answers = await Promise.all(Array.from({ length: 20 }, () => relation(METTE, 'mette@itguy.dk')));
    expect(new Set(answers)).toEqual(new Set(['own']));
    expect(state.asked).toBe(1);
  });

  it('holds at most maxEntries addresses, dropping the oldest first', async () => {
    const users = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`u${i}@itguy.dk`, `id-${i}`]));
    const { state, lookup } = directory(users);
    const relation = mailboxRelation({ dpoMailbox: DPO_MAILBOX, lookup, maxEntries: 3 });
    for (let i = 0; i < 5; i++) await relation(METTE, `u${i}@itguy.dk`);
    expect(state.asked).toBe(5);
    for (const i of [2, 3, 4]) await relation(METTE, `u${i}@itguy.dk`);
    expect(state.asked).toBe(5);
    await relation(METTE, 'u0@itguy.dk');
    expect(state.asked).toBe(6);
  });

  it('property: "own" exactly when the directory says the address is the caller\'s; DPO mailbox always allowed', async () => {
    const guid = fc.uuid();
    const local = fc.stringMatching(/^[a-z0-9._+-]{1,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(local, guid), { minLength: 1, maxLength: 8, selector: ([l]) => l }),
        guid,
        local,
        fc.boolean(),
        async (entries, caller, asked, upper) => {
          const users = Object.fromEntries(entries.map(([l, id]) => [`${l}@itguy.dk`, id]));
          const { lookup } = directory(users);
          const relation = mailboxRelation({ dpoMailbox: DPO_MAILBOX, lookup, maxEntries: 4 });
          const mailbox = `${asked}@itguy.dk`;
          const expected =
            mailbox === DPO_MAILBOX
              ? 'dpo-mailbox'
              : users[mailbox] === undefined
                ? 'unknown'
                : users[mailbox] === caller
                  ? 'own'
                  : 'someone-else';
          expect(await relation(upper ? caller.toUpperCase() : caller, upper ? mailbox.toUpperCase() : mailbox)).toBe(expected);
          // The caller's own mailbox, named by its address, is theirs whatever else was asked before.
          const [ownLocal, ownId] = entries[0]!;
          if (`${ownLocal}@itguy.dk` !== DPO_MAILBOX) expect(await relation(ownId, `${ownLocal}@itguy.dk`)).toBe('own');
        },
      ),
      { numRuns: 300 },
    );
  });
});
