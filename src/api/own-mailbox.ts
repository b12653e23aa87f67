/**
 * Whose mailbox is this? Decided by identity: the mailbox address is resolved to its Entra user through
 * Graph and that user's id compared with the token's `oid` (immutable). The token's sign-in names
 * (preferred_username, upn, unique_name) are mutable and absent from some tokens, so they decide nothing.
 * The DPO mailbox is every DPO's, as configured. Lookups are cached briefly per address.
 */

export type MailboxRelation =
  /** The configured DPO mailbox: readable by every DPO. */
  | 'dpo-mailbox'
  /** The caller's own: the mailbox's Entra user is the token's oid. */
  | 'own'
  /** Another user's or a shared mailbox: allowed only if Graph, asked as the caller, lets them read it. */
  | 'someone-else'
  /** No user in the tenant has this address. */
  | 'unknown';

/** The directory could not say whose the mailbox is (Graph down, throttled past its retries, refused). */
export class MailboxLookupFailed extends Error {
  constructor(cause: unknown) {
    super('The mailbox owner could not be looked up', { cause });
  }
}

export interface OwnMailboxOptions {
  dpoMailbox: string;
  /** The directory user behind an address (id = Entra object id), undefined when there is none. */
  lookup: (address: string) => Promise<{ id: string } | undefined>;
  /** How long a found owner is trusted; a mailbox rarely changes hands, but it can. */
  ttlMs?: number;
  /** How long "no such mailbox" is kept: short, so a new mailbox works soon after it is created. */
  unknownTtlMs?: number;
  /** Addresses kept at once; the oldest goes first. */
  maxEntries?: number;
  now?: () => number;
}

export const OWNER_TTL_MS = 5 * 60_000;
export const UNKNOWN_TTL_MS = 60_000;
export const MAX_CACHED_MAILBOXES = 1000;

export function mailboxRelation(options: OwnMailboxOptions): (callerOid: string, mailbox: string) => Promise<MailboxRelation> {
  const { lookup, now = Date.now } = options;
  const ttl = options.ttlMs ?? OWNER_TTL_MS;
  const unknownTtl = options.unknownTtlMs ?? UNKNOWN_TTL_MS;
  const max = Math.max(1, options.maxEntries ?? MAX_CACHED_MAILBOXES);
  const dpoMailbox = options.dpoMailbox.toLowerCase();
  // The promise is kept, so concurrent requests for one address make one Graph call; failures are not kept.
  const cache = new Map<string, { owner: Promise<string | undefined>; until: number }>();

  function ownerOf(address: string): Promise<string | undefined> {
    const at = now();
    const cached = cache.get(address);
    if (cached && cached.until > at) return cached.owner;
    cache.delete(address);
    while (cache.size >= max) cache.delete(cache.keys().next().value!);
    const entry = {
      owner: lookup(address).then(
        (user) => {
          entry.until = now() + (user ? ttl : unknownTtl);
          return user?.id.toLowerCase();
        },
        (error: unknown) => {
          if (cache.get(address) === entry) cache.delete(address);
          throw new MailboxLookupFailed(error);
        },
      ),
      // Until the answer comes, the entry is shared by whoever asks; it expires from the answer on.
      until: Number.POSITIVE_INFINITY,
    };
    cache.set(address, entry);
    return entry.owner;
  }

  return async (callerOid, mailbox) => {
    const address = mailbox.trim().toLowerCase();
    if (address === dpoMailbox) return 'dpo-mailbox';
    const owner = await ownerOf(address);
    if (owner === undefined) return 'unknown';
    return owner === callerOid.toLowerCase() ? 'own' : 'someone-else';
  };
}
