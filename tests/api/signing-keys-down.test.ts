import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { accessTokenValidator, SigningKeysUnavailable, TokenRejected } from '../../src/api/access-token.js';
import { freePort } from '../../src/local/azurite.js';
import { isDependencyDown } from '../../src/platform/outage.js';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT = 'a5c1d2e3-0f4b-4c6d-8e9f-1a2b3c4d5e6f';

/** A token that would be checked against the tenant's keys (the keys are what is unreachable here). */
async function token(authorityHost: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ oid: 'f42480b8-dde4-4295-bd1e-b7dd4383ea03', tid: TENANT, ver: '2.0', scp: 'Cases.ReadWrite' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(`${authorityHost}/${TENANT}/v2.0`)
    .setAudience(CLIENT)
    .setExpirationTime('5m')
    .sign(privateKey);
}

const validate = (authorityHost: string, bearer: string) =>
  accessTokenValidator({ clientId: CLIENT, tenantId: TENANT, authorityHost })(`Bearer ${bearer}`).then(
    () => 'accepted',
    (error: unknown) => error,
  );

describe("the add-in API when Entra ID's signing keys cannot be fetched", () => {
  it('nobody listening: a dependency outage (503 with Retry-After), not a rejected token', async () => {
    const host = `http://127.0.0.1:${await freePort()}`;
    const error = await validate(host, await token(host));
    expect(error).toBeInstanceOf(SigningKeysUnavailable);
    expect(isDependencyDown(error)).toBe(true);
  });

  it('the key endpoint answering 500: also an outage', async () => {
    const server = createServer((_req, res) => res.writeHead(500).end('down'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const error = await validate(host, await token(host));
      expect(isDependencyDown(error)).toBe(true);
    } finally {
      server.close();
    }
  });

  it('a malformed token is still a 401, whatever the keys do', async () => {
    const host = `http://127.0.0.1:${await freePort()}`;
    const error = await validate(host, 'not.a.token');
    expect(error).toBeInstanceOf(TokenRejected);
    expect((error as TokenRejected).status).toBe(401);
  });
});
