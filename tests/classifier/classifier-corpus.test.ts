import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDataPath, DEMO_DPA_INBOX } from 'm365-dev-tenant/demo';
import { CEILINGS, evaluateDirectory, FLOORS, normalizeLabel, reportText } from '../../scripts/classifier-evaluation.js';
import { classifyEml, CLI_RIGHT_NAMES, LANGS, toJson, VERDICTS } from '../../src/classifier/index.js';

/** The labelled corpus (tests/fixtures/classifier) and the demo tenant's dpa@ inbox, end to end from the .eml bytes. */

const corpus = join(import.meta.dirname, '..', 'fixtures', 'classifier');

describe('classifier corpus', () => {
  it('has at least 90 realistic messages, most Danish, about half of them negatives and edge cases', () => {
    const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    const entries = Object.entries(labels).map(([file, raw]) => ({ file, label: normalizeLabel(raw) }));
    expect(entries.length).toBeGreaterThanOrEqual(90);
    const plainRequests = entries.filter((e) => e.label.privacyRequest && !e.file.startsWith('edge-'));
    expect(plainRequests.length / entries.length).toBeLessThanOrEqual(0.55);
    expect(entries.filter((e) => e.label.followUp).length).toBeGreaterThanOrEqual(10);
    // Addresses on example domains only, plus ITGuy's own.
    for (const { file } of entries) {
      const text = readFileSync(join(corpus, file), 'latin1');
      for (const address of text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []) {
        expect(address, `${file}: ${address}`).toMatch(/@(?:[\w-]+\.)*(?:example\.(?:com|net|org)|itguy\.dk)$/i);
      }
    }
  });

  it('labels every message with its verdict, and holds every kind and language the classifier must know', async () => {
    const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    const entries = Object.entries(labels);
    expect(entries.length).toBeGreaterThanOrEqual(345);
    for (const [file, raw] of entries) expect(VERDICTS, file).toContain(raw.verdict);
    const verdicts = entries.map(([, raw]) => raw.verdict);
    expect(verdicts.filter((v) => v === 'not_request').length).toBeGreaterThanOrEqual(140);
    // Requests in all seven languages, written like the templates people copy (with the article).
    const result = await evaluateDirectory(corpus);
    const languages = new Set(
      result.outcomes
        .filter((o) => o.expected.verdict === 'request' && 'language' in o.got)
        .map((o) => (o.got as { language: string }).language),
    );
    for (const lang of LANGS) expect([...languages], lang).toContain(lang);
  });

  it('meets the floors: requests surfaced, precision, uncertain non-requests, exact rights, requester, follow-ups', async () => {
    const result = await evaluateDirectory(corpus);
    const report = reportText(corpus, result);
    for (const [key, floor] of Object.entries(FLOORS)) {
      expect(result.figures[key as keyof typeof result.figures], `${key}\n${report}`).toBeGreaterThanOrEqual(floor!);
    }
    for (const [key, ceiling] of Object.entries(CEILINGS)) {
      expect(result.figures[key as keyof typeof result.figures], `${key}\n${report}`).toBeLessThanOrEqual(ceiling!);
    }
    expect(result.unlabelled).toEqual([]);
    expect(result.figures.caseRefCorrect, report).toBeGreaterThanOrEqual(0.9);
  });

  it('classifies a few hundred messages in seconds', async () => {
    const result = await evaluateDirectory(corpus);
    expect(result.figures.seconds / result.figures.messages).toBeLessThan(0.05);
  });
});

describe('the demo tenant: dpa@itguy.dk inbox', () => {
  it.each(DEMO_DPA_INBOX.map((d) => [d.file, d] as const))('%s', async (_file, expected) => {
    const bytes = readFileSync(demoDataPath('mail', expected.file));
    const got = toJson(await classifyEml(bytes));
    expect(got.privacyRequest, got.evidence.join(' | ')).toBe(expected.isRequest);
    expect(got.followUp).toBe(false);
    expect(got.language).toBe(expected.language);
    expect(got.requester.email).toBe(expected.requester);
    if (expected.isRequest) {
      expect([...got.rights].sort()).toEqual(expected.rights.map((r) => CLI_RIGHT_NAMES[r]).sort());
      if (expected.onBehalfOf) expect(got.dataSubject).toEqual({ name: expected.dataSubject });
      else {
        expect(got.dataSubject).toBeNull();
        expect(got.requester.name).toBe(expected.dataSubject);
      }
      expect(got.evidence.length).toBeGreaterThan(0);
    } else expect(got.rights).toEqual([]);
  });

  it.each([
    ['01-sletning-da.eml', ['erasure']],
    // "how long you keep the data and where you got it from": asked in so many words, so information too.
    ['02-access-request-en-html.eml', ['access', 'information']],
    ['03-berigtigelse-da-bilag.eml', ['rectification']],
  ])('the sample %s to deliver by hand is a request for %j', async (file, rights) => {
    const got = toJson(await classifyEml(readFileSync(demoDataPath('samples', file))));
    expect(got).toMatchObject({ privacyRequest: true, followUp: false, rights });
  });
});
