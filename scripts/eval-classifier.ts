import { errorText } from '../src/platform/error-text.js';
// `npm run eval:classifier [-- <dir>]`: the intake classifier's figures on a labelled corpus (default
// tests/fixtures/classifier, or any directory of .eml files with a labels.json), and every message it gets
// wrong with what was expected. A report: it exits 0 whatever the figures (the corpus test enforces them).
import { resolve } from 'node:path';
import { evaluateDirectory, reportText } from './classifier-evaluation.js';

const dir = resolve(process.argv[2] ?? 'tests/fixtures/classifier');
try {
  console.log(reportText(dir, await evaluateDirectory(dir)));
} catch (error) {
  console.error(`eval-classifier: ${errorText(error)}`);
}
process.exitCode = 0;
