import type { Client } from '@microsoft/microsoft-graph-client';

/** The tenant's people, for "assign to a colleague" (User.Read.All; the app already has it for discovery). */
export interface DirectoryUser {
  id: string;
  name: string;
  email?: string;
}

export async function listDirectoryUsers(graph: Client): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let page = (await graph.api('/users').select('id,displayName,mail,userPrincipalName').top(999).get()) as GraphPage;
  for (;;) {
    for (const u of page.value) users.push({ id: u.id, name: u.displayName ?? u.userPrincipalName ?? u.id, ...(u.mail ? { email: u.mail.toLowerCase() } : {}) });
    if (!page['@odata.nextLink']) break;
    page = (await graph.api(page['@odata.nextLink']).get()) as GraphPage;
  }
  return users.sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

interface GraphPage {
  value: { id: string; displayName?: string; mail?: string; userPrincipalName?: string }[];
  '@odata.nextLink'?: string;
}
