import { ResponseType } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { DiscoveryService } from '../../src/discovery/discovery-service.js';
import type { DiscoveryTable } from '../../src/discovery/discovery-table.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { dsar } from '../helpers/cli.js';
import { docxText, pdfText } from '../helpers/document-text.js';
import { eml, graphEnv, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshDiscoveryTable, freshCaseTable, storeEnv, uniquePrefix } from '../helpers/store.js';

// Answered and closed with the checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/** The answer package, built through Graph into the DPO's OneDrive; and the CLI contract. */

let tenant: TestTenant;
let cases: CaseService;
let table: DiscoveryTable;
let prefix: string;
let caseId: string;
const bigFile = Buffer.alloc(5 * 1024 * 1024, 'Ole Kjær ');

beforeAll(async () => {
  tenant = await startTestTenant({
    seed: smallSeed({
      messages: [
        {
          mailbox: 'mette@itguy.dk',
          folder: 'inbox',
          receivedAgo: { days: 3 },
          eml: eml({ from: 'Ole Kjær <ole@example.net>', to: 'mette@itguy.dk', subject: 'Min adresse', body: 'Jeg er flyttet. Ole Kjær' }),
        },
        {
          mailbox: 'support@itguy.dk',
          folder: 'inbox',
          receivedAgo: { days: 9 },
          eml: eml({
            from: 'helpdesk@example.com',
            to: 'support@itguy.dk',
            subject: 'Sag om Ole Kjær',
            body: 'Intern vurdering af Ole Kjær, kunde siden 2019. Kontakt: kollega@example.com, 22 33 44 55',
          }),
        },
      ],
      files: [
        { owner: 'mette@itguy.dk', path: 'Kunder/ole-kjaer.bin', modifiedAgo: { days: 2 }, content: bigFile, searchText: 'Ole Kjær' },
      ],
    }),
  });
  prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix));
  table = await freshDiscoveryTable(prefix);
  ({
    case: { id: caseId },
  } = await cases.open(
    newCaseInput({
      receivedAt: new Date().toISOString(),
      rights: ['access', 'portability'],
      requester: { name: 'Ole Kjær', email: 'ole@example.net' },
    }),
    DPO,
  ));
});
afterAll(() => tenant?.close());

const cliEnv = () => ({
  ...storeEnv(prefix),
  ...graphEnv(tenant),
  NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
  DSAR_EXPORT_DRIVE: 'mette@itguy.dk',
});

