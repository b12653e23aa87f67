import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { DpoAccess } from '../../src/app/dpo-access.js';
import type { CaseService } from '../../src/app/case-service.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { digestView } from '../../src/bot/cards/digest-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { parseText } from '../../src/bot/intents.js';
import { loadConfig } from '../../src/config/config.js';
import { SEARCHED_TASK, dueReminders, type Case, type CaseId } from '../../src/domain/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';
import { teamsTurn } from '../helpers/teams-turn.js';

/**
 * Issue 17's quieter chat through botbuilder's TestAdapter with the real CaseService on Azurite: cases
 * by person, "mine sager", "lukkede sager", "rapport", typed actions answered in one line with the card
 * updated in place, the install greeting, the digest's order, and dates that are no numbered list.
 */

const DPO_ID = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const DPO_NAME = 'Rasmus Holt Vestergaard';
const NOW = '2026-03-20T09:00:00Z';
const company = loadConfig({}).company;
const SYSTEM = { kind: 'system', id: 'test' } as const;
const DPO = { kind: 'user', id: DPO_ID, name: DPO_NAME } as const;

/** The TestAdapter, recording the activities the bot updated in place. */
class RecordingAdapter extends TestAdapter {
  readonly updated: Partial<Activity>[] = [];
  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updated.push(activity);
    return super.updateActivity(context, activity);
  }
}

let cases: CaseService;
let adapter: RecordingAdapter;
const ids: Record<string, CaseId> = {};

const turn = (activity: Partial<Activity>) => teamsTurn(adapter, { id: DPO_ID, name: DPO_NAME }, activity);
const text = (t: string) => turn({ type: 'message', text: t });
const cards = (replies: Partial<Activity>[]) =>
  replies.flatMap((r) =>
    (r.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content),
  );
const json = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix), () => NOW);
  const conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
  await conversations.init();
  const bot = new DsarBot({
    handlers: new BotHandlers({ cases, company, now: () => NOW, tabUrl: 'https://dsar.example/tab' }),
    access: new DpoAccess({ userIds: [DPO_ID] }),
    conversations,
    logger: createLogger('silent'),
    company,
  });
  adapter = new RecordingAdapter((context) => bot.run(context));
  const open = async (key: string, name: string, email: string, day: string) => {
    const { case: c } = await cases.open(newCaseInput({ receivedAt: `${day}T10:00+01:00`, requester: { name, email } }), SYSTEM);
    ids[key] = c.id;
  };
  await open('jensOld', 'Jens Møller', 'jens@kjaergaard.dk', '2026-01-05');
  await open('jens', 'Jens Møller', 'jens@kjaergaard.dk', '2026-03-02');
  await open('freja', 'Freja Østergaard', 'freja@example.com', '2026-02-10');
  await open('anna', 'Anna Hansen', 'anna@example.com', '2026-03-18');
  await cases.act(ids.jensOld!, { type: 'start' }, SYSTEM);
  await cases.act(ids.jensOld!, { type: 'respond', summary: 'svar sendt', override: 'test' }, SYSTEM);
  await cases.act(ids.jensOld!, { type: 'close', outcome: 'besvaret', override: 'test' }, SYSTEM);
  await cases.act(ids.freja!, { type: 'assign', assignee: { kind: 'user', id: DPO_ID, name: DPO_NAME } }, SYSTEM);
});

describe('typed commands are understood', () => {
  it('person searches, closed, mine and report, in Danish and English', () => {
    expect(parseText('søg freja')).toEqual({ intent: { kind: 'find', query: 'freja' }, lang: 'da' });
    expect(parseText('sager fra Kjærgaard')).toEqual({ intent: { kind: 'find', query: 'kjærgaard' }, lang: 'da' });
    expect(parseText('cases from kjaergaard.dk')).toEqual({ intent: { kind: 'find', query: 'kjaergaard.dk' }, lang: 'en' });
    expect(parseText('lukkede sager').intent).toEqual({ kind: 'closed' });
    expect(parseText('closed cases').intent).toEqual({ kind: 'closed' });
    expect(parseText('mine sager').intent).toEqual({ kind: 'mine' });
    expect(parseText('my cases').intent).toEqual({ kind: 'mine' });
    expect(parseText('rapport').intent).toEqual({ kind: 'report' });
    expect(parseText('report 2025').intent).toEqual({ kind: 'report', year: 2025 });
    // With a case id, "søg" is still the search of Microsoft 365 for that case.
    expect(parseText('søg DSAR-2026-0042').intent).toEqual({ kind: 'search', caseId: 'DSAR-2026-0042' });
    // A bare name stays "unknown" to the parser; the bot tries it as a person.
    expect(parseText('Jens Møller').intent.kind).toBe('unknown');
  });
});

