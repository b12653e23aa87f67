import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every DomainError a card, the tab or the add-in can show carries Danish words (issue 15 item 6): a Danish
 * card falls back to the English message otherwise. Checked on the source, so a new error without Danish
 * fails here rather than on a DPO's screen. The CLI is English (it has no Danish mode), so src/cli is exempt.
 */

const root = join(import.meta.dirname, '..', 'src');
const EXEMPT = ['cli/'];
/** The helpers that make errors; their own bodies pass the Danish on. */
const FACTORIES = ['invalidInput', 'refused', 'notFound'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

function withoutDanish(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (n: ts.Node) => `${relative(root, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    const insideFactory = (() => {
      for (let p: ts.Node | undefined = n.parent; p; p = p.parent)
        if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && FACTORIES.includes(p.name.text)) return true;
      return false;
    })();
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && FACTORIES.includes(n.expression.text) && n.arguments.length < 2)
      found.push(`${where(n)} ${n.expression.text}(${n.arguments[0]?.getText().slice(0, 60) ?? ''})`);
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'DomainError' && !insideFactory) {
      const p = n.parent;
      if (!(ts.isPropertyAccessExpression(p) && p.name.text === 'saying')) found.push(`${where(n)} new DomainError(…)`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('Danish error texts', () => {
  it('every error raised outside the CLI says it in Danish too', () => {
    const files = sources(root).filter((f) => !EXEMPT.some((e) => relative(root, f).startsWith(e)));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(withoutDanish)).toEqual([]);
  });

  it('the check sees an error without Danish', () => {
    const probe = join(import.meta.dirname, 'fixtures', 'danish-errors-probe.ts.txt');
    expect(withoutDanish(probe)).toEqual([
      expect.stringMatching(/invalidInput\(`no Danish`\)$/),
      expect.stringMatching(/new DomainError\(…\)$/),
    ]);
  });
});
