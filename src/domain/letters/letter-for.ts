import { legalDate } from '../calendar.js';
import type { Case } from '../case.js';
import { refused } from '../errors.js';
import type { RefusalBasis } from '../legal-bases.js';
import { systemsHoldingRequesterData } from '../register/index.js';
import type { Processor, ProcessingRegister } from '../register/types.js';
import { RIGHT_INFO, type Right } from '../rights.js';
import { longDa, plural } from '../danish.js';
import { keptUntil } from './bookkeeping.js';
import type { LetterBlock, LetterFacts, StructuredLetter } from './letter-model.js';
import { cite, isLetterLang, joinList, longDate, type LetterLang } from './long-date.js';
import { DA } from './phrases-da.js';
import { DE } from './phrases-de.js';
import { EN } from './phrases-en.js';
import { SV } from './phrases-sv.js';
import { IDENTITY_ASKS, LETTER_TEMPLATES, type ChangeRight, type LetterTemplate, type Phrases } from './phrases.js';
import { registerSections } from './register-sections.js';

/**
 * The letter a case's recorded state gives today, as structure. Every statement is derived from a recorded
 * fact (a ticked task, a recorded decision, extension or forwarding, the DPO's answers in `facts`); a kind the
 * state does not support is refused with the reason, never written with a guess. Staff guidance (task notes,
 * the register's erasure notes and review notes) never reaches a letter.
 */

export const PHRASES: Record<LetterLang, Phrases> = { da: DA, en: EN, de: DE, sv: SV };

/** Letters made of the register's texts, which exist only in Danish and English. */
const REGISTER_TEMPLATES: ReadonlySet<LetterTemplate> = new Set(['access', 'information']);

const RIGHT_TEMPLATE: Record<Right, LetterTemplate> = {
  access: 'access',
  information: 'information',
  portability: 'portability',
  erasure: 'erasure',
  rectification: 'rectification',
  restriction: 'restriction',
  objection: 'objection',
  marketing_opt_out: 'marketing_opt_out',
};

export function isLetterTemplate(value: string): value is LetterTemplate {
  return (LETTER_TEMPLATES as readonly string[]).includes(value);
}

const taskDone = (c: Case, id: string) => c.tasks.some((t) => t.id === id && t.done);
const openIdentityPause = (c: Case) => c.pauses.some((p) => p.kind === 'identity' && p.to === undefined);

/** The letter the case's state calls for now: the outcome first (forwarded, refused), then what is pending, then the first right. */
export function defaultTemplate(c: Case, facts: Pick<LetterFacts, 'date' | 'found'>): LetterTemplate {
  if (c.controllerElsewhere?.forwardedAt) return 'forwarded';
  if (c.decision?.kind === 'rejected') return 'refusal';
  if (openIdentityPause(c)) return 'identity_request';
  if (c.extension && !c.extension.notifiedAt && facts.date <= c.deadlines.due) return 'extension_notice';
  const first = c.rights[0] ?? 'access';
  if (facts.found === 0 && (first === 'access' || first === 'information' || first === 'portability')) return 'no_data';
  return RIGHT_TEMPLATE[first];
}

/** The letter's language: the case's, or English with the reason said plainly (in the requester's language too). */
function languageOf(c: Case, template: LetterTemplate, asked: LetterLang | undefined): { lang: LetterLang; note: string[] } {
  const wanted = asked ?? c.language;
  if (isLetterLang(wanted)) {
    if ((wanted === 'de' || wanted === 'sv') && REGISTER_TEMPLATES.has(template))
      return { lang: 'en', note: [PHRASES[wanted].registerLanguage, EN.registerLanguage] };
    return { lang: wanted, note: [] };
  }
  let name = wanted;
  try {
    name = new Intl.DisplayNames('en', { type: 'language' }).of(wanted) ?? wanted;
  } catch {
    // An unknown code is named as it is.
  }
  return { lang: 'en', note: [EN.unsupportedLanguage(name)] };
}

