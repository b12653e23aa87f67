import type { CompanyProfile } from './types.js';

/**
 * The company profile used when a caller gives none: ITGuy ApS and its domain. The CLI and the tests use it;
 * the application passes the configured company (config.company) instead.
 */
export const DEFAULT_PROFILE: CompanyProfile = Object.freeze({ name: 'ITGuy', domains: Object.freeze(['itguy.dk']) as string[] });

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Patterns derived from a profile, built once per profile object. */
export interface ProfilePatterns {
  profile: CompanyProfile;
  /** The company's name as a word ("ITGuy", "ITGuy ApS"). */
  name: RegExp;
  /** An address at one of the company's domains, anywhere in a text ("dpa@itguy.dk"). */
  address: RegExp;
  /** The name, a domain or the company's privacy words: text the company wrote on a case. */
  ownText: RegExp;
  /** The folded first word of the name, as a token ("itguy"). */
  nameToken: string;
}

const cache = new WeakMap<CompanyProfile, ProfilePatterns>();

export function profilePatterns(profile: CompanyProfile): ProfilePatterns {
  let p = cache.get(profile);
  if (!p) {
    const name = escapeRegExp(profile.name.trim());
    const domains = profile.domains.map((d) => escapeRegExp(d.toLowerCase().replace(/^@/, '')));
    const domainAlt = domains.length ? domains.join('|') : '(?!)';
    p = {
      profile,
      name: new RegExp(`\\b${name}\\b`, 'i'),
      address: new RegExp(`@(?:[\\w-]+\\.)*(?:${domainAlt})\\b`, 'i'),
      ownText: new RegExp(`\\b${name}\\b|@(?:[\\w-]+\\.)*(?:${domainAlt})\\b|databeskyttelse|dpa@`, 'i'),
      nameToken: (profile.name.trim().split(/\s+/)[0] ?? '').toLowerCase().replace(/[-'’]/g, ''),
    };
    cache.set(profile, p);
  }
  return p;
}

/** An address at the company's own domains (or their subdomains). */
export function isOwnAddress(address: string | null | undefined, profile: CompanyProfile): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  return profile.domains.some((d) => {
    const domain = d.toLowerCase().replace(/^@/, '');
    return a.endsWith(`@${domain}`) || a.endsWith(`.${domain}`);
  });
}
