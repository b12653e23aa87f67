import type { Client, MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/** A page of a Graph collection; a delta query's last page carries the link for the next round. */
export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface PageOptions {
  /** Sent on every page: Graph wants Prefer (immutable ids, page size) on each nextLink request too. */
  headers?: Readonly<Record<string, string>>;
  /** SDK middleware options (e.g. RetryHandlerOptions) for every page's request. */
  middlewareOptions?: MiddlewareOptions[];
  /** Checked before each request for a next page. */
  signal?: AbortSignal;
}

/**
 * The pages of a collection in order, following @odata.nextLink, one request at a time. `deltaLink` is
 * the last page's @odata.deltaLink once iteration has ended. Breaking out of the loop sends no more
 * requests.
 */
export class Pages<T> implements AsyncIterable<GraphPage<T>> {
  deltaLink?: string | undefined;

  constructor(
    private readonly start: string | GraphPage<T>,
    private readonly get: (url: string) => Promise<GraphPage<T>>,
    private readonly signal?: AbortSignal,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<GraphPage<T>, void, undefined> {
    let page = typeof this.start === 'string' ? await this.get(this.start) : this.start;
    for (;;) {
      this.deltaLink = page['@odata.deltaLink'];
      yield page;
      const next = page['@odata.nextLink'];
      if (!next) return;
      this.signal?.throwIfAborted();
      page = await this.get(next);
    }
  }
}

/** The pages from `start` (a path, a next or delta link, or a first page already fetched) through the SDK. */
export function pages<T>(graph: Client, start: string | GraphPage<T>, options: PageOptions = {}): Pages<T> {
  const { headers, middlewareOptions, signal } = options;
  return new Pages<T>(
    start,
    (url) => {
      const request = graph.api(url);
      if (headers) request.headers(headers);
      if (middlewareOptions) request.middlewareOptions(middlewareOptions);
      return request.get() as Promise<GraphPage<T>>;
    },
    signal,
  );
}

/** Every item of every page. */
export async function all<T>(graph: Client, start: string, options: PageOptions = {}): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages<T>(graph, start, options)) items.push(...page.value);
  return items;
}
