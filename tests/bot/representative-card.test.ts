import { describe, expect, it } from 'vitest';
import { caseView } from '../../src/bot/cards/case-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { ActionForm } from '../../src/bot/forms.js';
import { legalDate, readClock, type Case } from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

/** The case card shows a representative's data subject and lets the DPO set them (issue 15 item 2). */

const card = (c: Case) =>
  JSON.stringify(renderCard('case', caseView(c, { lang: 'da', clock: readClock(c, legalDate('2026-03-10T10:00:00Z')), events: [] })));
const forSofie = () =>
  run(
    openedCase({
      requester: { name: 'Katrine Winther', email: 'kw@winther.example.org' },
      dataSubject: { name: 'Sofie Dam', authority: 'parent' },
    }),
    ['2026-03-06T09:00:00Z', { type: 'start' }],
  );
const form = (c: Case, inputs: Record<string, string>) =>
  new ActionForm(c, 'set_data_subject', inputs, 'da', { domain: 'itguy.dk', me: DPO });

describe('the representative on the case card', () => {
  it('shows the data subject with the authority kind and that it is not checked, and offers the Repræsentant card', () => {
    const json = card(forSofie());
    expect(json).toContain('Registreret: Sofie Dam (på vegne af; forældremyndighed, ikke kontrolleret endnu)');
    expect(json).toContain('"verb":"record_authority"');
    expect(json).toContain('"verb":"set_data_subject"');
  });

  it('once checked, says what showed it and no longer offers the check', () => {
    const checked = run(forSofie(), [
      '2026-03-07T09:00:00Z',
      { type: 'record_authority', evidence: 'Fødselsattest og forældremyndighedserklæring set' },
    ]);
    const json = card(checked);
    expect(json).toContain('forældremyndighed, kontrolleret: Fødselsattest og forældremyndighedserklæring set');
    expect(json).not.toContain('"verb":"record_authority"');
  });

  it('reads typed text in any order, and card fields left empty keep what the case has', () => {
    expect(
      form(forSofie(), {
        subject: 'Sofie Dam; fuldmagt; +45 31 22 40 17; kundenr K-2041; sofie@dam.example.dk; Vestergade 12, 8000 Aarhus C',
      }).dataSubject(),
    ).toEqual({
      name: 'Sofie Dam',
      email: 'sofie@dam.example.dk',
      phone: '+45 31 22 40 17',
      customerNumber: 'K-2041',
      address: 'Vestergade 12, 8000 Aarhus C',
      authority: 'power_of_attorney',
    });
    expect(form(forSofie(), { subject: 'ingen' }).dataSubject()).toBeNull();
    expect(form(forSofie(), { authority: 'parent', subjectEmail: 'sofie@dam.example.dk' }).dataSubject()).toEqual({
      name: 'Sofie Dam',
      email: 'sofie@dam.example.dk',
      authority: 'parent',
    });
  });
});
