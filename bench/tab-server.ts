import { randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import pLimit from 'p-limit';
import { accessTokenValidator, API_SCOPE, TokenRejected } from '../src/api/access-token.js';
import { collectStatistics } from '../src/app/retention.js';
import { dpoAccess, openCases } from '../src/compose.js';
import { loadConfig } from '../src/config/config.js';
import { RIGHTS, Temporal } from '../src/domain/index.js';
import { freePort, type RunningAzurite } from '../src/local/azurite.js';
import { createLogger } from '../src/logging/logger.js';
import { createApp } from '../src/server/app.js';
import { SignInRefused, createTab } from '../src/tab/tab.js';

/**
 * The tab's page and API over HTTP for the benches, as compose.ts wires them: the add-in API's token
 * validator (JWKS fetched over HTTP, here from this server), the open-case index, the statistics. Tokens
 * are signed with a key made at start, published at the tenant's JWKS address.
 */

export const TAB_DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const TENANT = '7d1b4c3e-2f7a-4b8e-9c61-0a5e3d2f1b90';
const CLIENT = 'a5c1d2e3-0f4b-4c6d-8e9f-1a2b3c4d5e6f';

export interface TabServer {
  url: string;
  token: string;
  ids: string[];
  close(): void;
}

/** `open` open cases (received over the last 30 days) and `answered` answered ones earlier in the year. */
export async function startTabServer(azurite: RunningAzurite, open: number, answered = Math.round(open / 4)): Promise<TabServer> {
  const config = loadConfig({
    DSAR_TABLES_CONNECTION_STRING: azurite.connectionString,
    DSAR_TABLE_PREFIX: `tab${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'silent',
  });
  const { cases, table } = await openCases(config);
  const now = Temporal.Now.instant();
  const actor = { kind: 'system' as const, id: 'bench' };
  const limit = pLimit(8);
  const ids = await Promise.all(
    Array.from({ length: open + answered }, (_, i) =>
      limit(async () => {
        const done = i >= open;
        const hoursAgo = done ? 24 * (40 + (i % 200)) : 1 + ((i * 37) % (30 * 24));
        const { case: c } = await cases.open(
          {
            receivedAt: now.subtract({ hours: hoursAgo }).toString(),
            channel: 'email',
            requester: { name: `Person ${i}`, email: `p${i}@example.com` },
            rights: [RIGHTS[i % RIGHTS.length]!],
            language: 'da',
          },
          actor,
        );
        if (done) {
          await cases.act(c.id, { type: 'start' }, actor);
          await cases.act(c.id, { type: 'respond', override: 'bench' }, actor);
          await cases.act(c.id, { type: 'close', outcome: 'bench', override: 'bench' }, actor);
        } else if (i % 7 === 0) await cases.act(c.id, { type: 'pause', kind: 'identity', reason: 'bench' }, actor);
        return c.id;
      }),
    ),
  );

  const port = await freePort();
  const authorityHost = `http://127.0.0.1:${port}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const token = await new SignJWT({ oid: TAB_DPO, tid: TENANT, scp: API_SCOPE, ver: '2.0', name: 'Bench DPO' })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuer(`${authorityHost}/${TENANT}/v2.0`)
    .setAudience(CLIENT)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  const api = { clientId: CLIENT, tenantId: TENANT, authorityHost };
  const validate = accessTokenValidator(api);
  const logger = createLogger('silent');
  const server = createApp({ logger, version: 'bench', readiness: [] });
  server.get(`/${TENANT}/discovery/v2.0/keys`, (_req, res, next) => {
    res.send(200, { keys: [jwk] });
    next();
  });
  createTab({
    cases,
    access: await dpoAccess({ dpo: { userIds: [TAB_DPO] } }, undefined),
    statistics: (at, years) => collectStatistics(table, at, years),
    authenticate: async (authorization) => {
      try {
        return await validate(authorization);
      } catch (error) {
        if (error instanceof TokenRejected) throw new SignInRefused(error.status, error.code, error.message);
        throw error;
      }
    },
    signIn: { apiClientId: CLIENT, authority: `${authorityHost}/${TENANT}`, scope: `api://${CLIENT}/${API_SCOPE}` },
    // The page's dev sign-in hands out the bench's token, as local mode hands out the dev tenant's.
    devToken: async () => token,
    logger,
  }).routes?.(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { url: authorityHost, token, ids: ids.slice(0, open), close: () => server.close() };
}
