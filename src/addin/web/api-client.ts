import { createNestablePublicClientApplication, type IPublicClientApplication } from '@azure/msal-browser';

/**
 * Talking to the app's API from inside Outlook. The token comes from nested app authentication (MSAL.js
 * in the host's broker); where NAA is not supported, from Office SSO (Office.auth.getAccessToken), the
 * documented fallback. The API checks everything; nothing here is trusted.
 */

interface AddinConfig {
  apiClientId: string;
  authority: string;
  scope: string;
}

let config: Promise<AddinConfig> | undefined;
let pca: Promise<IPublicClientApplication> | undefined;

const loadConfig = () =>
  (config ??= fetch('config.json').then((r) =>
    r.ok ? (r.json() as Promise<AddinConfig>) : Promise.reject(new Error('the add-in is not configured on the server')),
  ));

async function token(): Promise<string> {
  const { apiClientId, authority, scope } = await loadConfig();
  if (Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) {
    pca ??= createNestablePublicClientApplication({ auth: { clientId: apiClientId, authority } });
    const app = await pca;
    const request = { scopes: [scope] };
    try {
      return (await app.acquireTokenSilent(request)).accessToken;
    } catch {
      return (await app.acquireTokenPopup(request)).accessToken;
    }
  }
  return Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error answer (a 409 person_has_open_case carries the open case). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The answer to logging a message for a person who already has a case open (409 person_has_open_case). */
export function openCaseOf(error: unknown): CaseSummary | undefined {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'person_has_open_case') return undefined;
  return error.body.openCase as CaseSummary | undefined;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const bearer = await token();
  const response = await fetch(`../api/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...(init.headers ?? {}) },
  });
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, body.code ?? 'error', body.message ?? `HTTP ${response.status}`, body);
  return body as T;
}

/**
 * The current message as the API wants it: the mailbox it is in and the item's REST id. A message in a
 * shared or delegated mailbox names that mailbox (getSharedPropertiesAsync, Mailbox 1.8); the API then
 * checks through Graph that the user can read it.
 */
export async function currentMessage(): Promise<{ mailbox: string; messageId: string } | undefined> {
  const { mailbox } = Office.context;
  const { item } = mailbox;
  if (!item) return undefined;
  const shared = await new Promise<string | undefined>((resolve) => {
    if (!item.getSharedPropertiesAsync) return resolve(undefined);
    item.getSharedPropertiesAsync((result) => resolve(result.status === 'succeeded' ? result.value?.targetMailbox : undefined));
  });
  return {
    mailbox: shared ?? mailbox.userProfile.emailAddress,
    messageId: mailbox.convertToRestId(item.itemId, Office.MailboxEnums.RestVersion.v2_0),
  };
}

export interface CaseSummary {
  id: string;
  status: string;
  statusLabel: { da: string; en: string };
  receivedAt: string;
  due: string;
  extendedDue: string;
  extended: boolean;
  rights: string[];
  requester: { name?: string; email?: string };
  teamsUrl?: string;
}

export interface Reading {
  privacyRequest: boolean;
  rights: string[];
  requester: { name: string | null; email: string | null };
  dataSubject: { name: string | null } | null;
  language: string;
  evidence: string[];
  subject: string | null;
  verdict?: 'request' | 'uncertain' | 'not_request';
  /** Intake set the message aside as not a request. */
  setAside?: { at: string; kind: string; reason: string };
}
