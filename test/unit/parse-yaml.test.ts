/** The chunked YAML parse: syntax errors where they break, and the same tree as a whole-document parse. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { createYamlParser, parseYamlOnce } from '../../server/src/document/parse-yaml';
import { toJS } from '../../server/src/document/yaml-node';

const errorsOf = (text: string) => parseYamlOnce(text).problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.start, p.end))}`);

describe('YAML syntax errors', () => {
  it('puts an unclosed flow map on its last character, not on the next line', () => {
    assert.deepEqual(errorsOf('source: { object: CARD.X\nload: { mode: overwrite }\n'), ['yaml-syntax "X"']);
  });
  it('reports a missing closing quote in its own block and still reads the next key', () => {
    const text = 'table: "abc\nkind: source\n';
    assert.deepEqual(errorsOf(text), ['yaml-syntax "c"']);
    assert.equal((toJS(parseYamlOnce(text).root) as { kind: string }).kind, 'source');
  });
  it('reports a misaligned list item', () => {
    assert.deepEqual(errorsOf('columns:\n  - name: a\n    oracle: NUMBER(1)\n   - name: b\n'), ['yaml-syntax "-"']);
  });
  it('reports tabs used as indentation', () => {
    assert.deepEqual(errorsOf('table: a\n\tkind: b\n'), ['yaml-syntax "\\t"']);
  });
  it('reports a key written twice across top-level blocks', () => {
    assert.deepEqual(errorsOf('table: a\nkind: source\ntable: b\n'), ['duplicate-key "table"']);
  });
});

describe('chunked parse', () => {
  const spec = ['# spec', 'table: t', 'columns:', '  # first', '  - name: a', '    oracle: NUMBER(1)', '  - name: b', '    oracle: "VARCHAR2(10)"', 'load:', '  mode: append', ''].join('\n');

  it('gives the same value as parsing the whole document', () => {
    assert.deepEqual(toJS(parseYamlOnce(spec).root), parseDocument(spec).toJS());
    assert.equal(parseYamlOnce(spec).mode, 'chunked');
  });

  it('re-parses only the column that changed', () => {
    const parse = createYamlParser();
    assert.equal(parse(spec).parsedChunks, 5);
    const edited = spec.replace('name: b', 'name: bb');
    const r = parse(edited);
    assert.equal(r.parsedChunks, 1);
    assert.deepEqual(toJS(r.root), parseDocument(edited).toJS());
  });

  it('keeps offsets right for chunks that moved', () => {
    const parse = createYamlParser();
    parse(spec);
    const edited = spec.replace('name: a', 'name: aaaa');
    const r = parse(edited);
    const columns = (r.root as { pairs: { key: { text: string }; value: { items: { pairs: { value: { start: number; end: number } }[] }[] } }[] }).pairs.find((p) => p.key.text === 'columns')!.value;
    const oracleB = columns.items[1]!.pairs[1]!.value;
    assert.equal(edited.slice(oracleB.start, oracleB.end), '"VARCHAR2(10)"');
  });

  it('parses documents with anchors and aliases whole', () => {
    const text = 'base: &b { oracle: DATE }\ncolumns:\n  - { name: a, <<: *b }\n';
    const r = parseYamlOnce(text);
    assert.equal(r.mode, 'whole');
    assert.deepEqual(r.problems, []);
  });

  it('reads Windows line endings the same way, chunked', () => {
    const crlf = spec.replace(/\n/g, '\r\n');
    const r = parseYamlOnce(crlf);
    assert.equal(r.mode, 'chunked');
    assert.deepEqual(toJS(r.root), parseDocument(crlf).toJS());
    assert.deepEqual(r.problems, []);
  });

  it('accepts a list at the same indent as its key', () => {
    const text = 'columns:\n- name: a\n  oracle: DATE\n- name: b\n  oracle: DATE\n';
    assert.deepEqual(toJS(parseYamlOnce(text).root), parseDocument(text).toJS());
  });
});

describe('chunk borders', () => {
  const same = (text: string) => {
    const whole = parseDocument(text, { uniqueKeys: true });
    assert.deepEqual(whole.errors, []);
    assert.deepEqual(toJS(parseYamlOnce(text).root), JSON.parse(JSON.stringify(whole.toJS())));
  };
  it('does not take a scalar followed by a comment for a key', () => same('table: t\n( # a note: not a key\n'.replace('( #', 'x: ( #')));
  it('parses explicit keys whole', () => same('table: t\n? kind\n: source\n'));
  it('is not fooled by brackets in quotes and comments', () => {
    const text = "table: t # a { comment\ndescription: \"an [open\"\nkind: 'it''s {'\ncolumns:\n  - { name: a, oracle: DATE }\n";
    same(text);
    assert.equal(parseYamlOnce(text).mode, 'chunked');
  });
});
