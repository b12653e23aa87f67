/** Calls to /api/tab with the session's token; one retry with a fresh token when it was refused (expired). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let tokenSource: ((fresh?: boolean) => Promise<string>) | undefined;

export function useToken(source: (fresh?: boolean) => Promise<string>): void {
  tokenSource = source;
}

async function call(path: string, init: RequestInit, fresh: boolean): Promise<Response> {
  if (!tokenSource) throw new ApiError(401, 'not_signed_in', 'not signed in');
  const bearer = await tokenSource(fresh);
  return fetch(`../api/tab/${path}`, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${bearer}` } });
}

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response = await call(path, init, false);
  if (response.status === 401) response = await call(path, init, true);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(response.status, body.code ?? 'error', body.message ?? `HTTP ${response.status}`);
  }
  return response;
}

export async function get<T>(path: string): Promise<T> {
  return (await request(path)).json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return (
    await request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  ).json() as Promise<T>;
}

/** A file from the API, saved through a link the browser downloads (the request carries the token). */
export async function download(path: string, name: string): Promise<void> {
  const blob = await (await request(path)).blob();
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
