import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logging/logger.js';

/**
 * Application Insights through OpenTelemetry (@azure/monitor-opentelemetry), when a connection string is
 * configured; otherwise nothing is loaded. Query strings are removed from recorded URLs (a Graph $search or
 * an API query may carry a requester's e-mail address) and health probes are not traced.
 */

export interface Telemetry {
  enabled: boolean;
  /** Flushes what is buffered; call last on shutdown. */
  shutdown(): Promise<void>;
}

const URL_ATTRIBUTES = ['http.url', 'url.full', 'http.target'];

/** `https://host/path?x=y` → `https://host/path?[redacted]` (also for bare targets like `/path?x=y`). */
export function withoutQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?[redacted]`;
}

type WritableSpan = { setAttribute(key: string, value: string): void; attributes?: Record<string, unknown> };

export function redactSpanUrls(span: WritableSpan): void {
  for (const key of URL_ATTRIBUTES) {
    const value = span.attributes?.[key];
    if (typeof value === 'string') span.setAttribute(key, withoutQuery(value));
  }
  if (typeof span.attributes?.['url.query'] === 'string') span.setAttribute('url.query', '[redacted]');
}

/**
 * `entraAuth`: sign telemetry in with the app's managed identity (infra/ turns local auth off on the
 * Application Insights resource, so plain instrumentation-key ingestion is refused there).
 */
export async function startTelemetry(connectionString: string | undefined, logger: Logger, { entraAuth = false } = {}): Promise<Telemetry> {
  if (!connectionString) return { enabled: false, shutdown: async () => undefined };
  // No SDK usage statistics to Microsoft's own endpoints: telemetry goes to ITGuy's resource only.
  process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED ??= 'true';
  process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED ??= 'true';
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  // AZURE_CLIENT_ID picks the user-assigned identity, as for the table store.
  const credential = entraAuth ? new (await import('@azure/identity')).DefaultAzureCredential() : undefined;
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString, ...(credential ? { credential } : {}) },
    enableLiveMetrics: false,
    // A 20-person company's traffic is small: keep every trace (the default rate limit of 5 per second
    // drops requests that arrive together with the scheduler's table calls).
    tracesPerSecond: 0,
    samplingRatio: 1,
    instrumentationOptions: {
      azureSdk: { enabled: true },
      http: {
        enabled: true,
        ignoreIncomingRequestHook: (req: IncomingMessage) => req.url === '/healthz' || req.url === '/readyz',
        applyCustomAttributesOnSpan: (span: WritableSpan) => redactSpanUrls(span),
      } as Record<string, unknown>,
    },
  });
  logger.info('telemetry: sending to Application Insights');
  return { enabled: true, shutdown: () => shutdownAzureMonitor() };
}
