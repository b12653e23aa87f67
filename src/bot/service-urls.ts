/**
 * Which Bot Framework service URLs the bot talks to (config.botChannel.serviceUrls): an activity naming any
 * other is refused before it is read, and a stored conversation reference pointing anywhere else is never
 * used. Without this, an activity could make the bot send case data to any URL it names.
 */

export interface ServiceUrlPolicy {
  allows(serviceUrl: unknown): boolean;
}

interface Prefix {
  protocol: string;
  host: string;
  path: string;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Exact scheme, host and port; the path must start with the allowed path (Teams adds its region: /emea/). */
export function serviceUrlPolicy(allowed: readonly string[]): ServiceUrlPolicy {
  const prefixes: Prefix[] = allowed.flatMap((a) => {
    const u = parse(a);
    return u ? [{ protocol: u.protocol, host: u.host, path: u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/` }] : [];
  });
  return {
    allows(serviceUrl) {
      if (typeof serviceUrl !== 'string' || serviceUrl.length > 2048) return false;
      const u = parse(serviceUrl);
      // Credentials in the URL have no place in a service URL, and would hide the real host from a reader.
      if (!u || u.username || u.password) return false;
      const path = u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`;
      return prefixes.some((p) => p.protocol === u.protocol && p.host === u.host && path.startsWith(p.path));
    },
  };
}
