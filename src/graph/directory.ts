import type { Client } from '@microsoft/microsoft-graph-client';
import type { GroupMembership } from '../app/dpo-access.js';
import { graphStatus, isGraphNotFound } from './errors.js';
import { Pages } from './pages.js';
import { userPath } from './paths.js';

/** The tenant's directory: its users, group membership, and a readiness check. */

/** The tenant's people, for "assign to a colleague" (User.Read.All; the app already has it for discovery). */
export interface DirectoryUser {
  id: string;
  name: string;
  email?: string;
}

interface GraphUser {
  id: string;
  displayName?: string;
  mail?: string;
  userPrincipalName?: string;
}

const USER_SELECT = ['id', 'displayName', 'mail', 'userPrincipalName'];

const directoryUser = (u: GraphUser): DirectoryUser => ({
  id: u.id,
  name: u.displayName ?? u.userPrincipalName ?? u.id,
  ...(u.mail ? { email: u.mail.toLowerCase() } : {}),
});

const byName = (a: DirectoryUser, b: DirectoryUser) => a.name.localeCompare(b.name, 'da');

/** Graph's cap on a typeahead's choices is the card's (Teams shows 15); more is never asked for. */
export const MAX_DIRECTORY_MATCHES = 15;

/**
 * Up to `top` users whose display name or mail has words starting with those typed ("mette r" finds Mette
 * Ravn), through the directory's `$search` (an advanced query: ConsistencyLevel: eventual; tokenized,
 * case-insensitive; learn.microsoft.com/graph/search-query-parameter#using-search-on-directory-object-collections).
 * Quotes and backslashes cannot be searched for, so they are left out; nothing to search for is no one.
 */
export async function searchDirectoryUsers(graph: Client, text: string, top = MAX_DIRECTORY_MATCHES): Promise<DirectoryUser[]> {
  const words = text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  if (!words) return [];
  const found = (await graph
    .api('/users')
    .header('ConsistencyLevel', 'eventual')
    .search(`"displayName:${words}" OR "mail:${words}"`)
    .select(USER_SELECT)
    .top(Math.max(1, Math.min(top, MAX_DIRECTORY_MATCHES)))
    .get()) as { value?: GraphUser[] };
  return (found.value ?? []).map(directoryUser).sort(byName);
}

/** One user by object id (or user principal name), or undefined when the directory has none. */
export async function getDirectoryUser(graph: Client, id: string): Promise<DirectoryUser | undefined> {
  try {
    return directoryUser((await graph.api(userPath(id)).select(USER_SELECT).get()) as GraphUser);
  } catch (error) {
    // 400: not even a valid id or name, so no one.
    if (isGraphNotFound(error) || graphStatus(error) === 400) return undefined;
    throw error;
  }
}

/** The directory as "assign to a colleague" asks it: a few matches for what was typed, or one user by id. */
export function directoryColleagues(graph: Client): {
  search: (text: string, top?: number) => Promise<DirectoryUser[]>;
  get: (id: string) => Promise<DirectoryUser | undefined>;
} {
  return { search: (text, top) => searchDirectoryUsers(graph, text, top), get: (id) => getDirectoryUser(graph, id) };
}

/** The Entra user a mailbox belongs to (a shared mailbox is a user object too, with its own id). */
export interface MailboxOwner {
  id: string;
  userPrincipalName: string;
  mail?: string;
}

/**
 * The directory user behind a mailbox address (User.Read.All), or undefined when the tenant has none.
 * GET /users/{address} resolves a userPrincipalName; Outlook names a mailbox by its primary SMTP address,
 * which may differ from the UPN, so a miss is looked up once more by `mail`. Graph errors are thrown: the
 * caller must not read "could not ask" as "no such mailbox".
 */
export async function mailboxOwner(graph: Client, address: string): Promise<MailboxOwner | undefined> {
  const select = ['id', 'userPrincipalName', 'mail'];
  try {
    return ownerOf((await graph.api(userPath(address)).select(select).get()) as GraphUser);
  } catch (error) {
    // 400: Graph cannot read the address as a UPN at all; it may still be someone's mail.
    if (!isGraphNotFound(error) && graphStatus(error) !== 400) throw error;
  }
  try {
    const found = (await graph
      .api('/users')
      .filter(`mail eq '${address.replaceAll("'", "''")}'`)
      .select(select)
      .top(2)
      .get()) as { value?: GraphUser[] };
    // Two users with one mail address would be a broken directory: not an answer to act on.
    const users = found.value ?? [];
    return users.length === 1 ? ownerOf(users[0]!) : undefined;
  } catch (error) {
    if (graphStatus(error) === 400) return undefined;
    throw error;
  }
}

function ownerOf(user: GraphUser): MailboxOwner {
  return {
    id: user.id.toLowerCase(),
    userPrincipalName: user.userPrincipalName ?? '',
    ...(user.mail ? { mail: user.mail.toLowerCase() } : {}),
  };
}

/**
 * Group membership through Graph's checkMemberGroups (transitive; application permission
 * GroupMember.Read.All). A user who does not exist is simply not a member.
 */
export function graphGroupMembership(graph: Client): GroupMembership {
  return async (userObjectId, groupId) => {
    try {
      const result = (await graph.api(`${userPath(userObjectId)}/checkMemberGroups`).post({ groupIds: [groupId] })) as { value?: string[] };
      return (result.value ?? []).some((id) => id.toLowerCase() === groupId.toLowerCase());
    } catch (error) {
      if (isGraphNotFound(error)) return false;
      throw error;
    }
  };
}

/** Graph is reachable and lets the app in: one directory read with the app's own credential. */
export async function ping(graph: Client): Promise<void> {
  await graph.api('/users').top(1).select('id').get();
}

/** Every person's display name (not shared mailboxes), for finding staff names in an item's text (Art. 15(4) redaction). */
export async function directoryNames(graph: Client): Promise<string[]> {
  const names: string[] = [];
  const pages = new Pages<GraphUser & { accountEnabled?: boolean }>('/users?$select=displayName,accountEnabled&$top=999', (url) =>
    graph.api(url).get(),
  );
  // People only: a shared mailbox ("ITGuy Support") is a user whose sign-in is disabled, and its name is the company's.
  for await (const page of pages)
    for (const u of page.value ?? []) if (u.displayName && u.accountEnabled !== false) names.push(u.displayName);
  return names;
}
