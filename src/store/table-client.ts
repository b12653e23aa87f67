import { AzureNamedKeyCredential, TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { AZURITE_ACCOUNT, AZURITE_KEY, type TableTarget } from '../config/config.js';
import { countRequests } from './request-count.js';

export interface TableClientOptions {
  /** Fewer retries make a command-line tool fail fast when nothing listens; the server keeps the SDK default. */
  maxRetries?: number;
}

/** A client for one table on the configured store: Azurite, an endpoint with managed identity, or a connection string. */
export async function createTableClient(target: TableTarget, tableName: string, options: TableClientOptions = {}): Promise<TableClient> {
  return countRequests(await clientFor(target, tableName, options), tableName);
}

async function clientFor(target: TableTarget, tableName: string, options: TableClientOptions): Promise<TableClient> {
  const clientOptions: TableServiceClientOptions = {
    ...(options.maxRetries !== undefined ? { retryOptions: { maxRetries: options.maxRetries } } : {}),
  };
  switch (target.kind) {
    case 'azurite':
      return new TableClient(target.url, tableName, new AzureNamedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY), {
        ...clientOptions,
        allowInsecureConnection: true,
      });
    case 'endpoint': {
      // Loaded only here: @azure/identity is heavy and local runs and the CLI's deadline command never need it.
      const { DefaultAzureCredential } = await import('@azure/identity');
      // On App Service the user-assigned managed identity is picked by AZURE_CLIENT_ID.
      return new TableClient(target.endpoint, tableName, new DefaultAzureCredential(), clientOptions);
    }
    case 'connection-string':
      return TableClient.fromConnectionString(target.connectionString, tableName, {
        ...clientOptions,
        // Azurite and emulators are plain http; a real account in a connection string is https.
        allowInsecureConnection: /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(
          target.connectionString,
        ),
      });
  }
}
