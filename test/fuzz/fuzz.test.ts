/**
 * No input crashes or hangs the checker: thousands of mutated fixtures and random documents each
 * return problems within a time bound, with offsets inside the text. The chunked parse agrees with a
 * whole-document parse, and a checker that has seen earlier versions (its caches warm) agrees with a
 * fresh one. A file checked from disk in one parse (joins resolved later) agrees with the editor's checker.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { isCollection, parseDocument, visit } from 'yaml';
import { defaultConfig, defaultSettings } from '../../server/src/config/workspace-config';
import { checkSpecFile, createSpecChecker, indexEntry, withJoins, type CheckEnvironment } from '../../server/src/document/check-spec';
import { parseYamlFile, parseYamlOnce } from '../../server/src/document/parse-yaml';
import { emptyWorkspace, SpecIndex } from '../../server/src/document/workspace-index';
import { warmTrinoGrammar } from '../../server/src/sql/trino-grammar';
import { toJS } from '../../server/src/document/yaml-node';
import { fixtures } from '../helpers/fixture-workspace';

const env: CheckEnvironment = { config: { ...defaultConfig, defaultDatabase: 'card_dw' }, settings: defaultSettings, workspace: emptyWorkspace };
const folder = join(fixtures, 'checks');
const seeds = readdirSync(folder)
  .filter((f) => f.endsWith('.table.yaml'))
  .map((f) => readFileSync(join(folder, f), 'utf8'));
// Generous for a 2-core CI machine; a typical document takes about a millisecond.
const boundMs = 1000;

const nasty = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\t',
  '\r',
  '\n',
  '"',
  "'",
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '&a ',
  '*a',
  '!!str ',
  '#',
  '|',
  '>',
  '%',
  '---\n',
  '...',
  '? ',
  ',',
  '\\',
  '\uFEFF',
  '\uD800',
  '가',
  '    ',
  'NUMBER(',
  '99999999999999999999',
);
const chunk = fc.oneof(nasty, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));

type Mutation = { kind: 'insert' | 'delete' | 'replace' | 'truncate' | 'duplicate' | 'indent'; at: number; len: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'truncate', 'duplicate', 'indent'),
  at: fc.nat(),
  len: fc.nat({ max: 40 }),
  text: chunk,
});

function mutate(text: string, m: Mutation): string {
  const at = text.length ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.len);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicate': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line + text.slice(start);
    }
    case 'indent': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      return text.slice(0, start) + ' '.repeat(m.len % 5) + text.slice(start);
    }
  }
}

const mutatedDocument = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([seed, ms]) => ms.reduce(mutate, seed));

const randomDocument = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.nat({ max: 5000 }).map((n) => '['.repeat(n)),
  fc.nat({ max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => ' '.repeat(i % 200) + 'a:').join('\n')),
  fc.nat({ max: 2000 }).map((n) => `columns:\n${'  - '.repeat(n)}x`),
  fc.nat({ max: 200_000 }).map((n) => `table: ${'x'.repeat(n)}\n`),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .array(fc.tuple(fc.constantFrom('table', 'kind', 'columns', 'load', 'source', 'views', 'joins', 'storage'), fc.jsonValue()), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')),
);

function checkBounded(text: string) {
  const started = performance.now();
  const result = createSpecChecker()(text, env);
  const took = performance.now() - started;
  assert.ok(took < boundMs, `took ${took.toFixed(0)} ms`);
  for (const p of result.problems) {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `${p.code} at ${p.start}-${p.end} of ${text.length}`);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(p.severity));
    assert.ok(p.code.length > 0 && p.message.length > 0);
  }
  assert.ok(!result.problems.some((p) => p.code === 'internal-error'), result.problems.find((p) => p.code === 'internal-error')?.message);
  return result;
}

describe('fuzz', () => {
  // The bound is a check's, not a module's first load: Trino's grammar loads once per process, on the first
  // condition checked (about a second; loading it at the server's start delayed the workspace's diagnostics).
  before(() => warmTrinoGrammar());
  it('returns problems in time for 3,000 mutated fixtures', () => {
    fc.assert(
      fc.property(mutatedDocument, (text) => void checkBounded(text)),
      { numRuns: 3000, seed: 20261122 },
    );
  });

  it('returns problems in time for 1,000 random documents', () => {
    fc.assert(
      fc.property(randomDocument, (text) => void checkBounded(text)),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('parses chunked exactly as the whole document, for 2,000 mutated fixtures that are valid YAML', () => {
    let compared = 0;
    fc.assert(
      fc.property(mutatedDocument, (text) => {
        const whole = parseDocument(text, { uniqueKeys: true });
        if (whole.errors.length) return;
        // A mapping used as a key (`? {a: b}`) is stringified differently; a spec reports it as an unknown key either way.
        let complexKey = false;
        visit(whole, { Pair: (_, pair) => void (isCollection(pair.key) && (complexKey = true)) });
        if (complexKey) return;
        let value: unknown;
        try {
          value = JSON.parse(JSON.stringify(whole.toJS() ?? null));
        } catch {
          return; // an unresolved alias: not valid YAML either
        }
        compared++;
        const chunked = parseYamlOnce(text);
        assert.deepEqual(
          chunked.problems.filter((p) => p.severity === 'error'),
          [],
        );
        assert.deepEqual(toJS(chunked.root), value);
      }),
      { numRuns: 2000, seed: 11 },
    );
    assert.ok(compared > 200, `only ${compared} documents were valid YAML`);
  });

  it('checks a file from disk as the editor checks it: the same tree, and the same problems once its joins are resolved, for 2,000 mutated fixtures', () => {
    // A workspace of the fixtures, so that joins find tables, columns and types that differ.
    const index = new SpecIndex();
    for (const [i, seed] of seeds.entries()) index.set(`seed-${i}`, indexEntry(`seed-${i}`, createSpecChecker()(seed, env).model));
    const workspace = index.viewFor('fuzzed');
    const strip = (n: unknown): unknown =>
      n === null || typeof n !== 'object'
        ? n
        : Array.isArray(n)
          ? n.map(strip)
          : Object.fromEntries(
              Object.entries(n)
                .filter(([k]) => k !== 'origin')
                .map(([k, v]) => [k, strip(v)]),
            );
    let whole = 0;
    fc.assert(
      fc.property(mutatedDocument, (text) => {
        const file = parseYamlFile(text);
        const chunked = parseYamlOnce(text);
        if (file.mode === 'whole' && chunked.mode === 'chunked') whole++;
        assert.deepEqual(strip(file.root), strip(chunked.root));
        assert.deepEqual(file.problems, chunked.problems);
        const editor = createSpecChecker()(text, { ...env, workspace }).problems;
        assert.deepEqual(withJoins(checkSpecFile(text, env), workspace, env.settings), editor);
      }),
      { numRuns: 2000, seed: 13 },
    );
    assert.ok(whole > 200, `only ${whole} documents took the one-parse path`);
  });

  it("keeps a moved column's problems at its place while typing above it, as from scratch", () => {
    // Column c3's comment is cut by Glue (`comment-cut`) and its `source` cannot be an Oracle name (`unsafe-sql`):
    // problems kept by the column's text, moved with it by every character typed into c1's comment above.
    const longComment = '가'.repeat(90);
    let text = `table: t\nkind: source\nsource: { object: A.T }\nload: { mode: overwrite }\ncolumns:\n  - name: c1\n    oracle: NUMBER(5)\n    comment: x\n  - name: c2\n    oracle: NUMBER(5)\n  - name: c3\n    oracle: NUMBER(5)\n    source: 'A"B'\n    comment: ${longComment}\n`;
    const warm = createSpecChecker();
    const codes = (t: string) => warm(t, env).problems.map((p) => `${p.code} ${p.start}-${p.end}`);
    const first = codes(text);
    assert.ok(first.some((c) => c.startsWith('comment-cut ')) && first.some((c) => c.startsWith('unsafe-sql ')), first.join(' | '));
    let at = text.indexOf('comment: x') + 'comment: x'.length;
    for (const typed of 'yz가나 done') {
      text = text.slice(0, at) + typed + text.slice(at);
      at += typed.length;
      assert.deepEqual(
        codes(text),
        createSpecChecker()(text, env).problems.map((p) => `${p.code} ${p.start}-${p.end}`),
      );
    }
  });

  it('gives the same result with warm caches as from scratch, over 300 editing sessions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 12 }), (seed, ms) => {
        const warm = createSpecChecker();
        let text = seed;
        warm(text, env);
        for (const m of ms) {
          text = mutate(text, m);
          const incremental = warm(text, env).problems;
          const fresh = createSpecChecker()(text, env).problems;
          assert.deepEqual(incremental, fresh);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
