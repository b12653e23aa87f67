/**
 * The dev tenant's public surface: start a tenant, describe what to seed it with, and the TLS and
 * listener helpers the product's local start-up and tests share with it. The demo data is the
 * separate `m365-dev-tenant/demo` entry, so importing this one does not read it.
 */
export { DEMO_APP_ID, startDevTenant, type DevTenant, type DevTenantOptions } from './server.js';
export type { Ago, SeedFile, SeedFolder, SeedGroup, SeedMessage, SeedTenant, SeedUser } from './seed.js';
export { ensureDevCertificate, type DevCertificate } from './tls.js';
export { listenDual, type DualListener } from './listen.js';
export { withDate } from './state/tenant.js';
