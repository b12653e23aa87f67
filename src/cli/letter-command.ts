import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  LETTER_LANGS,
  LETTER_TEMPLATES,
  defaultTemplate,
  factsFromSearch,
  isLetterLang,
  isLetterTemplate,
  legalDate,
  letterFor,
  parseCaseId,
  parseIsoDate,
  renderLetterText,
  type LetterFacts,
} from '../domain/index.js';
import { cliConfig } from './context.js';

/**
 * `dsar letter <case id>`: the letter the case's recorded state gives today, as text (what the card's
 * "Forhåndsvis brev" shows and the package holds as PDF/DOCX). Read-only: nothing is sent or recorded.
 */

const print = (text: string): void => void process.stdout.write(text);

function accounting(value: string): NonNullable<LetterFacts['accounting']> {
  if (value.trim().toLowerCase() === 'none') return 'none';
  try {
    return { latestRecord: parseIsoDate(value.trim(), 'date').toString() };
  } catch {
    throw new InvalidArgumentError('give the date of the latest accounting record about the person (YYYY-MM-DD), or none');
  }
}

export function registerLetterCommand(program: Command): void {
  program
    .command('letter')
    .description("print the letter the case's state gives now (nothing is sent)")
    .argument('<case-id>', 'e.g. DSAR-2026-0042')
    .addOption(new Option('--kind <kind>', "which letter (default: from the case's outcome and rights)").choices(LETTER_TEMPLATES))
    .addOption(new Option('--lang <lang>', "the letter's language (default: the case's)").choices(LETTER_LANGS))
    .option(
      '--accounting <date|none>',
      'erasure: the date of the latest accounting record about the person (kept 5 years from the end of its financial year), or none',
      accounting,
    )
    .option('--json', 'print the letter as structure: {template, lang, subject, blocks, ...}')
    .action(async (id: string, options: { kind?: string; lang?: string; accounting?: LetterFacts['accounting']; json?: boolean }) => {
      const caseId = parseCaseId(id);
      const config = await cliConfig();
      const [{ openCases, openRegisterAnswers }, { openDiscoveryTable }] = await Promise.all([
        import('../compose.js'),
        import('../discovery/discovery-table.js'),
      ]);
      const { cases } = await openCases(config, { maxRetries: 1 });
      const c = await cases.get(caseId);
      const [discovery, register] = await Promise.all([openDiscoveryTable(config), openRegisterAnswers(config)]);
      const [run, hits, confirmations] = await Promise.all([discovery.run(caseId), discovery.hits(caseId), register.confirmations()]);
      const facts: LetterFacts = {
        register: config.company.register,
        confirmations,
        date: legalDate(new Date().toISOString()).toString(),
        ...factsFromSearch(c, run?.state === 'done' || hits.length > 0, hits),
        ...(options.accounting ? { accounting: options.accounting } : {}),
      };
      const kind = options.kind && isLetterTemplate(options.kind) ? options.kind : defaultTemplate(c, facts);
      const letter = letterFor(c, kind, options.lang && isLetterLang(options.lang) ? options.lang : undefined, facts);
      print(options.json ? `${JSON.stringify(letter, null, 2)}\n` : renderLetterText(letter));
    });
}
