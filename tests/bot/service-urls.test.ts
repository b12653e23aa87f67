import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLocalHost, isLoopback, refuseActivity, refuseSender } from '../../src/bot/activity-gate.js';
import { serviceUrlPolicy } from '../../src/bot/service-urls.js';
import { TEAMS_SERVICE_URLS, loadConfig } from '../../src/config/config.js';

/** Which service URLs the bot talks to, and the gate in front of the adapter: pure checks. */

const teams = serviceUrlPolicy(TEAMS_SERVICE_URLS);
const playground = serviceUrlPolicy(loadConfig({ DSAR_PLAYGROUND_PORT: '56150' }).botChannel.serviceUrls);

describe('service URLs', () => {
  it("allow Teams' documented endpoints with their region paths, and the government clouds", () => {
    for (const url of [
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net/teams/',
      'https://SMBA.trafficmanager.net/apac',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
    ])
      expect(teams.allows(url), url).toBe(true);
  });

  it('refuse look-alikes, other schemes and ports, credentials, loopback and non-strings', () => {
    for (const url of [
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net:8443/emea/',
      'https://smba.trafficmanager.net.evil.example/',
      'https://evil.example/smba.trafficmanager.net/',
      'https://smba.trafficmanager.net@evil.example/',
      'https://user:pw@smba.trafficmanager.net/emea/',
      'http://127.0.0.1:3979/_dev/',
      'http://localhost:56150/_connector',
      '',
      'not a url',
      undefined,
      42,
      { toString: () => 'https://smba.trafficmanager.net/' },
    ])
      expect(teams.allows(url), String(url)).toBe(false);
  });

  it("locally allow only the Playground's own URL", () => {
    expect(playground.allows('http://localhost:56150/_connector')).toBe(true);
    expect(playground.allows('http://127.0.0.1:56150/_connector')).toBe(true);
    expect(playground.allows('http://localhost:56151/_connector')).toBe(false);
    expect(playground.allows('http://localhost:3979/_dev/faults')).toBe(false);
    expect(playground.allows('https://smba.trafficmanager.net/emea/')).toBe(false);
  });

  it('never allow a host that is not listed, whatever the path (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const host = new URL(url).hostname;
        const listed = [
          'smba.trafficmanager.net',
          'smba.infra.gcc.teams.microsoft.com',
          'smba.infra.gov.teams.microsoft.us',
          'smba.infra.dod.teams.microsoft.us',
        ];
        if (!listed.includes(host)) expect(teams.allows(url)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('allow every path under an allowed endpoint, and never throw on any string (property)', () => {
    fc.assert(
      fc.property(fc.webPath(), fc.string(), (path, junk) => {
        expect(teams.allows(`https://smba.trafficmanager.net${path.startsWith('/') ? path : `/${path}`}`)).toBe(true);
        expect(() => teams.allows(junk)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

describe('the activity gate', () => {
  const activity = {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'http://localhost:56150/_connector',
    conversation: { id: 'personal-chat-rhv' },
    from: { id: 'user-rhv' },
    recipient: { id: '28:bot' },
  };
  const PORT = 3978;
  const sender = (remoteAddress: string | undefined, headers: Record<string, string> = { host: `localhost:${PORT}` }) => ({
    socket: { remoteAddress, localPort: PORT },
    headers,
  });
  const unsigned = { serviceUrls: playground, unsigned: true };

  it('takes unsigned activities from loopback only', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(refuseSender(sender(address), true), address).toBeUndefined();
    for (const address of ['192.0.2.2', '::ffff:10.0.0.7', 'fd00::2', undefined]) {
      expect(refuseSender(sender(address), true)?.status, String(address)).toBe(403);
      expect(refuseSender(sender(address), true)?.code).toBe('forbidden');
    }
  });

  it('takes unsigned activities only for localhost on the app’s own port (no rebound DNS name, no tunnel)', () => {
    for (const host of [`localhost:${PORT}`, `LOCALHOST:${PORT}`, `127.0.0.1:${PORT}`, `[::1]:${PORT}`])
      expect(refuseSender(sender('127.0.0.1', { host }), true), host).toBeUndefined();
    for (const host of ['evil.example:3978', 'localhost', `localhost:${PORT + 1}`, `127.0.0.2:${PORT}`, `x.devtunnels.ms`, ''])
      expect(refuseSender(sender('127.0.0.1', { host }), true)?.reason, host).toMatch(/only for localhost/);
    expect(refuseSender({ socket: { remoteAddress: '127.0.0.1' }, headers: { host: `localhost:${PORT}` } }, true)?.status).toBe(403);
  });

  it('refuses any Host that is not one of the three local names (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.string()), fc.integer({ min: 1, max: 65535 }), (name, port) => {
        const host = `${name}:${port}`;
        const allowed = isLocalHost(host, PORT);
        expect(allowed).toBe([`localhost:${PORT}`, `127.0.0.1:${PORT}`, `[::1]:${PORT}`].includes(host.toLowerCase()));
        expect(refuseSender(sender('127.0.0.1', { host }), true) === undefined).toBe(allowed);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a request a web page sent (Origin or Sec-Fetch-Site), which the Playground’s server never sends', () => {
    const host = `localhost:${PORT}`;
    for (const extra of [
      { origin: 'http://localhost:56150' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ])
      expect(refuseSender(sender('127.0.0.1', { host, ...extra }), true)?.reason, JSON.stringify(extra)).toMatch(/web page/);
    // Node's own fetch (how a script on this machine would post) sends Sec-Fetch-Mode: not a browser sign.
    expect(refuseSender(sender('127.0.0.1', { host, 'sec-fetch-mode': 'cors' }), true)).toBeUndefined();
  });

  it('with a bot registration, leaves the sender to the token check', () => {
    expect(refuseSender(sender('192.0.2.2', { host: 'dsar.azurewebsites.net', origin: 'https://x' }), false)).toBeUndefined();
  });

  it('refuses what is not an activity with 400 and a reason', () => {
    const { type: _, ...untyped } = activity;
    for (const body of [null, [], 'text', {}, untyped, { ...activity, conversation: {} }, { ...activity, from: null }]) {
      const refused = refuseActivity(body, unsigned);
      expect(refused?.status, JSON.stringify(body)).toBe(400);
      expect(refused?.code).toBe('invalid_activity');
      expect(refused?.reason).toMatch(/activity/);
    }
    expect(refuseActivity(activity, unsigned)).toBeUndefined();
  });

  it('takes null where an optional field is absent, as channels serialise it', () => {
    const nulls = { id: null, text: null, locale: null, timestamp: null, localTimestamp: null, expiration: null, deliveryMode: null };
    expect(refuseActivity({ ...activity, ...nulls }, unsigned)).toBeUndefined();
    expect(refuseActivity({ ...activity, text: 42 }, unsigned)?.status).toBe(400);
  });

  it('refuses a service URL the bot does not talk to, in both modes', () => {
    expect(refuseActivity({ ...activity, serviceUrl: 'http://localhost:3979/_dev/' }, unsigned)).toEqual({
      status: 403,
      code: 'forbidden',
      reason: 'the activity names a serviceUrl this bot does not talk to',
    });
    const signed = { serviceUrls: teams, unsigned: false };
    expect(refuseActivity({ ...activity, serviceUrl: 'https://smba.trafficmanager.net/emea/' }, signed)).toBeUndefined();
    expect(refuseActivity(activity, signed)?.status).toBe(403);
  });

  it('without a registration, takes only normal delivery (expectReplies would put replies in the response)', () => {
    for (const deliveryMode of [undefined, 'normal', 'default'])
      expect(refuseActivity({ ...activity, ...(deliveryMode ? { deliveryMode } : {}) }, unsigned), deliveryMode).toBeUndefined();
    for (const deliveryMode of ['expectReplies', 'notification', 'ephemeral', 'stream', ''])
      expect(refuseActivity({ ...activity, deliveryMode }, unsigned)?.status, deliveryMode).toBe(400);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['192.0.2.2', '::', '0.0.0.0', '::ffff:192.0.2.2', 'localhost', ''].some(isLoopback)).toBe(false);
  });
});
