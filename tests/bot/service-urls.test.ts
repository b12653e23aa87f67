import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLoopback, refuseActivity } from '../../src/bot/activity-gate.js';
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
    serviceUrl: 'http://localhost:56150/_connector',
    conversation: { id: 'personal-chat-rhv' },
    from: { id: 'user-rhv' },
  };
  const from = (remoteAddress: string | undefined, body: unknown = activity) => ({ body, socket: { remoteAddress } });
  const unsigned = { serviceUrls: playground, unsigned: true };

  it('takes unsigned activities from loopback only, and only naming the Playground', () => {
    expect(refuseActivity(from('127.0.0.1'), unsigned)).toBeUndefined();
    expect(refuseActivity(from('::1'), unsigned)).toBeUndefined();
    expect(refuseActivity(from('::ffff:127.0.0.1'), unsigned)).toBeUndefined();
    for (const address of ['192.0.2.2', '::ffff:10.0.0.7', 'fd00::2', undefined])
      expect(refuseActivity(from(address), unsigned)?.status, String(address)).toBe(403);
    expect(refuseActivity(from('127.0.0.1', { ...activity, serviceUrl: 'http://localhost:3979/_dev/' }), unsigned)).toEqual({
      status: 403,
      reason: 'the activity names a serviceUrl this bot does not talk to',
    });
  });

  it('refuses what is not an activity with 400 and a reason', () => {
    const { type: _, ...untyped } = activity;
    for (const body of [null, [], 'text', {}, untyped, { ...activity, conversation: {} }, { ...activity, from: null }]) {
      const refused = refuseActivity(from('127.0.0.1', body), unsigned);
      expect(refused?.status, JSON.stringify(body)).toBe(400);
      expect(refused?.reason).toMatch(/activity|body/);
    }
  });

  it('with a bot registration, leaves the sender to the token check but still refuses other service URLs', () => {
    const signed = { serviceUrls: teams, unsigned: false };
    const teamsActivity = { ...activity, serviceUrl: 'https://smba.trafficmanager.net/emea/' };
    expect(refuseActivity(from('192.0.2.2', teamsActivity), signed)).toBeUndefined();
    expect(refuseActivity(from('192.0.2.2', activity), signed)?.status).toBe(403);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['192.0.2.2', '::', '0.0.0.0', '::ffff:192.0.2.2', 'localhost', ''].some(isLoopback)).toBe(false);
  });
});
