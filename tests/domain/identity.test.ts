import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  checkedIdentityMethod,
  idAttachmentTaskId,
  idDocumentAttachments,
  identityMethodOf,
  refuseKeptCopy,
  type Case,
} from '../../src/domain/index.js';
import { acknowledgementText } from '../../src/intake/acknowledgement.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

/** Identity without copies (EDPB §79; issue 15 item 4). */

const started = (): Case => run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'start' }]);
const record = (method: string) =>
  applyCommand(started(), { type: 'record_identity', identity: { method } }, { now: '2026-03-07T09:00:00Z', actor: DPO, retentionYears: 3 })
    .case.identity;

describe('the identity method comes from a list', () => {
  it.each([
    ['MitID-signed e-mail', 'mitid_signed_mail'],
    ['mitid_signed_mail', 'mitid_signed_mail'],
    ['ringede tilbage til kendt nummer', 'call_back_known_number'],
    ['call-back', 'call_back_known_number'],
    ['wrote from the address on file', 'known_address'],
    ['kundenummer 10482 stemte', 'customer_number'],
    ['mødte op på kontoret med sit sundhedskort, ingen kopi taget', 'other'],
  ] as const)('"%s" is %s', (text, kind) => {
    expect(identityMethodOf(text)).toBe(kind);
    expect(record(text)).toMatchObject({ status: 'verified', methodKind: kind, by: DPO });
  });

  it('a list key reads as its name in the file; a bare "other" needs words', () => {
    expect(checkedIdentityMethod('call_back_known_number').text).toBe('call-back to a known number');
    expect(() => checkedIdentityMethod('andet')).toThrow(/needs words/);
  });
});

describe('free text that says a copy was kept is refused', () => {
  it.each(['kopi af pas gemt', 'Kørekort scannet og gemt på sagen', 'copy of passport kept', 'foto af sundhedskort uploadet'])(
    '"%s"',
    (text) => {
      expect(() => record(text)).toThrow(/copy of an ID was kept/);
    },
  );

  it.each(['ingen kopi gemt; ringede op', 'pas vist på video, kopi ikke gemt', 'no copy kept, call-back to known number'])(
    'but not "%s"',
    (text) => {
      expect(record(text).status).toBe('verified');
    },
  );

  it('the refusal covers resume and start too', () => {
    const paused = run(started(), ['2026-03-06T10:00:00Z', { type: 'pause', kind: 'identity', reason: 'ID' }]);
    expect(() =>
      applyCommand(
        paused,
        { type: 'resume', identityMethod: 'kopi af kørekort gemt' },
        { now: '2026-03-07T09:00:00Z', actor: DPO, retentionYears: 3 },
      ),
    ).toThrow(/copy of an ID was kept/);
  });

  it('property: any text saying "kopi ... gemt" or "copy ... kept" without a negation is refused', () => {
    const filler = fc.constantFrom('af pas', 'af kørekort', 'of the passport', 'of ID', '');
    fc.assert(
      fc.property(
        fc.constantFrom('kopi', 'copy', 'scan', 'foto'),
        filler,
        fc.constantFrom('gemt', 'kept', 'saved', 'arkiveret'),
        (c, f, k) => {
          expect(() => refuseKeptCopy(`${c} ${f} ${k}`.replace(/\s+/g, ' '), 'identity method')).toThrow();
        },
      ),
    );
  });
});

describe('the acknowledgement asks for no ID copies', () => {
  it.each([
    ['da', /Send os venligst ikke kopi af pas, kørekort, sundhedskort/],
    ['en', /Please do not send us copies of your passport, driving licence, health card/],
  ] as const)('%s', (language, sentence) => {
    expect(acknowledgementText(openedCase({ language }), 'ITGuy ApS')).toMatch(sentence);
  });
});

describe('ID documents among a follow-up’s attachments', () => {
  const att = (name: string, contentType = 'image/jpeg') => ({ id: name, name, contentType });

  it.each(['pas.jpg', 'Kørekort_forside.png', 'passport scan.pdf', 'sundhedskort.heic', 'ID-kort.jpg', 'driving_licence.pdf'])(
    '"%s" by its name',
    (name) => {
      expect(idDocumentAttachments([att(name)], '')).toHaveLength(1);
    },
  );

  it('an image or PDF sent with text saying it is an ID', () => {
    expect(idDocumentAttachments([att('IMG_2041.jpg')], 'Hermed vedhæftet billede af mit kørekort')).toHaveLength(1);
    // File names are often written without Danish letters.
    expect(idDocumentAttachments([att('koerekort.pdf'), att('korekort-bagside.jpg')], '')).toHaveLength(2);
    expect(idDocumentAttachments([att('scan.pdf', 'application/pdf')], 'Here is a copy of my passport')).toHaveLength(1);
  });

  it('only the named ID when a file is named as one: the text speaks of that file, not of the other pictures', () => {
    const sent = [att('pas.pdf', 'application/pdf'), att('hund.jpg')];
    expect(idDocumentAttachments(sent, 'Her er mit pas som I bad om, og et billede af min hund').map((a) => a.name)).toEqual(['pas.pdf']);
    // With no file named as an ID, every image or PDF the text may mean is flagged (the DPO sees which).
    expect(idDocumentAttachments([att('IMG_1.jpg'), att('IMG_2.jpg')], 'Her er mit pas, for og bag')).toHaveLength(2);
  });

  it('not an ordinary attachment, nor a document with no ID words', () => {
    expect(idDocumentAttachments([att('faktura-2041.pdf', 'application/pdf'), att('kompas.png')], 'Se min faktura')).toEqual([]);
    expect(
      idDocumentAttachments(
        [att('notes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')],
        'kopi af mit pas',
      ),
    ).toEqual([]);
    expect(idAttachmentTaskId('AAMk=')).toBe('identity:delete_attachment:AAMk=');
  });
});
