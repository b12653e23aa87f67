import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { TokenCredential } from '@azure/identity';

/**
 * The one way the product talks to Microsoft Graph: the official SDK with its default middleware
 * (auth, retry on 429/503 honouring Retry-After, redirects), pointed at graph.microsoft.com in Azure or
 * at the local dev tenant. Nothing else differs between the two.
 */

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphTarget {
  /** https://graph.microsoft.com, or the dev tenant's https://localhost:{port}. */
  baseUrl: string;
}

export function createGraphClient(target: GraphTarget, credential: TokenCredential): Client {
  const base = new URL(target.baseUrl);
  if (base.protocol !== 'https:') throw new Error(`Graph base URL must be https (got ${target.baseUrl})`);
  const isMicrosoft = base.hostname === 'graph.microsoft.com';
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }),
    baseUrl: base.origin,
    defaultVersion: 'v1.0',
    // The SDK only attaches tokens to Graph's own hosts unless told about others.
    ...(isMicrosoft ? {} : { customHosts: new Set([base.hostname]) }),
  });
}