describe('finding cases by person', () => {
  it('"søg freja": her case, nobody else\'s', async () => {
    const [card] = cards(await text('søg freja'));
    expect(json(card)).toContain(ids.freja);
    expect(json(card)).toContain('Sager for \\"freja\\"');
    expect(json(card)).not.toContain(ids.anna);
    expect(json(card)).not.toContain(ids.jens);
  });

  it('"sager fra Kjærgaard" finds the company by its mail domain, with the earlier, closed case', async () => {
    const [card] = cards(await text('sager fra Kjærgaard'));
    const body = json(card);
    expect(body).toContain(ids.jens);
    expect(body).toContain(ids.jensOld);
    expect(body.indexOf(ids.jens!)).toBeLessThan(body.indexOf(ids.jensOld!));
    expect(body).toContain('Lukket');
    expect(body).not.toContain(ids.freja);
  });

  it('a bare name or an address is tried as a person; nothing found is the help card', async () => {
    expect(json(cards(await text('Jens Møller'))[0])).toContain(ids.jens);
    expect(json(cards(await text('freja@example.com'))[0])).toContain(ids.freja);
    const none = cards(await text('Ukendt Person'));
    expect(json(none)).toContain('Jeg forstod ikke');
    for (const id of Object.values(ids)) expect(json(none)).not.toContain(id);
    expect((await text('søg nogen')).map((r) => r.text)).toEqual(['Jeg fandt ingen sager for "nogen".']);
  });
});

describe('mine, closed, report and the sager lines', () => {
  it('"mine sager" lists the cases assigned to whoever asks', async () => {
    const body = json(cards(await text('mine sager'))[0]);
    expect(body).toContain(ids.freja);
    expect(body).not.toContain(ids.anna);
  });

  it('"lukkede sager" lists the closed case, not the open ones', async () => {
    const body = json(cards(await text('lukkede sager'))[0]);
    expect(body).toContain(ids.jensOld);
    expect(body).not.toContain(ids.anna);
  });

  it('"sager" lines carry status and owner', async () => {
    const body = json(cards(await text('sager'))[0]);
    expect(body).toContain(`Modtaget · ingen ansvarlig`);
    expect(body).toContain(`· ${DPO_NAME} ·`);
  });

  it('"rapport" is the year as a card, with the tab linked', async () => {
    const [card] = cards(await text('rapport'));
    const body = json(card);
    expect(body).toContain('Årsrapport 2026');
    // Four requests received in 2026, one answered.
    expect(body).toContain('{"title":"Anmodninger","value":"4"}');
    expect(body).toContain('{"title":"Besvaret eller afslået","value":"1"}');
    expect(body).toContain('"url":"https://dsar.example/tab"');
  });
});

describe('typed actions', () => {
  it('answer in one line and update the case card already shown, in place', async () => {
    const shown = await text(ids.anna!);
    expect(cards(shown)).toHaveLength(1);
    const cardId = shown[0]!.id!;
    adapter.updated.splice(0);
    const replies = await text(`forlæng ${ids.anna} mange systemer`);
    // One line, no new card.
    expect(cards(replies)).toHaveLength(0);
    expect(replies.map((r) => r.text)).toEqual([`${ids.anna}: Forlænget af ${DPO_NAME} kl. 10.00`]);
    expect(adapter.updated).toHaveLength(1);
    expect(adapter.updated[0]!.id).toBe(cardId);
    expect(json(adapter.updated[0]!.attachments)).toContain('Forlænget af');
    expect((await cases.get(ids.anna!)).extension).toBeDefined();
  });

  it('without a card of the case in the chat: the line, then the card', async () => {
    adapter.updated.splice(0);
    const replies = await text(`opgave ${ids.jens} 1`);
    expect(replies[0]!.text).toMatch(new RegExp(`^${ids.jens}: `));
    expect(cards(replies)).toHaveLength(1);
    expect(adapter.updated).toHaveLength(0);
    // The next one updates that card.
    await text(`opgave ${ids.jens} 2`);
    expect(adapter.updated).toHaveLength(1);
  });

  it('a refused typed action is one line, and the card shows why', async () => {
    adapter.updated.splice(0);
    const replies = await text(`forlæng ${ids.anna} igen`);
    expect(cards(replies)).toHaveLength(0);
    expect(replies[0]!.text).toMatch(/^Det gik ikke/);
  });
});

