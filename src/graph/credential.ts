import { ClientSecretCredential, ManagedIdentityCredential, OnBehalfOfCredential, type TokenCredential } from '@azure/identity';
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

/** The add-in API's app registration, which redeems a signed-in user's token for Graph (on-behalf-of). */
export interface OnBehalfOfAuth {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
}

/** Graph tokens for the user whose API token is `userAssertion` (delegated permissions: what they may do). */
export function createOnBehalfOfCredential(auth: OnBehalfOfAuth, userAssertion: string): TokenCredential {
  const options = {
    tenantId: auth.tenantId,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    userAssertionToken: userAssertion,
    authorityHost: auth.authorityHost,
    // The dev tenant is not a known cloud; Entra's own host needs no discovery either.
    disableInstanceDiscovery: true,
  };
  return new OnBehalfOfCredential(options);
}
