import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { SourceKind } from '../domain/hits.js';
import { GraphConcurrency, retryAfterMs } from './concurrency.js';
import { PREFER_IMMUTABLE_IDS } from './mail.js';
import { Pages, type GraphPage } from './pages.js';
import { userPath } from './paths.js';

/**
 * What discovery sends to Graph: the tenant's users, a $search of each mailbox and a search of each
 * OneDrive, their further pages, and first pages together in $batch. Every request waits for a slot in
 * the GraphConcurrency it is given (4 per mailbox, a tenant-wide cap that halves on 429) and goes through
 * the SDK's retry middleware (429/503 after Retry-After); the retries it makes are counted and reported
 * to the limiter. A search of a whole tenant sends thousands of these, so nothing here does more per
 * request than the SDK needs.
 */

/** A message as the search selects it (MAIL_SELECT). */
export interface FoundMessage {
  id: string;
  subject?: string | null;
  receivedDateTime?: string | null;
  from?: { emailAddress?: { name?: string | null; address?: string | null } | null } | null;
  bodyPreview?: string | null;
  webLink?: string | null;
  internetMessageId?: string | null;
  conversationId?: string | null;
}

/** A drive item as the search selects it (DRIVE_SELECT). */
export interface FoundFile {
  id: string;
  name?: string | null;
  lastModifiedDateTime?: string | null;
  webUrl?: string | null;
  size?: number | null;
  parentReference?: { driveId?: string | null; path?: string | null } | null;
  file?: { hashes?: { sha256Hash?: string | null; quickXorHash?: string | null; sha1Hash?: string | null } | null } | null;
}

/** A page of a mailbox's or a OneDrive's results: which one, the request's `kind` says. */
export type SearchPage = GraphPage<FoundMessage & FoundFile>;

/** The key a source's requests are limited by: its mailbox (Outlook's 4 per mailbox) or its OneDrive. */
export const sourceKey = (kind: SourceKind, userId: string): string => `${kind}|${userId.toLowerCase()}`;

export interface SearchUser {
  id: string;
  userPrincipalName: string;
}

/** A source's first request: a mailbox's messages or a OneDrive's items matching the query. */
export interface SearchRequest {
  kind: SourceKind;
  url: string;
  /** What the request counts against: sourceKey(kind, userId). */
  key: string;
}

export interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  /** A page on success; Graph's error object otherwise. */
  body?: SearchPage & { error?: { code?: string; message?: string } };
}

const MAIL_SELECT = '$select=id,subject,receivedDateTime,from,bodyPreview,webLink,internetMessageId,conversationId&$top=100';
const DRIVE_SELECT = '$select=id,name,lastModifiedDateTime,webUrl,size,parentReference,file&$top=200';
const IMMUTABLE_IDS = { Prefer: PREFER_IMMUTABLE_IDS } as const;
const NO_HEADERS = {} as const;
/** The SDK's wait before a retry when Graph sends no Retry-After, in seconds. */
const RETRY_DELAY_S = 3;

