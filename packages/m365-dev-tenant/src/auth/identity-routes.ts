import { AadErrors, type AadError } from '../errors.js';
import type { DevResponse } from '../http/kit.js';
import type { Tenant } from '../state/tenant.js';
import type { DevApp } from '../model.js';
import { newToken } from '../state/ids.js';
import type { TokenIssuer } from './tokens.js';

/**
 * The slice of the Microsoft identity platform the product uses: OpenID discovery, JWKS and the
 * client-credentials grant of the v2.0 token endpoint (what @azure/identity's ClientSecretCredential calls),
 * and its on-behalf-of grant (OnBehalfOfCredential: the add-in's API acting as the signed-in user).
 */

interface IdentityRequest {
  method: string;
  path: string;
  body: Buffer;
  origin: string;
}

export async function handleIdentity(req: IdentityRequest, tenant: Tenant, issuer: TokenIssuer): Promise<DevResponse | undefined> {
  const match =
    /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|\.well-known\/openid-configuration|discovery\/v2\.0\/keys|discovery\/keys|oauth2\/v2\.0\/token)$/.exec(
      req.path,
    );
  if (!match) return undefined;
  const [, tenantSegment, what] = match as unknown as [string, string, string];
  const known = [tenant.tenantId, tenant.domain, 'organizations', 'common'].includes(tenantSegment.toLowerCase());
  if (!known) return aadError(AadErrors.tenantNotFound(tenantSegment));
  const base = `${req.origin}/${tenant.tenantId}`;

  if (what.endsWith('openid-configuration') && req.method === 'GET') {
    return {
      status: 200,
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${req.origin}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid', 'roles'],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
      },
    };
  }
  if (what.includes('keys') && req.method === 'GET') return { status: 200, body: { keys: [issuer.jwk] } };
  if (what === 'oauth2/v2.0/token' && req.method === 'POST') return token(req, tenant, issuer);
  return aadError(AadErrors.postOnly());
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GRAPH_RESOURCE = 'https://graph.microsoft.com/';
/** What `.default` grants a middle-tier API on Graph (the delegated permissions an admin consented to). */
const DEFAULT_DELEGATED = ['Mail.Read', 'Mail.Read.Shared', 'User.Read'];

async function token(req: IdentityRequest, tenant: Tenant, issuer: TokenIssuer): Promise<DevResponse> {
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials' && grant !== JWT_BEARER) {
    return aadError(AadErrors.unsupportedGrant(grant ?? ''));
  }
  const clientId = form.get('client_id') ?? '';
  const app = tenant.apps.find((a) => a.clientId === clientId);
  if (!app) {
    return aadError(AadErrors.unknownClient(clientId, tenant.displayName));
  }
  if (form.get('client_secret') !== app.secret) {
    return aadError(AadErrors.invalidSecret(app.clientId));
  }
  if (grant === JWT_BEARER) return onBehalfOf(form, app, tenant, issuer);
  const scope = form.get('scope') ?? '';
  if (!/\/\.default$/.test(scope)) {
    return aadError(AadErrors.invalidScope(scope));
  }
  const { token, expiresIn } = await issuer.issue(app, scope);
  return { status: 200, body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token } };
}

/**
 * The on-behalf-of flow (v2-oauth2-on-behalf-of-flow): a middle-tier API redeems the token a user's client
 * sent it (`assertion`, whose audience must be that API) for a delegated Graph token for the same user.
 */
async function onBehalfOf(form: URLSearchParams, app: DevApp, tenant: Tenant, issuer: TokenIssuer): Promise<DevResponse> {
  if (form.get('requested_token_use') !== 'on_behalf_of') return aadError(AadErrors.oboRequestedTokenUse());
  const verified = await issuer.verifyUserAssertion(form.get('assertion') ?? '');
  if (!verified.ok) return aadError(verified.expired ? AadErrors.oboAssertionExpired() : AadErrors.oboAssertionInvalid());
  const { aud, oid } = verified.claims;
  if (aud !== app.clientId && aud !== `api://${app.clientId}`) return aadError(AadErrors.oboAudienceMismatch());
  const user = tenant.user(oid);
  if (!user?.accountEnabled) return aadError(AadErrors.oboAssertionInvalid());
  const requested = (form.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
  const graph = requested.filter((s) => s.toLowerCase().startsWith(GRAPH_RESOURCE));
  if (graph.length === 0 || requested.some((s) => !s.toLowerCase().startsWith(GRAPH_RESOURCE) && !OIDC_SCOPES.includes(s))) {
    return aadError(AadErrors.invalidScope(form.get('scope') ?? ''));
  }
  const names = graph.map((s) => s.slice(GRAPH_RESOURCE.length));
  const scopes = names.includes('.default') ? DEFAULT_DELEGATED : names;
  const { token, expiresIn } = await issuer.issueDelegatedGraphToken(app, user, scopes);
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      scope: scopes.map((s) => `${GRAPH_RESOURCE}${s}`).join(' '),
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: token,
      // Only when offline_access was asked for, as documented.
      ...(requested.includes('offline_access') ? { refresh_token: newToken(80) } : {}),
    },
  };
}

const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

function aadError({ status, error, code, description }: AadError): DevResponse {
  const traceId = crypto.randomUUID();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${crypto.randomUUID()} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString(),
      trace_id: traceId,
      correlation_id: crypto.randomUUID(),
    },
  };
}
