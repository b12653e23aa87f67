import { describe, expect, it } from 'vitest';
import { ConfigError, TEAMS_SERVICE_URLS, loadConfig } from '../../src/config/config.js';

/** The listen address and the bot's service URLs, as configuration decides them. */

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};
const azure = { DSAR_TABLES_ENDPOINT: 'https://itguydsar.table.core.windows.net' };
const bot = {
  DSAR_BOT_APP_ID: '0f6a8c52-3c1d-4e5f-9a7b-2d4e6f8a0b1c',
  DSAR_BOT_APP_PASSWORD: 'secret',
  DSAR_BOT_TENANT_ID: '3273f1e5-52ce-473f-92a8-31064c858f55',
};

describe('listen address and bot channel', () => {
  it('listens on loopback in local mode and on every interface in Azure mode, unless DSAR_HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(azure).host).toBeUndefined();
    expect(loadConfig({ DSAR_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...azure, DSAR_HOST: '::1' }).host).toBe('::1');
  });

  it('refuses a listen address that is not one', () => {
    for (const value of ['my-laptop', '127.0.0.1:3978', 'http://127.0.0.1', '999.1.1.1'])
      expect(problems({ DSAR_HOST: value }), value).toEqual([
        'DSAR_HOST: must be an IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)',
      ]);
  });

  it('talks to Teams with a bot registration and only to the Playground without one', () => {
    expect(loadConfig({ ...azure, ...bot }).botChannel.serviceUrls).toEqual(TEAMS_SERVICE_URLS);
    expect(loadConfig({ DSAR_PLAYGROUND_PORT: '56150' }).botChannel.serviceUrls).toEqual([
      'http://localhost:56150/',
      'http://127.0.0.1:56150/',
    ]);
  });

  it('takes the claim lease and the redelivery period in seconds, within bounds', () => {
    expect(loadConfig({}).botChannel).toMatchObject({ claimStaleMs: 120_000, redeliveryEveryMs: 60_000 });
    expect(loadConfig({ DSAR_BOT_CLAIM_STALE_SECONDS: '3', DSAR_BOT_REDELIVERY_SECONDS: '1' }).botChannel).toMatchObject({
      claimStaleMs: 3000,
      redeliveryEveryMs: 1000,
    });
    expect(problems({ DSAR_BOT_CLAIM_STALE_SECONDS: '0', DSAR_BOT_REDELIVERY_SECONDS: 'often' })).toEqual([
      'DSAR_BOT_CLAIM_STALE_SECONDS: must be 1-3600 seconds',
      'DSAR_BOT_REDELIVERY_SECONDS: must be a number of seconds',
    ]);
  });
});
