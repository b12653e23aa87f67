import type { Client } from '@microsoft/microsoft-graph-client';
import { isGraphNotFound } from './errors.js';
import { PREFER_IMMUTABLE_IDS } from './mail.js';

/** Change-notification subscriptions (/subscriptions): create, renew, read, delete. */

export interface GraphSubscription {
  id: string;
  expirationDateTime: string;
  /** What it watches, as created, e.g. users/dpa@itguy.dk/mailFolders('Inbox')/messages. */
  resource?: string;
}

export interface NewSubscription {
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  /** What to watch, e.g. inboxMessages(mailbox). */
  resource: string;
  expirationDateTime: string;
  clientState?: string;
}

/**
 * New messages in a mailbox's inbox as a subscription resource. It is a resource path in the request body,
 * not part of a URL, and Graph's own examples name the user unencoded (users/{id | userPrincipalName}/...).
 */
export const inboxMessages = (mailbox: string): string => `users/${mailbox}/mailFolders('Inbox')/messages`;

const subscriptionPath = (id: string) => `/subscriptions/${encodeURIComponent(id)}`;

/** Notifications then carry immutable message ids. */
export async function createSubscription(graph: Client, subscription: NewSubscription): Promise<GraphSubscription> {
  return (await graph.api('/subscriptions').header('Prefer', PREFER_IMMUTABLE_IDS).post(subscription)) as GraphSubscription;
}

export async function renewSubscription(graph: Client, id: string, expirationDateTime: string): Promise<GraphSubscription> {
  return (await graph.api(subscriptionPath(id)).patch({ expirationDateTime })) as GraphSubscription;
}

/** Undefined when Graph no longer has it (it removes subscriptions that expired or lost their access). */
export async function getSubscription(graph: Client, id: string): Promise<GraphSubscription | undefined> {
  try {
    return (await graph.api(subscriptionPath(id)).get()) as GraphSubscription;
  } catch (error) {
    if (isGraphNotFound(error)) return undefined;
    throw error;
  }
}

export async function deleteSubscription(graph: Client, id: string): Promise<void> {
  await graph.api(subscriptionPath(id)).delete();
}