function needRight(c: Case, right: Right, template: LetterTemplate): void {
  if (!c.rights.includes(right))
    throw refused(
      `${c.id} asks for ${c.rights.join(', ')}; the ${template} letter does not fit (choose another --kind)`,
      `${c.id} gælder ${rightsDa(c.rights)}; brevet »${template}« passer ikke (vælg en anden slags brev).`,
    );
}

const rightsDa = (rights: readonly Right[]) => rights.map((r) => RIGHT_INFO[r].name.da.toLowerCase()).join(', ');

export function letterFor(c: Case, template: LetterTemplate, asked: LetterLang | undefined, given: LetterFacts): StructuredLetter {
  const facts = withCaseFacts(c, given);
  const { lang, note } = languageOf(c, template, asked);
  const p = PHRASES[lang];
  const r = facts.register;
  const d = (iso: string) => longDate(iso.length > 10 ? legalDate(iso).toString() : iso, lang);
  const subjectName = c.dataSubject ? (c.dataSubject.name ?? p.unnamedSubject) : undefined;
  const who = subjectName ?? p.you;
  const blocks: LetterBlock[] = [];
  const para = (text: string) => blocks.push({ type: 'paragraph', text });
  const heading = (text: string) => blocks.push({ type: 'heading', text });
  const list = (items: string[]) => items.length && blocks.push({ type: 'list', items });
  const complaint = () => {
    heading(p.complaintHeading);
    para(`${p.complaint(r.supervisoryAuthority)} ${p.courts}`);
  };

  const rights = joinList(
    c.rights.map((x) => p.rightName[x]),
    lang,
  );
  para(p.thanks(rights, d(c.receivedAt)));
  if (c.dataSubject) para(p.representative(who, c.dataSubject.authority));

  switch (template) {
    case 'access':
    case 'information': {
      needRight(c, template, template);
      if (facts.found === 0)
        throw refused(
          `the search found nothing about the person in ${c.id}: use --kind no_data`,
          `Søgningen på ${c.id} fandt intet om personen: brug brevet »ingen oplysninger« (no_data).`,
        );
      // Access confirms processing and encloses the copy: both rest on a finished search.
      if (template === 'access' && facts.found === undefined)
        throw refused(
          `${c.id} has no finished search: search first (dsar search ${c.id}); the access letter confirms only what it found`,
          `${c.id} har ingen færdig søgning: søg først; indsigtsbrevet bekræfter kun det, søgningen fandt.`,
        );
      registerSections(template, lang as 'da' | 'en', who, r, facts, blocks);
      complaint();
      break;
    }
    case 'portability': {
      needRight(c, 'portability', template);
      const files = facts.portability?.files ?? ['provided-data.json', 'provided-data.csv'];
      const messages = facts.portability?.messages;
      if (messages === undefined)
        throw refused(
          `the portability files of ${c.id} are not built yet: build the answer package first`,
          `Dataportabilitetsfilerne til ${c.id} er ikke bygget endnu: byg svarpakken først.`,
        );
      para(p.portability(who, joinList(files, lang), messages));
      break;
    }
    case 'erasure':
    case 'rectification':
    case 'restriction':
      needRight(c, template, template);
      changeLetter(c, template, p, lang, who, r, facts, blocks, d);
      if (template === 'restriction') para(p.restrictionPromise);
      if (template === 'erasure' && taskDone(c, 'marketing:stop')) para(p.suppression(taskDone(c, 'marketing:suppress')));
      break;
    case 'objection': {
      needRight(c, 'objection', template);
      if (c.decision?.kind === 'rejected' && c.decision.basis === '21(1)') {
        para(p.objectionGrounds(who));
        para(`${p.reasonLabel}: ${c.decision.reason}`);
        complaint();
      } else if (taskDone(c, 'objection:assess')) {
        para(p.objectionStopped(who));
      } else {
        throw refused(
          `the objection in ${c.id} is not decided: tick objection:assess when the processing has stopped, or reject it under 21(1)`,
          `Indsigelsen i ${c.id} er ikke afgjort: markér opgaven, når behandlingen er stoppet, eller giv afslag efter artikel 21, stk. 1.`,
        );
      }
      break;
    }
    case 'marketing_opt_out': {
      needRight(c, 'marketing_opt_out', template);
      const stop = c.tasks.find((t) => t.id === 'marketing:stop' && t.done);
      if (!stop)
        throw refused(
          `marketing to the person in ${c.id} is not recorded as stopped: tick marketing:stop first`,
          `Markedsføringen til personen i ${c.id} er ikke registreret som stoppet: markér opgaven først.`,
        );
      para(p.marketingStopped(who, d(stop.doneAt ?? facts.date)));
      para(p.suppression(taskDone(c, 'marketing:suppress')));
      break;
    }
    case 'refusal': {
      const decision = c.decision;
      if (decision?.kind !== 'rejected' || !decision.basis)
        throw refused(
          `${c.id} has no recorded refusal: reject it with a basis first (dsar case reject ${c.id} --basis ...)`,
          `${c.id} har intet registreret afslag: giv afslag med en hjemmel først.`,
        );
      para(decision.basis === '12(4)' ? p.refusalInformed(rights) : p.refusal(citeBasis(decision.basis, lang), rights));
      para(p.refusalBasis[decision.basis]);
      para(`${p.reasonLabel}: ${decision.reason}`);
      complaint();
      break;
    }
    case 'identity_request': {
      if (c.identity.status === 'verified' || c.identity.status === 'not_needed')
        throw refused(
          `the identity in ${c.id} is already settled (${c.identity.status}): no identity request fits`,
          `Identiteten i ${c.id} er allerede afklaret (${c.identity.status === 'verified' ? 'bekræftet' : 'ikke nødvendig'}): der skal ikke bedes om identitet.`,
        );
      para(p.identityWhy(who));
      // A representative proves who they are; what we hold (address, customer number, phone) is the data subject's.
      const asks = c.dataSubject ? IDENTITY_ASKS.filter((m) => m === 'mitid_signed') : (facts.identityAsks ?? IDENTITY_ASKS);
      list(asks.map((m) => p.identityMethod[m]));
      if (c.dataSubject) para(p.identityAuthority(who, c.dataSubject.authority));
      para(p.identityNoCopy);
      const pause = c.pauses.find((x) => x.kind === 'identity' && x.to === undefined);
      if (pause) para(p.clockStopped(d(pause.from)));
      para(p.identityAsk);
      return finish();
    }
    case 'extension_notice': {
      const ext = c.extension;
      if (!ext)
        throw refused(
          `${c.id} has no recorded extension: extend it first (dsar case extend ${c.id} --reason ...)`,
          `${c.id} har ingen registreret forlængelse: forlæng fristen først.`,
        );
      const fixed = c.rights.filter((x) => x === 'rectification' || x === 'marketing_opt_out');
      if (fixed.length)
        throw refused(
          `${c.id} asks for ${fixed.join(', ')}, which cannot be extended`,
          `${c.id} gælder ${rightsDa(fixed)}, som ikke kan forlænges.`,
        );
      if (facts.date > c.deadlines.due)
        throw refused(
          `the first deadline of ${c.id} (${c.deadlines.due}) has passed: an extension notice now binds nothing`,
          `Den første frist for ${c.id} den ${longDa(c.deadlines.due)} er overskredet: en meddelelse om forlængelse binder ikke nu.`,
        );
      para(p.extension(ext.reason, d(c.deadlines.due), d(c.deadlines.extendedDue)));
      break;
    }
    case 'forwarded': {
      const ce = c.controllerElsewhere;
      if (!ce?.forwardedAt || !ce.forwardedTo)
        throw refused(
          `${c.id} is not recorded as forwarded to the controller: record the forwarding first`,
          `${c.id} er ikke registreret som sendt videre til den dataansvarlige: registrér videresendelsen først.`,
        );
      para(p.forwarded(ce.name ?? ce.forwardedTo, ce.forwardedTo, d(ce.forwardedAt)));
      break;
    }
    case 'no_data': {
      if (facts.found === undefined)
        throw refused(
          `${c.id} has no recorded search: search first (dsar search ${c.id})`,
          `${c.id} har ingen registreret søgning: søg først.`,
        );
      if (facts.found > 0)
        throw refused(
          `the search for ${c.id} found ${facts.found} items: a "no data" letter would be false`,
          `Søgningen på ${c.id} fandt ${plural(facts.found, 'emne', 'emner')}: et brev om, at vi ingen oplysninger har, ville være forkert.`,
        );
      const checked = systemsHoldingRequesterData(r)
        .filter((x) => x.id !== 'microsoft_365' && taskDone(c, `access:collect:${x.id}`))
        .map((x) => x.name);
      para(p.noData(who, joinList(['Microsoft 365', ...checked], lang)));
      break;
    }
  }
  para(p.reply);
  return finish();

  function finish(): StructuredLetter {
    const a = r.controller.address;
    const country = { da: '', en: ', Denmark', de: ', Dänemark', sv: ', Danmark' }[lang];
    return {
      template,
      lang,
      caseId: c.id,
      letterhead: [
        r.controller.name,
        a.street,
        `${a.postalCode} ${a.city}${country}`,
        `CVR ${r.controller.cvr} · ${r.controller.email} · ${r.controller.phone} · ${r.controller.website.replace(/^https?:\/\//, '')}`,
      ],
      dateLine: p.dateLine(a.city, longDate(facts.date, lang)),
      reference: p.caseRef(c.id),
      subject: p.subject[template],
      languageNote: note,
      salutation: `${p.hello(c.requester.name)},`,
      blocks,
      closing: p.regards,
      signature: [r.dpo.name, ...(lang === 'da' || lang === 'en' ? [r.dpo.role[lang]] : []), r.controller.name],
    };
  }
}

