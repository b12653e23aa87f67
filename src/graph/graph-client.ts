import {
  Client,
  MiddlewareFactory,
  type AuthenticationProvider,
  type AuthenticationProviderOptions,
} from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/identity';
import { GRAPH_REQUEST_TIMEOUT_MS, RequestTimeoutHandler } from './request-timeout.js';
import { CachedTokenCredential } from './token-cache.js';

/**
 * The one way the product talks to Microsoft Graph: the official SDK with its default middleware
 * (auth, retry on 429/503 honouring Retry-After, redirects) plus a time limit on each request, pointed at
 * graph.microsoft.com in Azure or at the local dev tenant. Nothing else differs between the two.
 */

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphTarget {
  /** https://graph.microsoft.com, or the dev tenant's https://localhost:{port}. */
  baseUrl: string;
}

export interface GraphClientOptions {
  /** Each try of a request fails with GraphTimeoutError after this long. */
  timeoutMs?: number;
}

export function createGraphClient(target: GraphTarget, credential: TokenCredential, options: GraphClientOptions = {}): Client {
  const base = new URL(target.baseUrl);
  if (base.protocol !== 'https:') throw new Error(`Graph base URL must be https (got ${target.baseUrl})`);
  const isMicrosoft = base.hostname === 'graph.microsoft.com';
  const chain = MiddlewareFactory.getDefaultMiddlewareChain(new CredentialAuthenticationProvider(new CachedTokenCredential(credential)));
  // Just before the handler that sends: every retry gets its own time limit.
  chain.splice(chain.length - 1, 0, new RequestTimeoutHandler(options.timeoutMs ?? GRAPH_REQUEST_TIMEOUT_MS));
  return Client.initWithMiddleware({
    middleware: chain,
    baseUrl: base.origin,
    defaultVersion: 'v1.0',
    // The SDK only attaches tokens to Graph's own hosts unless told about others.
    ...(isMicrosoft ? {} : { customHosts: new Set([base.hostname]) }),
  });
}

/**
 * Bearer tokens for the SDK from a credential. The SDK's TokenCredentialAuthenticationProvider does the
 * same but builds an Error with a stack trace on every request, whether it fails or not, which a search
 * of a whole tenant pays for a thousand times.
 */
class CredentialAuthenticationProvider implements AuthenticationProvider {
  constructor(private readonly credential: TokenCredential) {}

  async getAccessToken(options?: AuthenticationProviderOptions): Promise<string> {
    const token = await this.credential.getToken(options?.scopes?.length ? options.scopes : [GRAPH_SCOPE]);
    if (!token) throw new Error('The credential returned no access token for Microsoft Graph');
    return token.token;
  }
}
