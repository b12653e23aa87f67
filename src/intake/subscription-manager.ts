import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../logging/logger.js';
import type { IntakeTable } from './intake-table.js';
import { isGraphNotFound } from '../graph/errors.js';
import { createSubscription, deleteSubscription, getSubscription, inboxMessages, renewSubscription } from '../graph/subscriptions.js';

/**
 * The Graph subscription on one watched mailbox's inbox (one manager per mailbox): created when missing,
 * renewed well before it expires, recreated when Graph removed it. Its id and expiry live in the intake
 * table under the mailbox's own name, so every app instance can tell which mailbox a notification is for,
 * and only the scheduler's lease holder renews.
 */

export interface SubscriptionSettings {
  /** The watched mailbox (userPrincipalName), e.g. dpa@itguy.dk. */
  mailbox: string;
  /** The app's public base URL; Graph posts to {publicUrl}/api/notifications. */
  publicUrl: string;
  clientState: string;
  /** How long a subscription is asked for. Outlook allows at most 10,080 minutes; we stay well below. */
  lifetimeMinutes?: number;
  /** Renew when less than this is left. */
  renewBeforeMinutes?: number;
  /** Names this app instance while it holds the mailbox's row (host:pid by default). */
  instance?: string;
}

/** The mailbox's row in the intake table (its subscription and delta link). Addresses hold no / \\ # ?, so they fit a row key. */
export const subscriptionName = (mailbox: string): string => `inbox:${mailbox}`;
/** Where the one subscription (always the DPO mailbox's) lived before intake watched several mailboxes. */
export const LEGACY_SUBSCRIPTION_NAME = 'dpo-inbox';
const DEFAULT_LIFETIME_MIN = 3 * 24 * 60;
const DEFAULT_RENEW_BEFORE_MIN = 24 * 60;

export class SubscriptionManager {
  private readonly lifetimeMs: number;
  private readonly renewBeforeMs: number;

  constructor(
    private readonly graph: Client,
    private readonly store: IntakeTable,
    readonly settings: SubscriptionSettings,
    private readonly logger: Logger,
  ) {
    this.lifetimeMs = (settings.lifetimeMinutes ?? DEFAULT_LIFETIME_MIN) * 60_000;
    this.renewBeforeMs = (settings.renewBeforeMinutes ?? DEFAULT_RENEW_BEFORE_MIN) * 60_000;
  }

  /** This mailbox's row name in the intake table. */
  get name(): string {
    return subscriptionName(this.settings.mailbox);
  }

  get mailbox(): string {
    return this.settings.mailbox;
  }

  /** Unchanged from the single-mailbox days, so an upgraded deployment recognises its subscription. */
  get fingerprint(): string {
    return createHash('sha256')
      .update(`${this.settings.mailbox}|${this.notificationUrl}|${this.settings.clientState}`)
      .digest('hex')
      .slice(0, 32);
  }

  get notificationUrl(): string {
    return `${this.settings.publicUrl}/api/notifications`;
  }

  get lifecycleUrl(): string {
    return `${this.settings.publicUrl}/api/notifications/lifecycle`;
  }

  /** The id notifications must carry, as stored (any instance may ask). */
  async currentId(): Promise<string | undefined> {
    return (await this.store.subscription(this.name)).subscriptionId;
  }

  /**
   * Makes sure a live subscription exists, made with the current settings, and has enough time left:
   * creates, renews or recreates it. Run at start-up (so a changed public URL or secret reaches Graph then)
   * and hourly; holding the mailbox's row, so two instances never both create. 'busy': another holds it.
   */
  ensure(now = new Date()): Promise<'created' | 'renewed' | 'ok' | 'busy'> {
    // The start-up check and the job's first run in one process share one pass.
    this.ensuring ??= this.ensureOnce(now).finally(() => (this.ensuring = undefined));
    return this.ensuring;
  }

  private ensuring?: Promise<'created' | 'renewed' | 'ok' | 'busy'> | undefined;

  private async ensureOnce(now: Date): Promise<'created' | 'renewed' | 'ok' | 'busy'> {
    const holder = this.settings.instance ?? `${hostname()}:${process.pid}`;
    if (!(await this.store.holdSubscription(this.name, holder, 2 * 60_000, now))) return 'busy';
    try {
      return await this.ensureHeld(now);
    } finally {
      await this.store.releaseSubscription(this.name, holder).catch(() => undefined);
    }
  }