function citeBasis(basis: RefusalBasis, lang: LetterLang): string {
  if (basis === 'DBL §22')
    return {
      da: 'databeskyttelseslovens § 22',
      en: 'section 22 of the Danish Data Protection Act',
      de: '§ 22 des dänischen Datenschutzgesetzes',
      sv: '22 § i den danska dataskyddslagen',
    }[lang];
  const article = cite(basis, lang);
  return {
    da: `databeskyttelsesforordningens ${article}`,
    en: `${article} of the General Data Protection Regulation`,
    de: `${article} der Datenschutz-Grundverordnung`,
    sv: `${article} i dataskyddsförordningen`,
  }[lang];
}

/** Per system what is done (only for ticked tasks), what was kept and why, and the Art. 19 notices as recorded. */
function changeLetter(
  c: Case,
  right: ChangeRight,
  p: Phrases,
  lang: LetterLang,
  who: string,
  r: ProcessingRegister,
  facts: LetterFacts,
  blocks: LetterBlock[],
  d: (iso: string) => string,
): void {
  const systems = systemsHoldingRequesterData(r);
  const hasRecords = facts.accounting !== undefined && facts.accounting !== 'none';
  const status = (x: Processor) => {
    if (!taskDone(c, `${right}:${x.id}`)) return p.statusInProgress;
    if (right !== 'erasure') return p.statusDone[right];
    if (x.erasure.method === 'expires') return p.statusExpires;
    if (x.erasure.method === 'retain' && hasRecords) return p.statusRetained;
    return p.statusDone.erasure;
  };
  const done = systems.filter((x) => taskDone(c, `${right}:${x.id}`)).length;
  blocks.push({
    type: 'paragraph',
    text: done === systems.length ? p.allDone(right, who) : `${p.someDone(right, who, done, systems.length)} ${p.writeAgain}`,
  });
  blocks.push({ type: 'heading', text: p.systemsHeading[right] });
  blocks.push({ type: 'list', items: systems.map((x) => `${x.name}: ${status(x)}`) });

  if (right === 'erasure' && facts.accounting !== undefined && facts.accounting !== 'none') {
    const exception = r.retentionExceptions.find((e) => e.id === 'bookkeeping');
    if (exception) {
      const until = keptUntil(facts.accounting.latestRecord, exception.years, facts.financialYearEndMonth);
      const fyEnd = keptUntil(facts.accounting.latestRecord, 0, facts.financialYearEndMonth);
      const fyStart = Number(fyEnd.slice(0, 4)) - ((facts.financialYearEndMonth ?? 12) === 12 ? 0 : 1);
      const year = fyStart === Number(fyEnd.slice(0, 4)) ? fyEnd.slice(0, 4) : `${fyStart}/${fyEnd.slice(2, 4)}`;
      blocks.push({ type: 'heading', text: p.keptHeading });
      blocks.push({ type: 'paragraph', text: `${p.bookkeeping(who, year, d(until))} ${p.keptUse}` });
      blocks.push({ type: 'paragraph', text: `${p.complaint(r.supervisoryAuthority)} ${p.courts}` });
    }
  }

  // Art. 19: a recipient counts as told only when its notice task is ticked; exempt ones are named with the reason.
  const exempt = facts.art19Exempt ?? {};
  const recipients = [...systems.map((x) => ({ id: x.id, name: x.name })), { id: 'other_recipients', name: p.otherRecipients }];
  // A recorded exemption settles the task without anyone being told: never counted as told.
  const told = recipients.filter((x) => taskDone(c, `art19:${x.id}`) && exempt[x.id] === undefined);
  const notTold = recipients.filter((x) => exempt[x.id] !== undefined);
  const pending = recipients.filter((x) => !taskDone(c, `art19:${x.id}`) && exempt[x.id] === undefined);
  blocks.push({ type: 'heading', text: p.art19Heading });
  const lines: string[] = [];
  if (told.length && pending.length === 0 && notTold.length === 0)
    lines.push(
      p.art19AllTold(
        joinList(
          told.map((x) => x.name),
          lang,
        ),
      ),
    );
  else {
    if (told.length)
      lines.push(
        p.art19Told(
          joinList(
            told.map((x) => x.name),
            lang,
          ),
        ),
      );
    if (pending.length)
      lines.push(
        p.art19WillTell(
          joinList(
            pending.map((x) => x.name),
            lang,
          ),
        ),
      );
  }
  for (const x of notTold) lines.push(p.art19NotTold(x.name, exempt[x.id] ?? ''));
  blocks.push({ type: 'paragraph', text: lines.join(' ') });
}

/**
 * The facts the DPO recorded on the case (accounting records, Art. 19 exemptions), unless the caller gave its
 * own (`dsar letter --accounting`, a preview of an answer not yet recorded).
 */
export function withCaseFacts(c: Case, facts: LetterFacts): LetterFacts {
  const recorded = c.facts;
  if (!recorded) return facts;
  const accounting = recorded.accounting?.none
    ? ('none' as const)
    : recorded.accounting?.latestRecord
      ? { latestRecord: recorded.accounting.latestRecord }
      : undefined;
  const exempt = recorded.art19Exempt && Object.fromEntries(Object.entries(recorded.art19Exempt).map(([id, x]) => [id, x.reason]));
  return {
    ...facts,
    ...(facts.accounting === undefined && accounting ? { accounting } : {}),
    ...(exempt ? { art19Exempt: { ...exempt, ...facts.art19Exempt } } : {}),
  };
}
