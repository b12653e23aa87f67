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
    expect(loadConfig({ DSAR_TABLES_CONNECTION_STRING: cs })).toMatchObject({
      mode: 'azure',
      tables: { kind: 'connection-string', connectionString: cs },
    });
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
    expect(
      problems({ DSAR_TABLES_ENDPOINT: 'https://a.table.core.windows.net', DSAR_TABLES_CONNECTION_STRING: 'AccountName=a;AccountKey=b' }),
    ).toEqual([
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
    const described = describeTables({
      kind: 'connection-string',
      connectionString: `AccountName=itguy;AccountKey=${secret};TableEndpoint=https://itguy.table.core.windows.net`,
    });
    expect(described).toBe('https://itguy.table.core.windows.net (connection string)');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DSAR_TABLES_ENDPOINT: ' ', LOG_LEVEL: '' })).toMatchObject({
      mode: 'local',
      port: 3978,
      logLevel: 'info',
    });
  });

  it('configures Graph: a client secret, or the managed identity when there is none', () => {
    const tenant = '7d1b4c3e-2f7a-4b8e-9c61-0a5e3d2f1b90';
    const client = '5e1f8d2a-6a53-4c1e-9a55-1d0f3c7b2e41';
    expect(loadConfig({ DSAR_GRAPH_TENANT_ID: tenant, DSAR_GRAPH_CLIENT_ID: client, DSAR_GRAPH_CLIENT_SECRET: 's3cret' }).graph).toEqual({
      baseUrl: 'https://graph.microsoft.com',
      auth: { kind: 'client-secret', tenantId: tenant, clientId: client, clientSecret: 's3cret', authorityHost: undefined },
    });
    expect(loadConfig({ DSAR_GRAPH_TENANT_ID: tenant, DSAR_GRAPH_CLIENT_ID: client }).graph?.auth).toEqual({
      kind: 'managed-identity',
      clientId: client,
    });
    expect(loadConfig({}).graph).toBeUndefined();
    expect(problems({ DSAR_GRAPH_CLIENT_SECRET: 'x' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DSAR_GRAPH_CLIENT_ID: /), expect.stringMatching(/^DSAR_GRAPH_TENANT_ID: /)]),
    );
    expect(problems({ DSAR_GRAPH_BASE_URL: 'http://graph.microsoft.com' })).toEqual([
      expect.stringMatching(/^DSAR_GRAPH_BASE_URL: must be an https URL/),
    ]);
  });

  it('intake needs the webhook secret with a public URL, and refuses an unresolved Key Vault reference', () => {
    expect(loadConfig({}).intake).toEqual({ mailboxes: ['dpa@itguy.dk', 'support@itguy.dk'], backfillDays: 31 });
    expect(problems({ DSAR_PUBLIC_URL: 'https://dsar.azurewebsites.net' })).toEqual([
      expect.stringMatching(/^DSAR_WEBHOOK_CLIENT_STATE: is required with DSAR_PUBLIC_URL/),
    ]);
    const unresolved = problems({
      DSAR_WEBHOOK_CLIENT_STATE: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/dsar-webhook-client-state/)',
    });
    expect(unresolved).toEqual([expect.stringMatching(/^DSAR_WEBHOOK_CLIENT_STATE: is still a Key Vault reference/)]);
    expect(unresolved.join()).not.toContain('kv.vault.azure.net');
    expect(problems({ DSAR_WEBHOOK_CLIENT_STATE: 'short' })).toEqual([
      expect.stringMatching(/^DSAR_WEBHOOK_CLIENT_STATE: must be 16-128 characters/),
    ]);
    expect(
      loadConfig({
        DSAR_PUBLIC_URL: 'https://dsar.azurewebsites.net/',
        DSAR_WEBHOOK_CLIENT_STATE: 'a'.repeat(32),
        DSAR_DPO_MAILBOX: 'DPA@itguy.dk',
      }).intake,
    ).toEqual({
      mailboxes: ['dpa@itguy.dk', 'support@itguy.dk'],
      publicUrl: 'https://dsar.azurewebsites.net',
      clientState: 'a'.repeat(32),
      backfillDays: 31,
    });
  });

  it('watches every official mailbox: the DPO mailbox and support@ unless DSAR_INTAKE_MAILBOXES says otherwise', () => {
    // support@ follows the company domain, and the DPO mailbox stays the DPO's.
    const moved = loadConfig({ DSAR_DPO_MAILBOX: 'privacy@example.com', DSAR_COMPANY_DOMAIN: 'Example.COM' });
    expect(moved.intake.mailboxes).toEqual(['privacy@example.com', 'support@example.com']);
    expect(moved.company.dpoMailbox).toBe('privacy@example.com');
    expect(loadConfig({ DSAR_DPO_MAILBOX: 'support@itguy.dk' }).intake.mailboxes).toEqual(['support@itguy.dk']);
    // As configured: trimmed, lower case, each once, in the given order.
    expect(loadConfig({ DSAR_INTAKE_MAILBOXES: ' Support@itguy.dk, dpa@itguy.dk,support@itguy.dk ,' }).intake.mailboxes).toEqual([
      'support@itguy.dk',
      'dpa@itguy.dk',
    ]);
    expect(loadConfig({ DSAR_INTAKE_MAILBOXES: '' }).intake.mailboxes).toEqual(['dpa@itguy.dk', 'support@itguy.dk']);
    expect(problems({ DSAR_INTAKE_MAILBOXES: 'dpa@itguy.dk,support@' })).toEqual([
      expect.stringMatching(/^DSAR_INTAKE_MAILBOXES: "support@" is not a mailbox address; must be addresses separated by commas/),
    ]);
    expect(problems({ DSAR_INTAKE_MAILBOXES: ' , ' })).toEqual([
      expect.stringMatching(/^DSAR_INTAKE_MAILBOXES: must name at least one mailbox/),
    ]);
  });

  it('takes an Application Insights connection string, and notes App Service', () => {
    const config = loadConfig({
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x/',
      DSAR_TABLES_ENDPOINT: 'https://a.table.core.windows.net',
      WEBSITE_SITE_NAME: 'dsar',
    });
    expect(config.telemetryConnectionString).toMatch(/^InstrumentationKey=/);
    expect(config.onAppService).toBe(true);
    expect(problems({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'nonsense' })).toEqual([
      expect.stringMatching(/^APPLICATIONINSIGHTS_CONNECTION_STRING: must be an Application Insights connection string/),
    ]);
  });

  it('says who the DPOs are, and checks the ids', () => {
    expect(loadConfig({}).dpo).toEqual({ userIds: [] });
    expect(
      loadConfig({ DSAR_DPO_USER_IDS: 'F42480B8-DDE4-4295-BD1E-B7DD4383EA03, 6330d733-bfb8-44d8-ad05-fd50cd09fe4b' }).dpo.userIds,
    ).toEqual(['f42480b8-dde4-4295-bd1e-b7dd4383ea03', '6330d733-bfb8-44d8-ad05-fd50cd09fe4b']);
    expect(problems({ DSAR_DPO_USER_IDS: 'lbh@itguy.dk' })).toEqual([
      'DSAR_DPO_USER_IDS: must be Entra object ids (GUIDs) separated by commas',
    ]);
    expect(problems({ DSAR_DPO_GROUP_ID: '0b88d4ca-9258-47e7-961e-6b2f482b03b7' })).toEqual([
      expect.stringMatching(/^DSAR_GRAPH_TENANT_ID: is required with DSAR_DPO_GROUP_ID/),
    ]);
  });

  it('configures the bot registration, and refuses half of one', () => {
    const tenant = '3273f1e5-52ce-473f-92a8-31064c858f55';
    const app = '0f6a8c52-3c1d-4e5f-9a7b-2d4e6f8a0b1c';
    expect(loadConfig({}).bot).toBeUndefined();
    expect(loadConfig({ DSAR_BOT_APP_ID: app, DSAR_BOT_APP_TYPE: 'UserAssignedMSI', DSAR_GRAPH_TENANT_ID: tenant }).bot).toEqual({
      appId: app,
      appType: 'UserAssignedMSI',
      tenantId: tenant,
    });
    expect(problems({ DSAR_BOT_APP_ID: app, DSAR_BOT_TENANT_ID: tenant })).toEqual([
      expect.stringMatching(/^DSAR_BOT_APP_PASSWORD: is required for a SingleTenant bot/),
    ]);
    expect(problems({ DSAR_BOT_APP_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^DSAR_BOT_APP_ID: is required/)]);
    expect(
      problems({ DSAR_BOT_APP_ID: app, DSAR_BOT_APP_PASSWORD: 'x', DSAR_BOT_TENANT_ID: tenant, DSAR_BOT_CHANNEL_ID: 'General' }),
    ).toEqual([expect.stringMatching(/^DSAR_BOT_CHANNEL_ID: must be a Teams channel id/)]);
  });

  it('writes deadlines to a calendar only when DSAR_CALENDAR_MAILBOX names one, naming a bad key', () => {
    expect(loadConfig({}).calendar).toBeUndefined();
    expect(loadConfig({ DSAR_CALENDAR_MAILBOX: 'DPA@itguy.dk' }).calendar).toEqual({
      mailbox: 'dpa@itguy.dk',
      lang: 'da',
      everyMs: 600_000,
    });
    expect(
      loadConfig({ DSAR_CALENDAR_MAILBOX: 'dpa@itguy.dk', DSAR_CALENDAR_LANGUAGE: 'en', DSAR_CALENDAR_SYNC_MINUTES: '30' }).calendar,
    ).toEqual({
      mailbox: 'dpa@itguy.dk',
      lang: 'en',
      everyMs: 1_800_000,
    });
    expect(problems({ DSAR_CALENDAR_MAILBOX: 'dpa', DSAR_CALENDAR_LANGUAGE: 'de', DSAR_CALENDAR_SYNC_MINUTES: '0' })).toEqual([
      "DSAR_CALENDAR_MAILBOX: must be the mailbox whose calendar gets the deadlines, e.g. the DPO's lbh@itguy.dk or a shared dpa@itguy.dk",
      'DSAR_CALENDAR_LANGUAGE: must be da or en',
      'DSAR_CALENDAR_SYNC_MINUTES: must be 1-1440 minutes',
    ]);
    expect(problems({ DSAR_TABLES_ENDPOINT: 'https://a.table.core.windows.net', DSAR_CALENDAR_MAILBOX: 'dpa@itguy.dk' })).toEqual([
      'DSAR_CALENDAR_MAILBOX: needs Microsoft Graph (DSAR_GRAPH_TENANT_ID): the deadlines are written to the calendar through Graph',
    ]);
  });

  it("takes the Teams app's id for deep links to its tab, and names a malformed one", () => {
    expect(loadConfig({ DSAR_TEAMS_APP_ID: 'A5C1D2E3-0F4B-4C6D-8E9F-1A2B3C4D5E6F' }).teamsAppId).toBe(
      'a5c1d2e3-0f4b-4c6d-8e9f-1a2b3c4d5e6f',
    );
    expect(problems({ DSAR_TEAMS_APP_ID: 'dsar' })).toEqual(["DSAR_TEAMS_APP_ID: must be the Teams app's id (the manifest's id, a GUID)"]);
  });

  it('reads the reminder policy, naming a bad key', () => {
    expect(loadConfig({}).reminders).toEqual({
      hour: 8,
      daysBefore: [7, 3, 1],
      unconfirmedWorkingDays: 3,
      extensionDecisionDaysBefore: 7,
      pausedEveryDays: 7,
    });
    expect(loadConfig({ DSAR_REMINDER_DAYS_BEFORE: '1, 14,3', DSAR_REMINDER_HOUR: '7' }).reminders).toMatchObject({
      hour: 7,
      daysBefore: [14, 3, 1],
      extensionDecisionDaysBefore: 14,
    });
    expect(problems({ DSAR_REMINDER_DAYS_BEFORE: 'a week', DSAR_REMINDER_HOUR: '24' })).toEqual([
      'DSAR_REMINDER_HOUR: must be an hour 0-23',
      'DSAR_REMINDER_DAYS_BEFORE: must be whole days before the deadline, comma-separated, e.g. 7,3,1',
    ]);
  });
});
