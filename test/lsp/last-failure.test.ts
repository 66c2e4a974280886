/**
 * The last production failure on the spec, over the real protocol: the history's incident shown as a
 * `last-run-failed` warning on the field its remedy changes, with quick fixes that change the spec (lower
 * fetch_size, raise or lower parallelism, another split_by); an incident recorded with what was changed
 * is not shown; a cause outside the spec (a connection) gives no warning.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';
import { recordHistory } from '../../server/src/ops/history';

const fixtures = join(__dirname, '..', 'fixtures', 'dag');
const txn = readFileSync(join(fixtures, 'specs', 'card_txn.table.yaml'), 'utf8');
// The same table without an extract block, under another name.
const aprv = txn.replace('table: card_txn', 'table: card_aprv').replace(/  extract:\n(    .*\n)+/, '');

describe('language server: the last failure on the spec', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspClient;
  const incident = (table: string, rules: string[], changes?: string[]) =>
    recordHistory(ws.root, {
      operation: 'incident',
      table,
      environment: 'prod',
      result: 'failed',
      ...(changes ? { changes } : {}),
      detail: { dagId: `tablespec__${table.replace('.', '__')}`, runId: 'scheduled__2026-11-08T00:00:00+00:00', taskId: 'watch_extract', tries: 2, rules },
    });

  before(async () => {
    ws = tempWorkspace({
      // Without the Oracle connection: the live dictionary it would open re-checks the specs when it answers.
      'tablespec.yaml': readFileSync(join(fixtures, 'tablespec.yaml'), 'utf8').replace(/\n  connect_string: .*\n  user: .*\n/, '\n'),
      'specs/card_txn.table.yaml': txn,
      'specs/card_aprv.table.yaml': aprv,
      'specs/cust_grade.table.yaml': readFileSync(join(fixtures, 'specs', 'cust_grade.table.yaml'), 'utf8'),
    });
    incident('card_dw.card_txn', ['jvm.out-of-memory']);
    // The newest incident of a table wins.
    incident('card_dw.card_txn', ['yarn.container-memory', 'jvm.out-of-memory']);
    incident('card_dw.card_aprv', ['sqoop.split-skew']);
    incident('card_dw.cust_grade', ['oracle.no-listener']);
    client = new LspClient();
    await client.initialize(ws.root);
  });
  after(async () => {
    await client.stop();
    rmSync(ws.root, { recursive: true, force: true });
  });

  const failureOf = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'last-run-failed');
  const actionsFor = (uri: string, d: Diagnostic) => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });

  it('warns on fetch_size for a container killed for memory, and lowers it', async () => {
    const uri = uriOf(ws.path('specs/card_txn.table.yaml'));
    await client.open(uri, txn);
    const [d, ...more] = failureOf(await client.diagnosticsFor(uri, (p) => p.version === client.version(uri)));
    assert.deepEqual(more, []);
    assert.deepEqual([d!.severity, d!.range], [2, { start: { line: 10, character: 4 }, end: { line: 10, character: 14 } }]);
    assert.match(String(d!.message), /\[yarn\.container-memory\]$/);
    const actions = await actionsFor(uri, d!);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Lower source.extract.fetch_size to 5000', true],
        ['Raise source.extract.parallelism to 16', false],
      ],
    );
    const edits = (actions[0]!.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.deepEqual(edits, [{ range: { start: { line: 10, character: 16 }, end: { line: 10, character: 21 } }, newText: '5000' }]);
    const raise = (actions[1]!.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.deepEqual(raise, [{ range: { start: { line: 12, character: 17 }, end: { line: 12, character: 18 } }, newText: '16' }]);
  });

  it('offers another split_by for a skewed split, adding the extract block the spec lacks', async () => {
    const uri = uriOf(ws.path('specs/card_aprv.table.yaml'));
    await client.open(uri, aprv);
    const [d] = failureOf(await client.diagnosticsFor(uri, (p) => p.version === client.version(uri)));
    // No split_by and no extract: the warning stands on `source`.
    assert.deepEqual(d!.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } });
    const actions = await actionsFor(uri, d!);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Split the extract by txn_dt', 'Split the extract by txn_no', 'Split the extract by txn_amt'],
    );
    const [edit] = (actions[0]!.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.equal(edit!.newText, '\n  extract: { split_by: txn_dt }');
    // Applied as the editor would, the spec stays valid (no new error) and the warning moves to split_by.
    const version = await client.edit(uri, edit!.range, edit!.newText);
    const after = await client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(
      after.filter((x) => x.severity === 1),
      [],
    );
    assert.deepEqual(
      failureOf(after).map((x) => x.range.start),
      [{ line: 8, character: 13 }],
    );
  });

  it('shows nothing for a cause outside the spec, nor for an incident already handled', async () => {
    const uri = uriOf(ws.path('specs/cust_grade.table.yaml'));
    await client.open(uri, readFileSync(ws.path('specs/cust_grade.table.yaml'), 'utf8'));
    assert.deepEqual(failureOf(await client.diagnosticsFor(uri, (p) => p.version === client.version(uri))), []);
    incident('card_dw.card_txn', ['yarn.container-memory'], ['fetch_size 10000 -> 5000']);
    const txnUri = uriOf(ws.path('specs/card_txn.table.yaml'));
    const version = await client.edit(txnUri, { start: { line: 2, character: 13 }, end: { line: 2, character: 13 } }, ' ');
    assert.deepEqual(failureOf(await client.diagnosticsFor(txnUri, (p) => p.version === version)), []);
  });

  it('shows a new incident on an open spec when the history changes', async () => {
    const uri = uriOf(ws.path('specs/cust_grade.table.yaml'));
    incident('card_dw.cust_grade', ['athena.hive-bad-data']);
    // Nothing re-checks the spec on its own…
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(failureOf(await client.diagnosticsFor(uri)), []);
    // … until the editor says the history changed.
    const before = client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'last-run-failed'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ws.path('.tablespec/history.jsonl')), type: 2 }] });
    const [d] = failureOf(await before);
    // HIVE_BAD_DATA's remedy is on the columns: the warning stands on `columns`, with no quick fix.
    assert.deepEqual(d!.range.start, { line: 7, character: 0 });
    assert.deepEqual(await actionsFor(uri, d!), []);
  });

  it('is silenced by tablespec.checks.disabled, as every other code', async () => {
    const uri = uriOf(ws.path('specs/cust_grade.table.yaml'));
    client.settings = { checks: { disabled: ['last-run-failed'] } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsFor(uri, (p) => !p.diagnostics.some((d) => d.code === 'last-run-failed'));
    client.settings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'last-run-failed'));
  });
});
