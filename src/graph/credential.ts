import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { GraphAuth } from '../config/config.js';

export type { GraphAuth };

/**
 * How the app proves who it is to Graph. In Azure: the managed identity (with Graph application
 * permissions granted to it) or an app registration's secret. Locally: the dev tenant's app registration,
 * through the same ClientSecretCredential, with the dev tenant as authority.
 */

export function createGraphCredential(auth: GraphAuth): TokenCredential {
  if (auth.kind === 'managed-identity') {
    return auth.clientId ? new ManagedIdentityCredential({ clientId: auth.clientId }) : new ManagedIdentityCredential();
  }
  return new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret, {
    ...(auth.authorityHost ? { authorityHost: auth.authorityHost, disableInstanceDiscovery: true } : {}),
  });
}
