/** The value scan from the editor: findings become diagnostics on the spec, with the pii/encrypt quick fix. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../helpers/lsp-client';
import * as gen from '../helpers/pii-values';
import { tempWorkspace } from '../helpers/temp-workspace';

const spec = `table: memo
kind: source
source: { object: CARD.MEMO }
load: { mode: overwrite }
columns:
  - name: ref_txt
    oracle: VARCHAR2(14)
  - name: note
    oracle: VARCHAR2(200)
`;

describe('value scan over LSP', () => {
  const r = gen.rng(3);
  const rows = Array.from({ length: 300 }, (_, i) => `${gen.rrn(r)},"${i % 50 === 0 ? `회신 ${gen.mobile(r)}` : '정상 처리'}"`);
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'memo.table.yaml': spec, 'data/memo.csv': `REF_TXT,NOTE\n${rows.join('\n')}\n` });
  let client: LspClient;
  const uri = uriOf(ws.path('memo.table.yaml'));

  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root);
    await client.open(uri, spec);
    await client.diagnosticsFor(uri);
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('publishes pii-in-values at the column names, and offers to mark them', async () => {
    const report = await client.request<{ rows: number; findings: { column: string; kind: string; example: string }[] }>('workspace/executeCommand', {
      command: 'tablespec.server.scan',
      arguments: [{ uri }],
    });
    assert.equal(report.rows, 300);
    assert.deepEqual(
      report.findings.map((f) => [f.column, f.kind]),
      [
        ['ref_txt', 'rrn'],
        ['note', 'phone'],
      ],
    );
    const ds = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'pii-in-values'));
    const found = ds.filter((d) => d.code === 'pii-in-values').map((d) => [d.severity, d.range.start.line, d.range.start.character, d.range.end.character]);
    assert.deepEqual(found, [
      [2, 5, 10, 17],
      [3, 7, 10, 14],
    ]);
    const actions = await client.request<{ title: string; edit: { documentChanges: { edits: { newText: string }[] }[] } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: ds.find((d) => d.code === 'pii-in-values')!.range,
      context: { diagnostics: ds.filter((d) => d.code === 'pii-in-values' && d.range.start.line === 5) },
    });
    assert.equal(actions.length, 1);
    assert.match(actions[0]!.edit.documentChanges[0]!.edits.map((e) => e.newText).join(''), /pii: rrn[\s\S]*encrypt: sha256/);
    // Nothing unmasked went over the wire.
    for (const row of rows) assert.ok(!JSON.stringify(report).includes(row.split(',')[0]!));
  });
});
