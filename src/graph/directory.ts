import type { Client } from '@microsoft/microsoft-graph-client';
import type { GroupMembership } from '../app/dpo-access.js';
import { isGraphNotFound } from './errors.js';
import { all } from './pages.js';
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

export async function listDirectoryUsers(graph: Client): Promise<DirectoryUser[]> {
  const users = (await all<GraphUser>(graph, '/users?$select=id,displayName,mail,userPrincipalName&$top=999')).map(
    (u): DirectoryUser => ({
      id: u.id,
      name: u.displayName ?? u.userPrincipalName ?? u.id,
      ...(u.mail ? { email: u.mail.toLowerCase() } : {}),
    }),
  );
  return users.sort((a, b) => a.name.localeCompare(b.name, 'da'));
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
