import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import {
  DomainError,
  factsFromSearch,
  answerLanguage,
  legalDate,
  personConcerned,
  letterFor,
  renderLetterText,
  systemsHoldingRequesterData,
  type Actor,
  type Case,
  type CaseId,
  type LetterFacts,
  type RegisterConfirmation,
  type LetterTemplate,
  type ProcessingRegister,
  type Right,
} from '../domain/index.js';
import type { Hit } from '../domain/hits.js';
import { isProcessorCase } from '../domain/processor-case.js';
import { hitKey, type DiscoveryTable } from './discovery-table.js';
import { applyRedactions, type RedactionKind } from '../domain/redaction/detect.js';
import { longDate } from '../domain/letters/long-date.js';
import { directoryNames } from '../graph/directory.js';
import { driveItemByPath, uploadFile } from '../graph/drive.js';
import type { ItemContent } from './extract-text.js';
import { letterDocx, letterPdf } from './letter-files.js';
import { redactedPdf } from './redacted-pdf.js';
import { decisionFor, hitContent, RedactionReview } from './redaction-review.js';

const DEFAULT_WHY = 'contains an identifier of the requester';
/** index.csv's headers and fixed words in the answer's language. */
const INDEX_WORDS = {
  da: {
    headers: ['kilde', 'type', 'id', 'dato', 'titel', 'fil', 'hvorfor med'],
    kind: {
      message: 'e-mail',
      file: 'fil',
      siteFile: 'SharePoint-fil',
      chatMessage: 'Teams-chatbesked',
      channelMessage: 'Teams-kanalbesked',
      event: 'kalenderaftale',
      contact: 'kontakt',
      copilotInteraction: 'Copilot-samtale',
    } as Record<string, string>,
    why: 'indeholder et af personens kendetegn',
  },
  en: {
    headers: ['source', 'kind', 'id', 'date', 'title', 'file', 'why included'],
    kind: {
      message: 'e-mail',
      file: 'file',
      siteFile: 'SharePoint file',
      chatMessage: 'Teams chat message',
      channelMessage: 'Teams channel message',
      event: 'calendar event',
      contact: 'contact',
      copilotInteraction: 'Copilot interaction',
    } as Record<string, string>,
    why: DEFAULT_WHY,
  },
};
const hitsWhy = (i: { why: string }, fallback: string) => (i.why === DEFAULT_WHY ? fallback : i.why);

/**
 * The answer package: a faithful copy of the included items (messages as .eml from /$value, files as
 * they are), an index (CSV and JSON), for portability the data the person provided as JSON and CSV, and
 * the letters the case's state gives (letterFor) as text, PDF and DOCX in the requester's language; a letter
 * the state does not support yet is listed with the reason instead of written. A finished search that found
 * nothing gives a package with the "we hold no data" letter. Uploaded to DSAR/<case id>/ in the DPO's OneDrive (an upload
 * session for large files) and linked from the case. Nothing is ever sent to the data subject.
 */

export interface PackageFile {
  path: string;
  bytes: number;
}

export interface ExportResult {
  caseId: CaseId;
  drive: string;
  folder: string;
  webUrl?: string;
  included: number;
  withheld: number;
  files: PackageFile[];
  /** Letters the case's state does not support yet (an objection not decided, marketing not stopped), and why. */
  lettersNotWritten: { kind: LetterTemplate; reason: string }[];
  /** Items whose copy is a redacted PDF, and the values redacted in them (Art. 15(4)). */
  redactedItems: number;
  redactions: number;
  /** Items the search skipped as copies of others (the search run's count; 0 until it keeps one). */
  duplicatesSkipped: number;
  /** Items (or attachments) whose text could not be read: the DPO reviews them by hand. */
  unreadable: number;
}

/** One line of redaction-log.csv: no values and no person keys (the log goes with the copy), a person numbered per package. */
export interface RedactionLogRow {
  file: string;
  kind: RedactionKind | 'unreadable';
  person: string;
  reason: string;
  decision: 'redact' | 'keep' | 'review by hand';
  decidedBy: string;
  decidedAt: string;
}

/** Where the sources read whole go in the package, one text file per item. */
const PACKAGE_FOLDERS: Record<Exclude<Hit['kind'], 'message' | 'file' | 'siteFile'>, string> = {
  chatMessage: 'teams-chats',
  channelMessage: 'teams-channels',
  event: 'calendar',
  contact: 'contacts',
  copilotInteraction: 'copilot',
};

