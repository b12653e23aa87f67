import { describe, expect, it } from 'vitest';
import { ConfigError, describeTables, loadConfig } from '../../src/config/config.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('runs locally with no settings at all', () => {
    expect(loadConfig({})).toMatchObject({
      mode: 'local',
      port: 3978,
      tables: { kind: 'azurite', url: 'http://127.0.0.1:10002/devstoreaccount1' },
      tablePrefix: '',
      retentionYears: 3,
      logLevel: 'info',
    });
  });

  it('uses the table endpoint with managed identity, or a connection string, in azure mode', () => {
    expect(loadConfig({ DSAR_TABLES_ENDPOINT: 'https://itguydsar.table.core.windows.net/' })).toMatchObject({
      mode: 'azure',
      tables: { kind: 'endpoint', endpoint: 'https://itguydsar.table.core.windows.net' },
    });
    const cs = 'DefaultEndpointsProtocol=https;AccountName=itguydsar;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net';
    expect(loadConfig({ DSAR_TABLES_CONNECTION_STRING: cs })).toMatchObject({ mode: 'azure', tables: { kind: 'connection-string', connectionString: cs } });
  });

  it('names every invalid key in one error', () => {
    expect(problems({ PORT: '70000', DSAR_RETENTION_YEARS: 'abc', LOG_LEVEL: 'loud', DSAR_TABLE_PREFIX: '1x' })).toEqual([
      'PORT: must be 1-65535',
      'DSAR_TABLE_PREFIX: must be letters and digits, starting with a letter, at most 40 characters',
      'DSAR_RETENTION_YEARS: must be a whole number of years',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('refuses two stores at once', () => {
    expect(problems({ DSAR_TABLES_ENDPOINT: 'https://a.table.core.windows.net', DSAR_TABLES_CONNECTION_STRING: 'AccountName=a;AccountKey=b' })).toEqual([
      'DSAR_TABLES_CONNECTION_STRING: set either DSAR_TABLES_ENDPOINT (managed identity) or DSAR_TABLES_CONNECTION_STRING, not both',
    ]);
  });

  it('requires a store on Azure App Service instead of silently running in local mode', () => {
    expect(problems({ WEBSITE_SITE_NAME: 'itguy-dsar' })).toEqual([
      'DSAR_TABLES_ENDPOINT: is required on Azure App Service (the Storage account table endpoint, e.g. https://<account>.table.core.windows.net)',
    ]);
  });

  it('never echoes a secret in an error or a description', () => {
    const secret = 'SuperSecretAccountKey0123456789';
    const message = (() => {
      try {
        loadConfig({ DSAR_TABLES_CONNECTION_STRING: `AccountKey=${secret}` });
      } catch (error) {
        return String(error);
      }
    })();
    expect(message).toContain('DSAR_TABLES_CONNECTION_STRING');
    expect(message).not.toContain(secret);
    const described = describeTables({ kind: 'connection-string', connectionString: `AccountName=itguy;AccountKey=${secret};TableEndpoint=https://itguy.table.core.windows.net` });
    expect(described).toBe('https://itguy.table.core.windows.net (connection string)');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DSAR_TABLES_ENDPOINT: ' ', LOG_LEVEL: '' })).toMatchObject({ mode: 'local', port: 3978, logLevel: 'info' });
  });
});
