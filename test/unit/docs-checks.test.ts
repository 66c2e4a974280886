/** The problem codes' pages (docs/checks/) are the README's codes table, generated, and cover every code the checks emit. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checksFolder, codesTable, pages } from '../../scripts/docs-checks';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every file of server/src, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('problem code pages', () => {
  it('are what `npm run docs:checks` generates from the README now', () => {
    const want = pages(readme);
    assert.deepEqual(readdirSync(checksFolder).sort(), [...want.keys()].sort(), 'run `npm run docs:checks`');
    for (const [name, text] of want) assert.equal(readFileSync(join(checksFolder, name), 'utf8'), text, `docs/checks/${name} differs: run \`npm run docs:checks\``);
  });

  it('read a row of several codes as a page for each, with the cells that hold backticks whole', () => {
    const rows = codesTable(readme);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    assert.equal(byCode.get('source-table-missing')!.what, byCode.get('source-column-missing')!.what);
    assert.equal(byCode.get('catalog-column-extra')!.severity, 'warning');
    assert.equal(byCode.get('unknown-key')!.fix, 'rename to the near key');
    assert.equal(rows.length, new Set(rows.map((r) => r.code)).size, 'a code described twice');
  });

  it('cover every code the checks emit', () => {
    const emitted = new Set<string>();
    for (const file of sources(join(root, 'server', 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bproblem\(\s*'([a-z0-9-]+)'|\bcode: '([a-z0-9-]+)'/g)) emitted.add((m[1] ?? m[2])!);
    }
    const documented = new Set(codesTable(readme).map((r) => r.code));
    assert.ok(emitted.size > 50, `found ${emitted.size} codes in server/src`);
    assert.deepEqual([...emitted].filter((c) => !documented.has(c)).sort(), []);
  });
});