describe('dsar search and dsar export', () => {
  it('refuses to build a package for a processor case: the customer answers it', async () => {
    const { case: processor } = await cases.open(
      newCaseInput({
        receivedAt: new Date().toISOString(),
        rights: ['access'],
        requester: { name: 'Pia Berg', email: 'pia@kunde.example' },
        controllerElsewhere: { name: 'kunde.example', reason: "asks about the customer's mailboxes" },
      }),
      DPO,
    );
    const result = await dsar(['export', processor.id, '--json'], cliEnv());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/held for a customer \(kunde\.example\), who answers it/);
  });

  it('search prints exactly the contract', async () => {
    const result = await dsar(['search', caseId, '--json'], cliEnv());
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual([
      'caseId',
      'mailboxesSearched',
      'drivesSearched',
      'sources',
      'hits',
      'duplicatesSkipped',
      'ownSkipped',
      'durationMs',
      'throttledRetries',
    ]);
    expect(Object.keys(json.sources).sort()).toEqual(
      ['channelMessage', 'chatMessage', 'contact', 'copilotInteraction', 'event', 'file', 'message', 'siteFile'].sort(),
    );
    for (const s of Object.values(json.sources)) expect(Object.keys(s as object)).toEqual(['searched', 'failed', 'skipped']);
    expect(json).toMatchObject({ caseId, mailboxesSearched: 3, drivesSearched: 3, throttledRetries: 0 });
    expect(json.hits).toHaveLength(3);
    for (const hit of json.hits) {
      expect(Object.keys(hit).filter((k) => k !== 'webUrl')).toEqual(['source', 'kind', 'id', 'title', 'date', 'foundIn']);
      expect(hit.foundIn[0]).toMatchObject({ source: hit.source, id: hit.id });
    }
    expect(json.hits.map((h: { kind: string }) => h.kind).sort()).toEqual(['file', 'message', 'message']);
  });

  // The CLI process builds and uploads the letters as text, PDF and DOCX: slow on a loaded machine.
  it('export builds the package in the OneDrive: faithful copies, index, portability data, the letters', { timeout: 120_000 }, async () => {
    // The DPO withholds the internal assessment.
    const service = new DiscoveryService({ graph: tenant.graph, table, cases, companyDomain: 'itguy.dk' });
    const internal = (await service.hits(caseId)).find((h) => h.title === 'Sag om Ole Kjær')!;
    await service.review(caseId, internal, { include: false, reason: 'intern vurdering, ikke personens egne oplysninger' }, DPO);

    // The DPO confirmed one register assumption (the register table): the package's letter states that one only.
    expect((await dsar(['register', 'confirm', 'transfer:acronis'], cliEnv())).code).toBe(0);
    const result = await dsar(['export', caseId, '--json'], cliEnv(), 110_000);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ caseId, drive: 'mette@itguy.dk', folder: `DSAR/${caseId}`, included: 2, withheld: 1 });
    // The 5 MB file is found by its OneDrive's search and by the site search: one item, one duplicate skipped.
    expect(out).toMatchObject({ files: out.paths.length, redactedItems: 0, redactions: 0, duplicatesSkipped: 1 });
    const paths = out.paths.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'index.json',
        'index.csv',
        'portability/provided-data.json',
        'portability/provided-data.csv',
        'letter-access.da.txt',
        'letter-access.da.pdf',
        'letter-access.da.docx',
        'letter-portability.da.txt',
        'letter-portability.da.pdf',
        'letter-portability.da.docx',
      ]),
    );
    const read = async (path: string) =>
      Buffer.from(
        (await tenant.graph
          .api(`/users/mette@itguy.dk/drive/root:/${encodeURI(`DSAR/${caseId}/${path}`)}:/content`)
          .responseType(ResponseType.ARRAYBUFFER)
          .get()) as ArrayBuffer,
      );

    // A message's copy is its MIME source, byte for byte; the 5 MB file went through an upload session intact.
    const messagePath = paths.find((p: string) => p.endsWith('.eml'))!;
    const hit = (await service.hits(caseId)).find((h) => h.kind === 'message' && h.include !== false)!;
    const original = Buffer.from(
      (await tenant.graph
        .api(`/users/${hit.source}/messages/${hit.id}/$value`)
        .responseType(ResponseType.ARRAYBUFFER)
        .get()) as ArrayBuffer,
    );
    expect((await read(messagePath)).equals(original)).toBe(true);
    const filePath = paths.find((p: string) => p.startsWith('files/'))!;
    expect((await read(filePath)).equals(bigFile)).toBe(true);

    const index = JSON.parse((await read('index.json')).toString('utf8'));
    expect(index.items).toHaveLength(2);
    // Withheld items are described by kind and date, never by their subject (it may be about someone else).
    expect(index.withheld).toEqual([
      { kind: 'message', date: expect.any(String), reason: 'intern vurdering, ikke personens egne oplysninger' },
    ]);
    const letter = (await read('letter-access.da.txt')).toString('utf8');
    expect(letter).toMatch(/e-mail af \d{1,2}\. [a-z]+ \d{4}: intern vurdering/);
    expect(letter).not.toContain('Sag om Ole Kjær');
    expect(letter).toContain('Carl Jacobsens Vej 35, 2500 Valby');
    expect(letter).not.toContain('Borgergade');
    expect(letter).toContain('- Acronis: Data kan overføres til Schweiz');
    expect(letter).not.toContain('- DigitalOcean: Data kan overføres');
    expect(out.lettersNotWritten).toEqual([]);
    // The PDF and the DOCX say what the text says, with ITGuy's letterhead and a long Danish date.
    const pdf = await pdfText(await read('letter-access.da.pdf'));
    const docx = await docxText(await read('letter-access.da.docx'));
    for (const text of [pdf, docx]) {
      expect(text).toContain('ITGuy ApS');
      expect(text).toContain('Centervænget 19 st tv');
      expect(text).toMatch(/Hillerød, den \d{1,2}\. [a-z]+ \d{4}/);
      expect(text).toContain('intern vurdering, ikke personens egne oplysninger');
      expect(text).toContain('Carl Jacobsens Vej 35, 2500 Valby');
    }
    expect((await read('letter-portability.da.txt')).toString('utf8')).toContain('1 e-mail i fuld længde');
    // The index goes to the person with the copy, in the case's language.
    const indexCsv = (await read('index.csv')).toString('utf8');
    expect(indexCsv.split(/\r?\n/)[0]).toBe('"kilde","type","id","dato","titel","fil","hvorfor med"');
    expect(indexCsv).not.toMatch(/contains an identifier of the requester/);
    const portable = JSON.parse((await read('portability/provided-data.json')).toString('utf8'));
    expect(portable.messages.map((m: { subject: string }) => m.subject)).toEqual(['Min adresse']);

    const c = await cases.get(caseId);
    expect(c.export).toMatchObject({ folder: `DSAR/${caseId}`, drive: 'mette@itguy.dk', items: 2 });
    const events = await cases.timeline(caseId);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['search_recorded', 'export_recorded']));
  });
});

describe('answer packages after closure', () => {
  it('are deleted from the OneDrive once the case is closed, and the case says so', async () => {
    const { deleteClosedExports } = await import('../../src/discovery/export-cleanup.js');
    const repository = await freshCaseTable(prefix);
    const folder = () => tenant.raw(`/users/mette@itguy.dk/drive/root:/DSAR/${caseId}`);
    expect((await folder()).status).toBe(200);
    // Still open: kept.
    expect(await deleteClosedExports({ graph: tenant.graph, repository, cases })).toEqual([]);
    await cases.act(caseId, { type: 'start' }, DPO);
    await cases.act(caseId, { type: 'respond', summary: 'pakke sendt', override: OVERRIDE }, DPO);
    await cases.act(caseId, { type: 'close', outcome: 'besvaret', override: OVERRIDE }, DPO);
    expect(await deleteClosedExports({ graph: tenant.graph, repository, cases })).toEqual([caseId]);
    expect((await folder()).status).toBe(404);
    expect((await cases.get(caseId)).export?.deletedAt).toBeDefined();
    // Again: nothing more to do.
    expect(await deleteClosedExports({ graph: tenant.graph, repository, cases })).toEqual([]);
  });
});
