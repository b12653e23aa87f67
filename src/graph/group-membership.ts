import type { Client } from '@microsoft/microsoft-graph-client';
import type { GroupMembership } from '../app/dpo-access.js';
import { isGraphNotFound } from './errors.js';

/**
 * Group membership through Graph's checkMemberGroups (transitive; application permission
 * GroupMember.Read.All). A user who does not exist is simply not a member.
 */
export function graphGroupMembership(graph: Client): GroupMembership {
  return async (userObjectId, groupId) => {
    try {
      const result = (await graph.api(`/users/${encodeURIComponent(userObjectId)}/checkMemberGroups`).post({ groupIds: [groupId] })) as { value?: string[] };
      return (result.value ?? []).some((id) => id.toLowerCase() === groupId.toLowerCase());
    } catch (error) {
      if (isGraphNotFound(error)) return false;
      throw error;
    }
  };
}
