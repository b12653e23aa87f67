import type { Client } from '@microsoft/microsoft-graph-client';
import { inject } from 'vitest';
import { startDevTenant, type DevTenant, type DevTenantOptions, type SeedTenant } from 'm365-dev-tenant';
import { createGraphCredential } from '../../src/graph/credential.js';
import { createGraphClient } from '../../src/graph/graph-client.js';

/** A dev tenant on a free port, and the product's own Graph client signed in to it. */

export interface TestTenant {
  tenant: DevTenant;
  graph: Client;
  /** Raw HTTPS call with a token, for headers and status codes the SDK hides. */
  raw(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  token(): Promise<string>;
  dev(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const TEST_TENANT_ID = '7d1b4c3e-2f7a-4b8e-9c61-0a5e3d2f1b90';

export function smallSeed(extra: Partial<SeedTenant> = {}): SeedTenant {
  return {
    tenantId: TEST_TENANT_ID,
    domain: 'itguy.dk',
    displayName: 'ITGuy ApS',
    users: [
      {
        id: '11111111-1111-4111-8111-111111111111',
        displayName: 'Databeskyttelse',
        mail: 'dpa@itguy.dk',
        userPrincipalName: 'dpa@itguy.dk',
        mailboxType: 'shared',
      },
      {
        id: '22222222-2222-4222-8222-222222222222',
        displayName: 'Mette Ravn',
        givenName: 'Mette',
        surname: 'Ravn',
        mail: 'mette@itguy.dk',
        userPrincipalName: 'mette@itguy.dk',
        jobTitle: 'Direktør',
        mailboxType: 'user',
      },
      {
        id: '33333333-3333-4333-8333-333333333333',
        displayName: 'Support',
        mail: 'support@itguy.dk',
        userPrincipalName: 'support@itguy.dk',
        mailboxType: 'shared',
      },
    ],
    messages: [],
    files: [],
    ...extra,
  };
}

export async function startTestTenant(options: Partial<DevTenantOptions> = {}): Promise<TestTenant> {
  const tenant = await startDevTenant({
    tlsDir: inject('devTlsDir'),
    seed: smallSeed(),
    notifier: { retryBaseMs: 50, retryMaxDelayMs: 400 },
    ...options,
  });
  const credential = createGraphCredential({
    kind: 'client-secret',
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    authorityHost: tenant.authorityHost,
  });
  const graph = createGraphClient({ baseUrl: tenant.authorityHost }, credential);
  const token = async () => (await credential.getToken('https://graph.microsoft.com/.default'))!.token;
  return {
    tenant,
    graph,
    token,
    raw: async (path, init = {}) => {
      const { token: given, ...rest } = init;
      const headers = new Headers(rest.headers);
      const bearer = given === undefined ? await token() : given;
      if (bearer !== null) headers.set('Authorization', `Bearer ${bearer}`);
      return fetch(`${tenant.graphBaseUrl}${path}`, { ...rest, headers });
    },
    dev: (path, init) => fetch(`${tenant.url}/_dev${path}`, init),
    close: () => tenant.close(),
  };
}

/** The app's Graph settings for a test tenant, as environment variables (for loadConfig or a child process). */
export function graphEnv(t: TestTenant): Record<string, string> {
  return {
    DSAR_GRAPH_BASE_URL: t.tenant.authorityHost,
    DSAR_GRAPH_AUTHORITY_HOST: t.tenant.authorityHost,
    DSAR_GRAPH_TENANT_ID: t.tenant.tenantId,
    DSAR_GRAPH_CLIENT_ID: t.tenant.clientId,
    DSAR_GRAPH_CLIENT_SECRET: t.tenant.clientSecret,
  };
}

/** The RFC 822 source of a simple message. */
export function eml(o: {
  from: string;
  to: string;
  subject: string;
  body: string;
  id?: string;
  date?: string;
  extraHeaders?: string;
}): string {
  return [
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${o.subject}`,
    `Message-ID: <${o.id ?? crypto.randomUUID()}@example.net>`,
    `Date: ${o.date ?? new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    ...(o.extraHeaders ? [o.extraHeaders] : []),
    '',
    o.body,
    '',
  ].join('\r\n');
}

/** Follows @odata.nextLink to the end through the SDK, resending `headers` on every page as Graph requires. */
export async function walkPages<P extends { '@odata.nextLink'?: string }>(
  tenant: TestTenant,
  first: string,
  headers: Record<string, string> = {},
): Promise<P[]> {
  const pages: P[] = [];
  for (let url: string | undefined = first; url; ) {
    let request = tenant.graph.api(url);
    for (const [name, value] of Object.entries(headers)) request = request.header(name, value);
    const page = (await request.get()) as P;
    pages.push(page);
    url = page['@odata.nextLink'];
    if (pages.length > 500) throw new Error('more than 500 pages: the nextLinks do not end');
  }
  return pages;
}

/** The RFC 822 source of a plain-text message with file attachments (multipart/mixed, base64). */
export function emlWithAttachments(
  o: Parameters<typeof eml>[0] & { attachments: { name: string; contentType: string; content: Buffer }[] },
): string {
  const boundary = `mixed-${crypto.randomUUID()}`;
  const head = eml({ ...o, body: '' })
    .split('\r\n\r\n')[0]!
    .split('\r\n');
  const headers = head.filter((h) => !/^content-(type|transfer-encoding):/i.test(h));
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    o.body,
    ...o.attachments.flatMap((a) => [
      `--${boundary}`,
      `Content-Type: ${a.contentType}; name="${a.name}"`,
      `Content-Disposition: attachment; filename="${a.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      ...(a.content.toString('base64').match(/.{1,76}/g) ?? []),
    ]),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
