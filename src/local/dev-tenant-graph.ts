import type { DevTenant } from 'm365-dev-tenant';
import type { GraphConfig } from '../config/config.js';

/** The app's Graph settings for the dev tenant: it signs in there exactly as it signs in to Entra ID in Azure. */
export function devTenantGraph(tenant: Pick<DevTenant, 'authorityHost' | 'tenantId' | 'clientId' | 'clientSecret'>): GraphConfig {
  return {
    baseUrl: tenant.authorityHost,
    auth: {
      kind: 'client-secret',
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      authorityHost: tenant.authorityHost,
    },
  };
}
