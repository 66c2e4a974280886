/**
 * Completion over stdio, as the editor applies it: each item's edit replaces exactly the word typed so far,
 * nothing wrong is offered inside a type's parentheses, names get no example values, and the spec
 * snippets come from the server in spec files only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Position, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

const head = 'table: t\ndatabase: card_dw\nkind: source\nsource: { object: CARD.T }\nload: { mode: overwrite }\ncolumns:\n';

/** Applies one edit of an LSP text to the text. */
function apply(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  const at = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, at(edit.range.start)) + edit.newText + text.slice(at(edit.range.end));
}

describe('completion as the editor applies it', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n' });
  const client = new LspClient();
  let n = 0;

  /** Opens `text` (the cursor at `|`) as a new spec and returns the items at the cursor, and the text without the `|`. */
  async function at(marked: string): Promise<{ items: CompletionItem[]; text: string }> {
    const offset = marked.indexOf('|');
    const text = marked.replace('|', '');
    const uri = uriOf(ws.path(`s${n++}.table.yaml`));
    await client.open(uri, text);
    const before = text.slice(0, offset).split('\n');
    const r = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: before.length - 1, character: before[before.length - 1]!.length },
    });
    return { items: Array.isArray(r) ? r : r.items, text };
  }
  const accept = (text: string, item: CompletionItem | undefined) => apply(text, item!.textEdit as TextEdit);

  before(() => client.initialize(ws.root));
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('completes the length semantics inside VARCHAR2(50 …), replacing only the word typed', async () => {
    const { items, text } = await at(`${head}  - name: a\n    oracle: VARCHAR2(50 CHA|)\n`);
    assert.deepEqual(
      items.map((i) => i.label),
      ['CHAR', 'BYTE'],
    );
    assert.match(accept(text, items[0]), /oracle: VARCHAR2\(50 CHAR\)\n/);
    const typed = await at(`${head}  - name: a\n    oracle: VARCHAR2(50 CHAR|)\n`);
    assert.match(
      accept(
        typed.text,
        typed.items.find((i) => i.label === 'CHAR'),
      ),
      /oracle: VARCHAR2\(50 CHAR\)\n$/,
    );
  });

  it('offers no whole type inside the parentheses of NUMBER(p, or decimal(p,', async () => {
    assert.deepEqual((await at(`${head}  - name: a\n    oracle: NUMBER(15,|)\n`)).items, []);
    assert.deepEqual((await at(`${head}  - { name: a, oracle: NUMBER(15,| }\n`)).items, []);
    assert.deepEqual((await at(`${head}  - name: a\n    oracle: NUMBER(15)\n    type: decimal(18,|)\n`)).items, []);
  });

  it('replaces the whole type typed so far, and nothing after the cursor', async () => {
    const { items, text } = await at(`${head}  - name: a\n    oracle: VARCH|\n    comment: x\n`);
    const item = items.find((i) => i.label === 'VARCHAR2(n CHAR)');
    assert.deepEqual((item!.textEdit as TextEdit).range, { start: { line: 7, character: 12 }, end: { line: 7, character: 17 } });
    assert.equal(accept(text, item), `${head}  - name: a\n    oracle: VARCHAR2(\${1:100} CHAR)\n    comment: x\n`);
    const glue = await at(`${head}  - name: a\n    oracle: CLOB\n    type: array<str|>\n`);
    assert.equal(
      accept(
        glue.text,
        glue.items.find((i) => i.label === 'string'),
      ),
      `${head}  - name: a\n    oracle: CLOB\n    type: array<string>\n`,
    );
  });

  it('offers no example value for a name or free text', async () => {
    assert.deepEqual((await at(`${head}  - name: |\n`)).items, []);
    assert.deepEqual((await at(`${head}  - name: a\n    oracle: DATE\n    comment: |\n`)).items, []);
    assert.deepEqual((await at(`table: |\n`)).items, []);
    // A format with a few usual spellings still offers them.
    assert.deepEqual(
      (await at(`${head.replace('source: { object: CARD.T }', 'source:\n  object: CARD.T\n  staging:\n    null_value: |')}`)).items.map((i) => i.label),
      ['\\N', 'null'],
    );
  });

  it('offers the spec snippets where they fit, from the server', async () => {
    const empty = await at('|');
    assert.ok(
      empty.items.some((i) => i.label === 'tablespec-table' && i.kind === 15),
      JSON.stringify(empty.items.map((i) => i.label)),
    );
    const column = await at(`${head}  - name: a\n    oracle: DATE\n  tablespec-c|\n`);
    assert.deepEqual(
      column.items.map((i) => i.label),
      ['tablespec-column'],
    );
    assert.equal(accept(column.text, column.items[0]), `${head}  - name: a\n    oracle: DATE\n  - name: \${1:column_name}\n  oracle: \${2:VARCHAR2(100 CHAR)}\n  comment: \${3}\n$0\n`);
    const key = await at(`${head}  - name: a\n    co|\n`);
    assert.ok(!key.items.some((i) => i.kind === 15), 'no snippet among the keys of a column');
    const spec = await at(`table: t\n|`);
    assert.ok(!spec.items.some((i) => i.label === 'tablespec-table'), 'no second spec inside a spec');
  });

  it('offers no example value for a name in tablespec.yaml either, but its allowed values', async () => {
    const uri = uriOf(ws.path('tablespec.yaml'));
    const text = 'defaults:\n  database: \nenvironments:\n  local:\n    engine: \n';
    await client.open(uri, text);
    const at = async (line: number, character: number) => {
      const r = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
      return (Array.isArray(r) ? r : r.items).map((i) => i.label);
    };
    assert.deepEqual(await at(1, 12), []);
    assert.deepEqual((await at(4, 12)).sort(), ['athena', 'duckdb']);
  });

  it('contributes no snippets to every YAML file', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { snippets?: { language: string }[] } };
    assert.deepEqual(manifest.contributes.snippets ?? [], []);
  });
});