  private async ensureHeld(now: Date): Promise<'created' | 'renewed' | 'ok'> {
    const state = await this.store.subscription(this.name);
    if (state.subscriptionId && state.fingerprint !== this.fingerprint) {
      // Made with another secret, URL or mailbox (a rotated clientState, a new host): replace it.
      this.logger.info(
        { mailbox: this.mailbox, subscriptionId: state.subscriptionId },
        'intake: settings changed; replacing the subscription',
      );
      await deleteSubscription(this.graph, state.subscriptionId).catch(() => undefined);
    } else if (state.subscriptionId) {
      const live = await getSubscription(this.graph, state.subscriptionId);
      if (live) {
        if (Date.parse(live.expirationDateTime) - now.getTime() > this.renewBeforeMs) return 'ok';
        await this.renew(live.id, now);
        return 'renewed';
      }
      this.logger.warn({ mailbox: this.mailbox, subscriptionId: state.subscriptionId }, 'intake: subscription is gone; creating a new one');
    }
    await this.create(now);
    return 'created';
  }

  /** After reauthorizationRequired: extend it (which also proves the app may still read the mailbox). */
  async renew(id: string, now = new Date()): Promise<void> {
    const expirationDateTime = new Date(now.getTime() + this.lifetimeMs).toISOString();
    try {
      const renewed = await renewSubscription(this.graph, id, expirationDateTime);
      await this.store.saveSubscription(this.name, { subscriptionId: renewed.id, expiresAt: renewed.expirationDateTime });
      this.logger.info(
        { mailbox: this.mailbox, subscriptionId: id, expiresAt: renewed.expirationDateTime },
        'intake: subscription renewed',
      );
    } catch (error) {
      if (!isGraphNotFound(error)) throw error;
      await this.create(now);
    }
  }

  /** After subscriptionRemoved, or when the stored one no longer exists. */
  async create(now = new Date()): Promise<void> {
    const created = await createSubscription(this.graph, {
      changeType: 'created',
      notificationUrl: this.notificationUrl,
      lifecycleNotificationUrl: this.lifecycleUrl,
      resource: inboxMessages(this.settings.mailbox),
      expirationDateTime: new Date(now.getTime() + this.lifetimeMs).toISOString(),
      clientState: this.settings.clientState,
    });
    await this.store.saveSubscription(this.name, {
      subscriptionId: created.id,
      expiresAt: created.expirationDateTime,
      fingerprint: this.fingerprint,
    });
    this.logger.info(
      { mailbox: this.mailbox, subscriptionId: created.id, expiresAt: created.expirationDateTime },
      'intake: subscription created',
    );
  }
}

/**
 * Before intake watched several mailboxes, its one subscription (and delta link) lived under
 * `sub|dpo-inbox`. The mailbox it was made for adopts the row, so an upgraded deployment keeps its
 * subscription and delta link instead of making a second subscription on dpa@ (made with other settings,
 * ensure() then replaces it as it always has). One for no watched mailbox is deleted, not left to leak.
 * Safe with two instances starting at once: the adopted row is only created, never overwritten.
 */
export async function adoptLegacySubscription(
  graph: Client,
  store: IntakeTable,
  managers: readonly SubscriptionManager[],
  logger: Logger,
): Promise<void> {
  const legacy = await store.subscription(LEGACY_SUBSCRIPTION_NAME);
  if (!legacy.subscriptionId && !legacy.deltaLink) return;
  // Whose it is: the fingerprint says so when nothing changed; otherwise Graph names what it watches.
  const watching = async (id: string) => {
    const resource = (await getSubscription(graph, id))?.resource?.toLowerCase();
    return managers.find((m) => resource === inboxMessages(m.mailbox).toLowerCase());
  };
  const heir =
    managers.find((m) => m.fingerprint === legacy.fingerprint) ??
    (legacy.subscriptionId ? await watching(legacy.subscriptionId) : undefined);
  const adopted = heir ? await store.createSubscription(heir.name, legacy) : false;
  if (adopted) logger.info({ mailbox: heir!.mailbox, subscriptionId: legacy.subscriptionId }, 'intake: adopted the existing subscription');
  else if (legacy.subscriptionId) {
    // No watched mailbox's, or the mailbox already has its own row: the old subscription would only leak.
    const current = heir ? (await store.subscription(heir.name)).subscriptionId : undefined;
    if (current !== legacy.subscriptionId) await deleteSubscription(graph, legacy.subscriptionId).catch(() => undefined);
  }
  await store.deleteSubscription(LEGACY_SUBSCRIPTION_NAME);
}