// One letter per right, in the order of the rights; erasure, rectification and restriction each get their own.
const RIGHT_LETTER: Record<Right, LetterTemplate> = {
  access: 'access',
  information: 'information',
  portability: 'portability',
  erasure: 'erasure',
  rectification: 'rectification',
  restriction: 'restriction',
  objection: 'objection',
  marketing_opt_out: 'marketing_opt_out',
};

const safe = (s: string, max = 60) =>
  s
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in OneDrive names.
    .replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max) || 'untitled';

function csv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    // Quote everything; neutralise spreadsheet formulas (CSV injection).
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  };
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export class ExportBuilder {
  constructor(
    private readonly deps: {
      graph: Client;
      table: DiscoveryTable;
      cases: CaseService;
      drive: string;
      register: ProcessingRegister;
      /** The DPO's answers to the register's assumptions: the package's letters state only confirmed ones. */
      confirmations?: () => Promise<readonly RegisterConfirmation[]>;
      now?: () => Date;
      companyDomain?: string;
    },
  ) {}

  /** Each hit's content goes through here: {bytes, name, contentType} (hitContent has the kinds). */
  private download(hit: Hit): Promise<ItemContent> {
    return hitContent(this.deps.graph, hit);
  }

  private upload(folder: string, path: string, content: Buffer): Promise<void> {
    return uploadFile(this.deps.graph, this.deps.drive, `${folder}/${path}`, content, path);
  }

  async build(caseId: CaseId, actor: Actor): Promise<ExportResult> {
    const { cases, table } = this.deps;
    const register = this.deps.register;
    const c = await cases.get(caseId);
    // The customer answers a processor case; ITGuy helps it find the data but writes no Art. 15 letter.
    if (isProcessorCase(c))
      throw new DomainError(
        'refused',
        `${caseId} is about data held for a customer (${c.controllerElsewhere?.name ?? 'the controller'}), who answers it: forward it (dsar case forwarded ${caseId} --to ...)`,
      ).saying(
        `${caseId} handler om oplysninger, ITGuy behandler for en kunde (${c.controllerElsewhere?.name ?? 'den dataansvarlige'}), som selv svarer: send anmodningen videre.`,
      );
    const [run, hits] = await Promise.all([table.run(caseId), table.hits(caseId)]);
    // The index goes to the person with the copy: in Danish for Danish cases, else English like the access
    // letter's register texts (index.json keeps machine keys).
    const words = INDEX_WORDS[answerLanguage(c.language) === 'da' ? 'da' : 'en'];
    if (run?.state !== 'done' && !hits.length)
      throw new DomainError('invalid_input', `${caseId} has no finished search yet: search first (dsar search ${caseId})`).saying(
        `${caseId} har ingen færdig søgning endnu: søg først.`,
      );
    const reviewed = hits.some((h) => h.include !== undefined);
    // Before any review, everything found goes in; after, what was included (unreviewed items too).
    const included = hits.filter((h) => (reviewed ? h.include !== false : true));
    const withheld = hits.filter((h) => h.include === false);
    const folder = `DSAR/${caseId}`;
    const files: PackageFile[] = [];
    const put = async (path: string, content: Buffer | string) => {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      await this.upload(folder, path, bytes);
      files.push({ path, bytes: bytes.length });
    };

    const lang = answerLanguage(c.language) === 'da' ? 'da' : 'en';
    const review = new RedactionReview({
      graph: this.deps.graph,
      table,
      companyDomain: this.deps.companyDomain ?? '',
      content: (h) => this.download(h),
    });
    const [decisions, staff] = await Promise.all([table.decisions(caseId), directoryNames(this.deps.graph)]);
    const log: RedactionLogRow[] = [];
    const people = new Map<string, string>();
    const personLabel = (key: string) => {
      if (!people.has(key)) people.set(key, `person ${people.size + 1}`);
      return people.get(key)!;
    };
    const redactedKinds = new Set<RedactionKind>();
    let redactedItems = 0;
    let redactions = 0;
    let kept = 0;
    let unreadable = 0;
    const index: { source: string; kind: string; id: string; date: string; title: string; file: string; why: string }[] = [];
    for (const [n, hit] of included.entries()) {
      const content = await this.download(hit);
      const key = hitKey(hit);
      const found = await review.item(c, hit, staff, lang, content);
      const decided = found.proposals.map((p) => ({ p, ...decisionFor(decisions, key, p) }));
      const redact = decided.filter((d) => d.decision === 'redact');
      kept += decided.length - redact.length;
      const number = String(n + 1).padStart(3, '0');
      const folderOf =
        hit.kind === 'message' ? 'mail' : hit.kind === 'file' || hit.kind === 'siteFile' ? 'files' : PACKAGE_FOLDERS[hit.kind];
      const base =
        hit.kind === 'message'
          ? `mail/${number} ${hit.date.slice(0, 10)} ${safe(hit.title)}`
          : hit.kind === 'file' || hit.kind === 'siteFile'
            ? `files/${number} ${safe(hit.title, 100)}`
            : `${folderOf}/${number} ${hit.date.slice(0, 10)} ${safe(hit.title)}.txt`;
      let name: string;
      if (redact.length && found.text) {
        // The redacted copy: a PDF of the text with the values replaced; its name and title carry no subject line.
        name = `${folderOf}/${number} ${hit.date.slice(0, 10)} ${lang === 'da' ? 'redigeret kopi' : 'redacted copy'}.pdf`;
        const described = `${words.kind[hit.kind] ?? hit.kind} ${lang === 'da' ? 'af' : 'of'} ${longDate(legalDate(hit.date).toString() as Parameters<typeof longDate>[0], lang)}`;
        await put(
          name,
          await redactedPdf({
            title: described,
            note:
              lang === 'da'
                ? 'Kopi med oplysninger om andre personer udeladt (databeskyttelsesforordningens artikel 15, stk. 4).'
                : "Copy with other people's data removed (Article 15(4) of the General Data Protection Regulation).",
            text: applyRedactions(
              found.text.text,
              redact.map((d) => d.p),
              lang,
            ),
            lang,
          }),
        );
        redactedItems++;
        redactions += redact.length;
        for (const d of redact) redactedKinds.add(d.p.kind);
      } else {
        name = hit.kind === 'message' ? `${base}.eml` : base;
        await put(name, content.bytes);
      }
      for (const d of decided)
        log.push({
          file: name,
          kind: d.p.kind,
          person: personLabel(d.p.person),
          reason: d.p.reason[lang],
          decision: d.decision,
          decidedBy: d.decidedBy ?? (lang === 'da' ? '(standard: udelad)' : '(default: redact)'),
          decidedAt: d.decidedAt ?? '',
        });
      for (const part of found.unreadable) {
        unreadable++;
        log.push({
          file: name,
          kind: 'unreadable',
          person: '',
          reason:
            lang === 'da'
              ? `Teksten i ${part} kunne ikke læses; gennemgå den manuelt.`
              : `The text of ${part} could not be read; review it by hand.`,
          decision: 'review by hand',
          decidedBy: '',
          decidedAt: '',
        });
      }
      index.push({
        source: hit.source,
        kind: hit.kind,
        id: hit.id,
        date: hit.date,
        title: redact.length ? '' : hit.title,
        file: name,
        why: hit.reason ?? DEFAULT_WHY,
      });
    }
    // Withheld items are described, never named: their subject lines may be about other people.
    await put(
      'index.json',
      `${JSON.stringify({ caseId, items: index, withheld: withheld.map((w) => ({ kind: w.kind, date: w.date.slice(0, 10), reason: w.reason })), redactions: log }, null, 2)}\n`,
    );
    await put(
      'redaction-log.csv',
      csv([
        lang === 'da'
          ? ['fil', 'type', 'person', 'begrundelse', 'afgørelse', 'afgjort af', 'afgjort']
          : ['file', 'kind', 'person', 'reason', 'decision', 'decided by', 'decided at'],
        ...log.map((r) => [r.file, r.kind, r.person, r.reason, r.decision, r.decidedBy, r.decidedAt]),
      ]),
    );
    await put(
      'index.csv',
      csv([
        words.headers,
        ...index.map((i) => [i.source, words.kind[i.kind] ?? i.kind, i.id, i.date, i.title, i.file, hitsWhy(i, words.why)]),
      ]),
    );

    if (c.rights.includes('portability')) await this.portability(c, included, put);
    const today = legalDate((this.deps.now?.() ?? new Date()).toISOString()).toString();
    const confirmations = (await this.deps.confirmations?.()) ?? [];
    const facts: LetterFacts = { register, confirmations, date: today, ...factsFromSearch(c, true, hits, [...redactedKinds]) };
    const lettersNotWritten = await this.letters(c, facts, put);

    if (c.rights.some((r) => r === 'erasure' || r === 'rectification' || r === 'restriction')) {
      // The Art. 19 record for the DPO: each recipient, and whether its notice is recorded as sent.
      const done = (id: string) => c.tasks.some((t) => t.id === id && t.done);
      const recipients = [
        ...systemsHoldingRequesterData(register).map((p) => ({ id: p.id, name: p.name })),
        { id: 'other_recipients', name: 'other recipients' },
      ];
      await put(
        'art19-notifications.csv',
        csv([
          ['recipient', 'right', 'notified'],
          ...c.rights
            .filter((r) => r === 'erasure' || r === 'rectification' || r === 'restriction')
            .flatMap((right) => recipients.map((x) => [x.name, right, done(`art19:${x.id}`) ? 'yes' : 'not yet'])),
        ]),
      );
    }

    const root = await driveItemByPath(this.deps.graph, this.deps.drive, folder).catch(() => undefined);
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    await cases.act(
      caseId,
      {
        type: 'record_export',
        export: {
          folder,
          drive: this.deps.drive,
          ...(root?.webUrl ? { webUrl: root.webUrl } : {}),
          at,
          items: included.length,
          withheld: withheld.length,
          redactedItems,
          redactions,
          kept,
          unreadable,
        },
      },
      actor,
    );
    return {
      caseId,
      drive: this.deps.drive,
      folder,
      ...(root?.webUrl ? { webUrl: root.webUrl } : {}),
      included: included.length,
      withheld: withheld.length,
      files,
      lettersNotWritten,
      redactedItems,
      redactions,
      duplicatesSkipped: (run as { duplicatesSkipped?: number } | undefined)?.duplicatesSkipped ?? 0,
      unreadable,
    };
  }

  /** Each letter the case calls for, as text, PDF and DOCX; the ones its state does not support, with why. */
  private async letters(
    c: Case,
    facts: LetterFacts,
    put: (path: string, content: Buffer | string) => Promise<void>,
  ): Promise<ExportResult['lettersNotWritten']> {
    // The package holds the answer: a refusal, "no data", or one letter per right asked for.
    const kinds: LetterTemplate[] =
      c.decision?.kind === 'rejected' ? ['refusal'] : facts.found === 0 ? ['no_data'] : [...new Set(c.rights.map((r) => RIGHT_LETTER[r]))];
    const notWritten: ExportResult['lettersNotWritten'] = [];
    for (const kind of kinds) {
      let letter: ReturnType<typeof letterFor>;
      try {
        letter = letterFor(c, kind, undefined, facts);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        notWritten.push({ kind, reason: error.message });
        continue;
      }
      const name = `letter-${kind}.${letter.lang}`;
      await put(`${name}.txt`, renderLetterText(letter));
      await put(`${name}.pdf`, await letterPdf(letter));
      await put(`${name}.docx`, await letterDocx(letter));
    }
    return notWritten;
  }

  /**
   * Art. 20: what the person provided (their details and the messages they sent), machine-readable. The
   * person is the data subject: a representative's own mails are not the data subject's to port.
   */
  private async portability(c: Case, included: readonly Hit[], put: (path: string, content: string) => Promise<void>): Promise<void> {
    const person = personConcerned(c);
    const email = person.email?.toLowerCase();
    const sent = included.filter((h) => h.kind === 'message' && email !== undefined && h.from === email);
    // Only the person's details: never the authority record or the representative's.
    const details = Object.fromEntries(
      (['name', 'email', 'phone', 'address', 'customerNumber'] as const).flatMap((k) => (person[k] ? [[k, person[k]]] : [])),
    );
    const data = {
      person: details,
      messages: sent.map((h) => ({ date: h.date, subject: h.title, text: h.snippet.replace(/^[^:]*:\s*/, '') })),
    };
    await put('portability/provided-data.json', `${JSON.stringify(data, null, 2)}\n`);
    await put(
      'portability/provided-data.csv',
      csv([['date', 'subject', 'text'], ...data.messages.map((m) => [m.date, m.subject, m.text])]),
    );
  }
}
