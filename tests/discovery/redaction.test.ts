import { ResponseType } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { ITGUY_REGISTER, type CaseId } from '../../src/domain/index.js';
import { DiscoveryService } from '../../src/discovery/discovery-service.js';
import type { DiscoveryTable } from '../../src/discovery/discovery-table.js';
import { ExportBuilder } from '../../src/discovery/export-package.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { pdfText } from '../helpers/document-text.js';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshDiscoveryTable, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Art. 15(4) through the real Graph client, Azurite and the dev tenant: other people's addresses, Danish
 * phone numbers, CPR numbers and names in an item's full text are taken out of the copy (the package's PDF
 * is rendered without them: its extracted text does not hold them), the data subject's own stay, an item
 * with nothing to redact keeps its original bytes, "keep" on a person leaves their data in, and the log
 * and the counts say what was done.
 */

const SUBJECT = { name: 'Jens Møller', email: 'jens.moeller@moeller-vvs.example.net', phone: '+45 21 43 65 87' };
const OTHER = ['lene.dahl@dahl-el.example.com', '22 33 44 55', '010190-1234', 'Lene Dahl'];

let tenant: TestTenant;
let cases: CaseService;
let table: DiscoveryTable;
let caseId: string;

beforeAll(async () => {
  tenant = await startTestTenant({
    seed: smallSeed({
      messages: [
        {
          mailbox: 'mette@itguy.dk',
          folder: 'inbox',
          receivedAgo: { days: 4 },
          eml: eml({
            from: `${SUBJECT.name} <${SUBJECT.email}>`,
            to: 'mette@itguy.dk',
            subject: 'Printer og tilbud',
            body: `Hej Mette\n\nPrinteren driller igen, ring på ${SUBJECT.phone}. Min nabo Lene Dahl (lene.dahl@dahl-el.example.com, 22 33 44 55) vil også have et tilbud; hendes CPR 010190-1234 stod ved en fejl på blanketten.\n\nVenlig hilsen\nJens Møller`,
          }),
        },
        {
          mailbox: 'mette@itguy.dk',
          folder: 'inbox',
          receivedAgo: { days: 6 },
          eml: eml({
            from: `${SUBJECT.name} <${SUBJECT.email}>`,
            to: 'mette@itguy.dk',
            subject: 'Tak',
            body: 'Tak for hjælpen. Jens Møller',
          }),
        },
      ],
      files: [
        {
          owner: 'mette@itguy.dk',
          path: 'Kunder/kontakter.csv',
          modifiedAgo: { days: 2 },
          content: `navn;e-mail;telefon\nJens Møller;${SUBJECT.email};21436587\nLene Dahl;lene.dahl@dahl-el.example.com;+45 22 33 44 55\n`,
        },
      ],
    }),
  });
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix));
  table = await freshDiscoveryTable(prefix);
  ({
    case: { id: caseId },
  } = await cases.open(newCaseInput({ receivedAt: new Date().toISOString(), requester: SUBJECT }), DPO));
  await service().search(caseId, DPO, { kinds: ['mailbox', 'drive'] });
}, 120_000);
afterAll(() => tenant?.close());

const service = () => new DiscoveryService({ graph: tenant.graph, table, cases, companyDomain: 'itguy.dk' });
const build = () =>
  new ExportBuilder({
    graph: tenant.graph,
    table,
    cases,
    drive: 'mette@itguy.dk',
    register: ITGUY_REGISTER,
    companyDomain: 'itguy.dk',
  }).build(caseId, DPO);
const read = async (path: string) =>
  Buffer.from(
    (await tenant.graph
      .api(`/users/mette@itguy.dk/drive/root:/${encodeURI(`DSAR/${caseId}/${path}`)}:/content`)
      .responseType(ResponseType.ARRAYBUFFER)
      .get()) as ArrayBuffer,
  );

describe('redacting other people in the copy (Art. 15(4))', () => {
  it('proposes every other person’s address, phone, CPR and name from the full text, never the subject’s own', async () => {
    const items = await service().redactions(caseId);
    const values = items.flatMap((i) => i.proposals.map((p) => p.value));
    for (const other of OTHER) expect(values.some((v) => v.replace(/\s/g, '').includes(other.replace(/\s/g, '')))).toBe(true);
    for (const own of [SUBJECT.email, 'Jens Møller', '21 43 65 87']) expect(values.join('\n')).not.toContain(own);
    for (const p of items.flatMap((i) => i.proposals)) expect(p.decision).toBe('redact');
  });

  it('the package holds redacted PDFs without the other person’s data and with the subject’s, originals where nothing was redacted, and a log', async () => {
    const result = await build();
    expect(result.redactedItems).toBe(2);
    expect(result.redactions).toBeGreaterThanOrEqual(OTHER.length);
    const pdfs = result.files.filter((f) => f.path.endsWith('.pdf') && !f.path.startsWith('letter-'));
    expect(pdfs).toHaveLength(2);
    for (const f of pdfs) {
      const text = (await pdfText(await read(f.path))).replace(/\s+/g, ' ');
      for (const other of OTHER) expect(text.replace(/\s/g, '')).not.toContain(other.replace(/\s/g, ''));
      expect(text).toContain('Jens Møller');
    }
    // The short thank-you mail names nobody else: its original MIME, byte for byte.
    const eml = result.files.find((f) => f.path.endsWith('.eml'))!;
    expect((await read(eml.path)).toString('utf8')).toContain('Tak for hjælpen');
    const log = (await read('redaction-log.csv')).toString('utf8');
    expect(log.split(/\r?\n/).filter(Boolean).length).toBeGreaterThan(OTHER.length);
    for (const other of OTHER) expect(log).not.toContain(other);
    const letter = (await read('letter-access.da.txt')).toString('utf8');
    expect(letter).toContain('artikel 15, stk. 4');
    // The case's record says what was taken out of the copy, and why.
    expect((await cases.get(caseId as CaseId)).export).toMatchObject({ redactedItems: 2, redactions: result.redactions, kept: 0 });
    const recorded = (await cases.timeline(caseId as CaseId)).filter((e) => e.type === 'export_recorded').at(-1)!;
    expect(recorded.da).toContain(`andres oplysninger fjernet fra 2 elementer (${result.redactions} steder, artikel 15, stk. 4)`);
  }, 120_000);

  it('"keep" for a person leaves their data in every item, and the counts follow', async () => {
    const items = await service().redactions(caseId);
    const lene = items.flatMap((i) => i.proposals).find((p) => p.kind === 'email')!;
    await service().decideRedaction(caseId, { person: lene.person }, 'keep', DPO);
    const kept = (await service().redactions(caseId)).flatMap((i) => i.proposals).filter((p) => p.person === lene.person);
    expect(kept.length).toBeGreaterThan(0);
    for (const p of kept) expect(p.decision).toBe('keep');
    const result = await build();
    const pdfs = result.files.filter((f) => f.path.endsWith('.pdf') && !f.path.startsWith('letter-'));
    const texts = await Promise.all(pdfs.map(async (f) => (await pdfText(await read(f.path))).replace(/\s/g, '')));
    expect(texts.some((t) => t.includes('lene.dahl@dahl-el.example.com'))).toBe(true);
    expect((await cases.get(caseId as CaseId)).export?.kept).toBe(kept.length);
  }, 120_000);
});