describe('the install greeting', () => {
  it('posts the welcome, then what is waiting: overdue, then not yet confirmed', async () => {
    const replies = await turn({ type: 'installationUpdate', action: 'add' });
    const [help, waiting] = cards(replies);
    expect(json(help)).toContain('DSAR-assistent');
    const body = json(waiting);
    expect(body).toContain('Det venter på dig');
    // Freja's case (received 10 February) is past its 10 March deadline; Jens's was never confirmed.
    expect(body.indexOf('Over fristen')).toBeGreaterThan(0);
    expect(body.indexOf('Over fristen')).toBeLessThan(body.indexOf(ids.freja!));
    expect(body.indexOf(ids.freja!)).toBeLessThan(body.indexOf('Skal bekræftes'));
    expect(body.indexOf('Skal bekræftes')).toBeLessThan(body.indexOf(ids.jens!));
    // Closed and extended-and-started cases are not waiting.
    expect(body).not.toContain(ids.jensOld);
  });
});

describe('the digest card', () => {
  it('lists one line per case, most urgent first, with a button to open each', async () => {
    const [freja, jens] = await Promise.all([cases.get(ids.freja!), cases.get(ids.jens!)]);
    const top = (c: Case) => dueReminders(c, NOW)[0]!;
    // Given least urgent first: the card puts Freja's overdue case above Jens's unconfirmed one.
    const card = renderCard(
      'digest',
      digestView(
        [
          { reminder: top(jens), case: jens },
          { reminder: top(freja), case: freja },
        ],
        'da',
      ),
    );
    const body = json(card);
    expect(body.indexOf(ids.freja!)).toBeLessThan(body.indexOf(ids.jens!));
    expect(body).toContain('Overskredet: fristen var');
    expect(body).toContain('Ikke bekræftet efter 3 arbejdsdage');
    // One open button per row, an Action.Submit: it posts the case card and leaves the digest in place.
    expect(body.match(/"type":"Action.Submit","title":"Åbn sag"/g)?.length).toBe(2);
  });
});

describe('tasks the product did itself', () => {
  it('the search of Microsoft 365 ticks its task once, "af systemet" on the checklist and in the timeline', async () => {
    const searcher = { kind: 'system', id: 'discovery' } as const;
    expect(await cases.tickBySystem(ids.freja!, SEARCHED_TASK, searcher)).toBe(true);
    expect(await cases.tickBySystem(ids.freja!, SEARCHED_TASK, searcher)).toBe(false);
    const task = (await cases.get(ids.freja!)).tasks.find((t) => t.id === SEARCHED_TASK)!;
    expect(task).toMatchObject({ done: true, doneBy: searcher });
    const body = json(cards(await text(ids.freja!))[0]);
    expect(body).toMatch(/· af systemet · Opgave »Find personens data i Microsoft 365« udført/);
    // The checklist shows open tasks first; with the rest done, the ticked one says who ticked it.
    const c = await cases.get(ids.freja!);
    const mostlyDone = { ...c, tasks: c.tasks.map((t, i) => (t.id === SEARCHED_TASK || i <= 3 ? t : { ...t, done: true, doneBy: DPO })) };
    const card = json(await new BotHandlers({ cases, company, now: () => NOW }).caseCard(mostlyDone, 'da'));
    expect(card).toContain('☑ 3. Find personens data i Microsoft 365 (af systemet)');
    expect(card).toContain('☑ 5. Find personens data i Datto AV, EDR & Ransomware"');
    // A closed case is not changed.
    expect(await cases.tickBySystem(ids.jensOld!, SEARCHED_TASK, searcher)).toBe(false);
  });
});

describe('dates on cards', () => {
  it('no line of any card text begins "25. nov." (Teams would read a numbered list)', async () => {
    const shown = cards(await text(ids.freja!))[0];
    const texts: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) typeof v === 'string' && (k === 'text' || k === 'value') ? texts.push(v) : walk(v);
    };
    walk(shown);
    expect(texts.some((t) => /\d\.\u00A0(januar|februar|marts|jan\.|feb\.|mar\.)/.test(t))).toBe(true);
    expect(texts.filter((t) => /(^|\n)\s*\d+\. /.test(t))).toEqual([]);
  });
});
