/** The built language server over stdio, driven as an editor drives it. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../helpers/lsp-client';

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).sort();
const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);

const master = `table: cust_master
kind: source
source: { object: CARD.CUST_MASTER }
load: { mode: overwrite }
columns:
  - { name: cust_no, oracle: NUMBER(12), nullable: false }
  - { name: grade_cd, oracle: VARCHAR2(2) }
`;

const spec = `table: card_account
kind: source
source: { object: CARD.CARD_ACCOUNT }
load:
  mode: upsert
  keys: [acct_id]
columns:
  - name: acct_id
    oracle: NUMBER(12)
    nullable: false
  - name: cust_no
    oracle: NUMBER(12)
  - name: card_no
    oracle: VARCHAR2(16)
  - name: open_dt
    oracle: NUMBER(39)
joins:
  - table: card_dw.cust_master
    on: [cust_no]
`;

describe('language server over stdio', () => {
  let dir: string;
  let client: LspClient;
  let uri: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tablespec-lsp-'));
    writeFileSync(join(dir, 'tablespec.yaml'), 'defaults:\n  database: card_dw\n');
    writeFileSync(join(dir, 'cust_master.table.yaml'), master);
    client = new LspClient();
    const caps = await client.initialize(dir);
    assert.ok(caps.completionProvider && caps.hoverProvider && caps.codeActionProvider && caps.documentSymbolProvider);
    uri = uriOf(join(dir, 'card_account.table.yaml'));
  });

  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the specs on disk when the workspace opens', async () => {
    const ds = await client.diagnosticsFor(uriOf(join(dir, 'cust_master.table.yaml')));
    assert.deepEqual(codes(ds), []);
  });

  it('publishes the problems of an opened spec at their ranges, resolving joins to closed files', async () => {
    await client.open(uri, spec);
    const ds = await client.diagnosticsFor(uri);
    assert.deepEqual(codes(ds), ['13:11 pii-not-encrypted', '16:20 oracle-type-limit']);
    const limit = ds.find((d) => d.code === 'oracle-type-limit')!;
    assert.deepEqual(limit.range, { start: { line: 15, character: 19 }, end: { line: 15, character: 21 } });
    assert.equal(limit.severity, 1);
    assert.equal(limit.source, 'tablespec');
  });

  it('re-checks after an incremental edit', async () => {
    const version = await client.edit(uri, { start: { line: 15, character: 19 }, end: { line: 15, character: 21 } }, '8');
    const ds = await client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(codes(ds), ['13:11 pii-not-encrypted']);
  });

  it('offers a quick fix and refuses it once the document has moved on', async () => {
    const ds = await client.diagnosticsFor(uri);
    const pii = ds.find((d) => d.code === 'pii-not-encrypted')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: pii.range, context: { diagnostics: [pii] } });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Mark as `pii: card_no` and `encrypt: sha256`', 'Mark as not personal data (`pii: none`)'],
    );
    const change = actions[0]!.edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
    assert.equal(change.textDocument.version, client.version(uri));
    assert.deepEqual(change.edits, [{ range: { start: { line: 13, character: 24 }, end: { line: 13, character: 24 } }, newText: '\n    pii: card_no\n    encrypt: sha256' }]);

    // Apply it as the editor would: the warning goes away.
    const version = await client.edit(uri, change.edits[0]!.range, change.edits[0]!.newText);
    const after = await client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(codes(after), []);
    // The old diagnostic's fix is now stale.
    const stale = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: pii.range, context: { diagnostics: [pii] } });
    assert.deepEqual(stale, []);
  });

  it('completes Oracle types, enum values, keys, column names and workspace tables', async () => {
    const at = (line: number, character: number) => client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    const oracle = labels(await at(8, 12));
    assert.ok(oracle.includes('NUMBER(p)') && oracle.includes('VARCHAR2(n CHAR)') && oracle.includes('TIMESTAMP(f)'), String(oracle));
    assert.deepEqual(labels(await at(4, 8)), ['overwrite', 'append', 'upsert']);
    assert.deepEqual(labels(await at(5, 9)), ['acct_id', 'cust_no', 'card_no', 'open_dt']);
    assert.deepEqual(labels(await at(19, 11)), ['card_dw.cust_master']);

    // A key on a new line of a column: the column's keys not written yet.
    const version = await client.edit(uri, { start: { line: 9, character: 19 }, end: { line: 9, character: 19 } }, '\n    co');
    await client.diagnosticsFor(uri, (p) => p.version === version);
    const keys = labels(await at(10, 6));
    assert.deepEqual(keys, ['source', 'type', 'comment', 'cleansing', 'pii', 'encrypt', 'purge']);
    const undo = await client.edit(uri, { start: { line: 9, character: 19 }, end: { line: 10, character: 6 } }, '');
    await client.diagnosticsFor(uri, (p) => p.version === undo);
  });

  it('explains an Oracle type on hover', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 14 } });
    const text = (h.contents as { value: string }).value;
    assert.match(text, /^\*\*NUMBER\(12\)\*\* → \*\*bigint\*\*/);
    assert.match(text, /precision 1 to 38/);
    assert.deepEqual(h.range, { start: { line: 8, character: 12 }, end: { line: 8, character: 22 } });
  });

  it('lists the table, its columns and their mapped types as symbols', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0]!.name, 'card_dw.card_account');
    assert.deepEqual(
      symbols[0]!.children!.map((c) => `${c.name} ${c.detail}`),
      ['acct_id NUMBER(12) → bigint', 'cust_no NUMBER(12) → bigint', 'card_no VARCHAR2(16) → string', 'open_dt NUMBER(8) → int'],
    );
  });

  it('re-checks a spec when a spec it joins changes', async () => {
    const masterUri = uriOf(join(dir, 'cust_master.table.yaml'));
    await client.open(masterUri, master);
    await client.diagnosticsFor(masterUri);
    await client.edit(masterUri, { start: { line: 5, character: 29 }, end: { line: 5, character: 39 } }, 'VARCHAR2(12)');
    const ds = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'join-type-mismatch'));
    assert.deepEqual(codes(ds), ['21:10 join-type-mismatch']);
  });

  it('applies a settings change: disabled codes are no longer reported', async () => {
    const masterUri = uriOf(join(dir, 'cust_master.table.yaml'));
    await client.edit(masterUri, { start: { line: 5, character: 29 }, end: { line: 5, character: 41 } }, 'NUMBER(12)');
    await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    const version = await client.edit(uri, { start: { line: 8, character: 12 }, end: { line: 8, character: 22 } }, 'NUMBER');
    const ds = await client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(codes(ds), ['9:13 number-precision-unknown']);
    client.settings = { checks: { disabled: ['number-precision-unknown'] } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
  });

  it('reports drift from a catalog snapshot named in the settings, and follows changes to it', async () => {
    const snapshot = (type: string) =>
      JSON.stringify({
        TableList: [
          {
            Name: 'cust_master',
            DatabaseName: 'card_dw',
            StorageDescriptor: {
              Columns: [
                { Name: 'cust_no', Type: type },
                { Name: 'grade_cd', Type: 'string' },
              ],
            },
            PartitionKeys: [],
          },
        ],
      });
    writeFileSync(join(dir, 'glue.json'), snapshot('bigint'));
    client.settings = { catalog: { snapshot: 'glue.json' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const ds = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'table-not-deployed'));
    assert.deepEqual(codes(ds), ['1:8 table-not-deployed', '9:13 number-precision-unknown']);

    const masterUri = uriOf(join(dir, 'cust_master.table.yaml'));
    writeFileSync(join(dir, 'glue.json'), snapshot('int'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, 'glue.json')), type: 2 }] });
    const drift = await client.diagnosticsFor(masterUri, (p) => p.diagnostics.some((d) => d.code === 'catalog-type-differs'));
    assert.deepEqual(codes(drift), ['6:30 catalog-type-differs']);
    client.settings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsFor(masterUri, (p) => p.diagnostics.length === 0);
  });

  it('checks tablespec.yaml with its schema', async () => {
    const wsUri = uriOf(join(dir, 'tablespec.yaml'));
    await client.open(wsUri, 'defaults:\n  databse: card_dw\n');
    const ds = await client.diagnosticsFor(wsUri, (p) => p.diagnostics.length > 0);
    assert.equal(ds.length, 1);
    assert.match(JSON.stringify(ds[0]!.message), /databse/);
    assert.equal(ds[0]!.range.start.line, 1);
  });

  it('keeps checking other files after a garbage document', async () => {
    const junk = uriOf(join(dir, 'junk.table.yaml'));
    await client.open(junk, '\u0000\u0001{[:\n\t- - -\n"' + 'x'.repeat(5000));
    const ds = await client.diagnosticsFor(junk);
    assert.ok(ds.length > 0);
    const version = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, 'TABLE');
    const after = await client.diagnosticsFor(uri, (p) => p.version === version);
    assert.ok(after.some((d) => d.code === 'unknown-key'));
  });
});
