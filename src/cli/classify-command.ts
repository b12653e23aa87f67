import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { invalidInput } from '../domain/errors.js';
import { errorText } from '../platform/error-text.js';
import { terminalSafe } from './terminal-text.js';

/**
 * `dsar classify <file.eml | - | directory>`: the intake classifier on its own. Its output is a contract
 * checked by scripts: one JSON object per message, keys in this order:
 *   {"verdict","privacyRequest","followUp","caseRef","rights","requester","dataSubject","language","confidence","evidence"}
 * "verdict" is request | uncertain | not_request (uncertain: a person may be asking; the DPO confirms).
 * For a directory, one JSON line per .eml file (sorted by name) with "file" first. Exit 0 whatever the
 * verdict; 2 with one line on stderr when the input cannot be read as an e-mail. The classifier (mailparser
 * and the word lists) is imported only when the command runs, so the rest of the CLI starts fast.
 */

const print = (text: string): void => void process.stdout.write(`${text}\n`);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

async function readSource(source: string): Promise<Buffer> {
  try {
    return await readFile(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'a directory, not a file'
            : oneLine((error as Error).message);
    throw invalidInput(`cannot read ${source}: ${reason}`);
  }
}

export function registerClassifyCommand(program: Command): void {
  program
    .command('classify')
    .description('classify an e-mail: new data-subject request or follow-up, the rights asked for, who asks, the language')
    .argument('<source>', 'an RFC 822 file (.eml), - for standard input, or a directory of .eml files')
    .addHelpText(
      'after',
      '\nPrints {"verdict","privacyRequest","followUp","caseRef","rights","requester","dataSubject","language","confidence","evidence"}\n' +
        'as one JSON line; verdict is request, uncertain (a person may be asking: confirm or dismiss) or not_request;\n' +
        'for a directory one line per .eml file (by name) with "file" added.\n' +
        'Rights: access, information, rectification, erasure, restriction, portability, objection, marketing_optout.',
    )
    .action(async (source: string) => {
      const { classifyEml, toJson, UnreadableEmailError } = await import('../classifier/index.js');
      const classifyOne = async (bytes: Buffer, name: string) => {
        try {
          return toJson(await classifyEml(bytes));
        } catch (error) {
          if (error instanceof UnreadableEmailError) throw invalidInput(`${name}: ${oneLine(error.message)}`);
          throw error;
        }
      };

      if (source === '-') {
        print(JSON.stringify(await classifyOne(await readStdin(), 'standard input')));
        return;
      }
      const info = await stat(source).catch(() => null);
      if (info?.isDirectory()) {
        const entries = await readdir(source, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
          throw invalidInput(`cannot read ${source}: ${error.code === 'EACCES' ? 'permission denied' : oneLine(error.message)}`);
        });
        const unreadable: string[] = [];
        // A folder inside is not read (no recursion) and is said so, so nothing is skipped unseen.
        for (const dir of entries
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort())
          unreadable.push(`${dir}: a directory, not read`);
        const files = entries
          .filter((e) => !e.isDirectory() && e.name.toLowerCase().endsWith('.eml'))
          .map((e) => e.name)
          .sort();
        for (const file of files) {
          try {
            const result = await classifyOne(await readSource(join(source, file)), file);
            print(JSON.stringify({ file, ...result }));
          } catch (error) {
            unreadable.push(errorText(error));
          }
        }
        if (unreadable.length) {
          for (const line of unreadable) process.stderr.write(`dsar: ${terminalSafe(line)}\n`);
          process.stderr.write(`dsar: ${unreadable.length} of ${entries.length} entries not classified\n`);
          process.exitCode = 2;
        }
        return;
      }
      print(JSON.stringify(await classifyOne(await readSource(source), source)));
    });
}
