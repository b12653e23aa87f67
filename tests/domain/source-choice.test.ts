import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { parseSourceChoice } from '../../src/domain/source-choice.js';

describe('the sources a DPO names for a search', () => {
  it('takes hit kinds, source names and everyday words, Danish too, in a fixed order', () => {
    expect(parseSourceChoice('teams, calendar')).toEqual(['chats', 'channels', 'calendar']);
    expect(parseSourceChoice('chatMessage,siteFile')).toEqual(['sites', 'chats']);
    expect(parseSourceChoice('kontakter kalender post')).toEqual(['mailbox', 'calendar', 'contacts']);
    expect(parseSourceChoice('copilot,onedrive,mail')).toEqual(['mailbox', 'drive', 'copilot']);
  });

  it('"all" is every source', () => {
    expect(parseSourceChoice('all')).toEqual([]);
    expect(parseSourceChoice('alle')).toEqual([]);
  });

  it('refuses a word that is no source, naming it', () => {
    expect(() => parseSourceChoice('mail,fax')).toThrow(DomainError);
    expect(() => parseSourceChoice('fax')).toThrow(/"fax"/);
  });
});
