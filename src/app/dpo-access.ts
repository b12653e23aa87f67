/**
 * Who may see and change cases: the configured DPO users, by Entra object id, or the members of a
 * configured Entra group. Everyone else is refused and learns nothing about cases, not even that some exist.
 */

/** Who the DPOs are (src/config: DSAR_DPO_USER_IDS, DSAR_DPO_GROUP_ID). */
export interface DpoConfig {
  userIds: readonly string[];
  groupId?: string;
}

/** Whether a user is a (transitive) member of a group; implemented with Graph in src/graph. */
export type GroupMembership = (userObjectId: string, groupId: string) => Promise<boolean>;

export interface DpoAccessOptions {
  /** How long a group answer is trusted; a removed member loses access within this time. */
  cacheMs?: number;
  now?: () => number;
}

export class DpoAccess {
  private readonly ids: ReadonlySet<string>;
  private readonly cache = new Map<string, { member: boolean; until: number }>();

  constructor(
    private readonly config: DpoConfig,
    private readonly membership?: GroupMembership,
    private readonly options: DpoAccessOptions = {},
  ) {
    this.ids = new Set(config.userIds.map((id) => id.toLowerCase()));
  }

  /** True when nobody at all could get in: worth a warning at start-up. */
  get isEmpty(): boolean {
    return this.ids.size === 0 && !this.config.groupId;
  }

  /** The configured user ids (for proactive messages to every DPO). */
  get userIds(): readonly string[] {
    return [...this.ids];
  }

  async isDpo(userObjectId: string | undefined): Promise<boolean> {
    if (!userObjectId) return false;
    const id = userObjectId.toLowerCase();
    if (this.ids.has(id)) return true;
    const groupId = this.config.groupId;
    if (!groupId || !this.membership) return false;
    const now = this.options.now?.() ?? Date.now();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached.member;
    // A failed lookup throws: the caller answers "try again" rather than treating the user as a stranger.
    const member = await this.membership(id, groupId);
    this.cache.set(id, { member, until: now + (this.options.cacheMs ?? 5 * 60_000) });
    return member;
  }
}
