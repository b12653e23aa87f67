import type { IPublicClientApplication } from '@azure/msal-browser';

/**
 * Signing in to the app's API from the tab. In Teams: nested app authentication (MSAL.js through the
 * Teams host's broker, the same app registration and scope as the Outlook add-in) where Teams recommends
 * it, else Teams SSO (authentication.getAuthToken). Outside Teams, in local mode only, the app hands out
 * a dev-tenant token for the demo DPO, so the tab can be tried offline. The API checks every token.
 */

export interface TabConfig {
  apiClientId: string;
  authority: string;
  scope: string;
  devSignIn: boolean;
}

export interface Session {
  inTeams: boolean;
  locale: string | undefined;
  /** A bearer token for /api/tab; `fresh` asks for a new one (the last was refused). */
  token?: (fresh?: boolean) => Promise<string>;
}

/** Teams hosts a tab in an iframe (web, desktop) or a webview with a native bridge (mobile). */
const hosted = () => window.parent !== window || 'nativeInterface' in window;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('Teams did not answer')), ms))]);
}

async function teamsSession(config: TabConfig): Promise<Session> {
  // Loaded only inside Teams: outside it (local development) the page needs neither.
  const [{ app, authentication, nestedAppAuth }, { createNestablePublicClientApplication }] = await Promise.all([
    import('@microsoft/teams-js'),
    import('@azure/msal-browser'),
  ]);
  await within(5000, app.initialize());
  const context = await app.getContext();
  let pca: Promise<IPublicClientApplication> | undefined;
  const token = async (): Promise<string> => {
    if (nestedAppAuth.isNAAChannelRecommended()) {
      pca ??= createNestablePublicClientApplication({ auth: { clientId: config.apiClientId, authority: config.authority } });
      const msal = await pca;
      const request = { scopes: [config.scope] };
      try {
        return (await msal.acquireTokenSilent(request)).accessToken;
      } catch {
        return (await msal.acquireTokenPopup(request)).accessToken;
      }
    }
    return authentication.getAuthToken();
  };
  return { inTeams: true, locale: context.app.locale, token };
}

function devSession(): Session {
  let cached: Promise<string> | undefined;
  const token = (fresh = false) => {
    if (fresh) cached = undefined;
    cached ??= fetch('dev-token', { method: 'POST' }).then(async (r) => {
      const body = (await r.json().catch(() => ({}))) as { accessToken?: string; message?: string };
      if (!r.ok || !body.accessToken) throw new Error(body.message ?? `HTTP ${r.status}`);
      return body.accessToken;
    });
    cached.catch(() => (cached = undefined));
    return cached;
  };
  return { inTeams: false, locale: new URLSearchParams(location.search).get('lang') ?? navigator.language, token };
}

export async function loadConfig(): Promise<TabConfig> {
  const response = await fetch('config.json');
  if (!response.ok) throw new Error('the tab is not configured on the server');
  return (await response.json()) as TabConfig;
}

/** Where the page runs decides how it signs in; `devSignIn` is offered, never taken unasked (the page asks). */
export async function startSession(config: TabConfig): Promise<Session & { dev?: () => Session }> {
  if (hosted()) {
    try {
      return await teamsSession(config);
    } catch {
      // Framed, but not by Teams (or Teams did not answer): treated as outside Teams.
    }
  }
  const locale = new URLSearchParams(location.search).get('lang') ?? navigator.language;
  return { inTeams: false, locale, ...(config.devSignIn ? { dev: devSession } : {}) };
}