/** The first requests for a KQL query, per user id (the query is encoded once, not per user). */
export function searchRequests(query: string): { mailbox: (userId: string) => SearchRequest; drive: (userId: string) => SearchRequest } {
  const mailQuery = encodeURIComponent(JSON.stringify(query));
  const driveQuery = encodeURIComponent(query.replace(/'/g, "''"));
  return {
    mailbox: (userId) => ({
      kind: 'mailbox',
      url: `${userPath(userId)}/messages?$search=${mailQuery}&${MAIL_SELECT}`,
      key: sourceKey('mailbox', userId),
    }),
    drive: (userId) => ({
      kind: 'drive',
      url: `${userPath(userId)}/drive/root/search(q='${driveQuery}')?${DRIVE_SELECT}`,
      key: sourceKey('drive', userId),
    }),
  };
}

export class GraphSearch {
  /** HTTP requests sent (a $batch is one). */
  requests = 0;
  /** Retries the SDK's retry middleware made for 429/503; callers add the $batch sub-requests they resend. */
  throttled = 0;
  /** Pages of /users read (@odata.nextLink followed to the end). */
  userPages = 0;
  private readonly retry = [
    new RetryHandlerOptions(RETRY_DELAY_S, 5, (delay, _attempt, _request, _options, response) => {
      this.throttled++;
      // A 429 is Graph saying "slower"; a 503 only when it says how long to wait (else it is just an outage).
      const after = response?.headers?.get('Retry-After');
      if (response?.status === 429 || after) this.limiter.throttled(retryAfterMs(after, delay * 1000));
      return true;
    }),
  ];

  constructor(
    private readonly graph: Client,
    readonly limiter: GraphConcurrency = new GraphConcurrency(),
    private readonly signal?: AbortSignal,
  ) {}

  /** One page once `key` (a mailbox or OneDrive; none for the directory) has a slot; mailbox pages ask for immutable ids on every page, as Graph requires. */
  get(url: string, kind?: SourceKind, key?: string, options: { first?: boolean } = {}): Promise<SearchPage> {
    return this.limiter.run(
      key ? [key] : [],
      () => {
        // A search stopped while this waited sends nothing more.
        this.signal?.throwIfAborted();
        this.requests++;
        return this.graph
          .api(url)
          .middlewareOptions(this.retry)
          .headers(kind === 'mailbox' ? IMMUTABLE_IDS : NO_HEADERS)
          .get() as Promise<SearchPage>;
      },
      options,
    );
  }

  /** A POST (the site search) once `key` has a slot; the SDK's retries apply as to GETs. */
  post<T>(url: string, body: unknown, key: string): Promise<T> {
    return this.limiter.run([key], () => {
      this.signal?.throwIfAborted();
      this.requests++;
      return this.graph.api(url).middlewareOptions(this.retry).post(body) as Promise<T>;
    });
  }

  /** Every page of a collection from `url`, each once `key` has a slot (later pages go first). */
  collection<T>(url: string, key: string, headers: Record<string, string> = {}): Pages<T> {
    return new Pages<T>(
      url,
      (next) =>
        this.limiter.run(
          [key],
          () => {
            this.signal?.throwIfAborted();
            this.requests++;
            return this.graph.api(next).middlewareOptions(this.retry).headers(headers).get() as Promise<GraphPage<T>>;
          },
          { first: next !== url },
        ),
      this.signal,
    );
  }

  /** Every team (Team.ReadBasic.All), following @odata.nextLink. */
  async teams(): Promise<{ id: string; displayName?: string | null }[]> {
    const teams: { id: string; displayName?: string | null }[] = [];
    for await (const page of this.collection<{ id: string; displayName?: string | null }>('/teams?$select=id,displayName', 'teams|tenant'))
      teams.push(...page.value);
    return teams;
  }

  /** The first request's page. */
  first(request: SearchRequest): Promise<SearchPage> {
    return this.get(request.url, request.kind, request.key);
  }

  /** `first` and the pages after it; later pages go ahead of other sources' first requests. */
  pages(first: SearchPage, request: Pick<SearchRequest, 'kind' | 'key'>, signal?: AbortSignal): Pages<FoundMessage & FoundFile> {
    return new Pages(first, (url) => this.get(url, request.kind, request.key, { first: true }), signal);
  }

  /** Every user, following @odata.nextLink: Graph gives at most 999 a page. */
  async users(): Promise<SearchUser[]> {
    const users: SearchUser[] = [];
    for await (const page of new Pages('/users?$select=id,userPrincipalName&$top=999', (url) =>
      this.get(url, undefined, undefined, { first: true }),
    )) {
      this.userPages++;
      users.push(...(page.value as SearchUser[]));
    }
    return users;
  }

  /**
   * First requests in one $batch (at most 20), with ids of the caller's choosing, holding a slot for each
   * mailbox or OneDrive in it; the SDK does not retry inside it.
   */
  async batch(requests: readonly (SearchRequest & { id: string })[]): Promise<BatchResponse[]> {
    const body = {
      requests: requests.map((r) => ({ id: r.id, method: 'GET', url: r.url, headers: r.kind === 'mailbox' ? IMMUTABLE_IDS : NO_HEADERS })),
    };
    return this.limiter.run([...new Set(requests.map((r) => r.key))], async () => {
      this.signal?.throwIfAborted();
      this.requests++;
      const response = (await this.graph.api('/$batch').middlewareOptions(this.retry).post(body)) as { responses: BatchResponse[] };
      return response.responses;
    });
  }
}
