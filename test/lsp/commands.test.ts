/** The operations over LSP: executeCommand with progress, errors that say their kind, and cancellation. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

const spec = `table: branch
kind: source
source: { object: CARD.BRANCH }
load: { mode: overwrite }
columns:
  - { name: brnch_cd, oracle: CHAR(4), nullable: false, cleansing: [rtrim] }
  - { name: brnch_nm, oracle: VARCHAR2(100), cleansing: [trim] }
`;

describe('operations over LSP', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'specs/branch.table.yaml': spec, 'data/branch.csv': 'BRNCH_CD,BRNCH_NM\n0001,강남  \n0002, 성수\n' });
  let client: LspClient;
  const uri = uriOf(ws.path('specs/branch.table.yaml'));
  const run = (command: string, args: Record<string, unknown> = {}) =>
    client.request<{ operation: string; text: string; result: Record<string, unknown> }>('workspace/executeCommand', { command, arguments: [{ uri, ...args }] });

  before(async () => {
    client = new LspClient();
    const caps = (await client.initialize(ws.root)) as { executeCommandProvider: { commands: string[] } };
    assert.deepEqual(caps.executeCommandProvider.commands, [
      'tablespec.server.deploy',
      'tablespec.server.load',
      'tablespec.server.reconcile',
      'tablespec.server.preview',
      'tablespec.server.profile',
      'tablespec.server.scan',
      'tablespec.server.query',
      'tablespec.server.queryHistory',
      'tablespec.server.planText',
      'tablespec.server.history',
      'tablespec.server.refreshCatalog',
      'tablespec.server.import',
      'tablespec.server.extract',
      'tablespec.server.report',
      'tablespec.server.environments',
      'tablespec.server.verify',
      'tablespec.server.rejected',
      'tablespec.server.dag',
      'tablespec.server.runs',
      'tablespec.server.runLog',
      'tablespec.server.newSpec',
    ]);
    await client.open(uri, spec);
    await client.diagnosticsFor(uri);
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('plans, then deploys, and the checks then see the deployed table', async () => {
    const plan = (await run('tablespec.server.planText')) as unknown as { changes: { kind: string; target: string }[] };
    assert.deepEqual(
      plan.changes.map((c: { kind: string; target: string }) => `${c.kind} ${c.target}`),
      ['create-table card_dw.branch'],
    );
    await run('tablespec.server.deploy');
    // The local catalog now has the table: drift checks find it, and nothing differs.
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const ds = await client.diagnosticsFor(uri, (p) => p.diagnostics.every((d) => d.code !== 'table-not-deployed'));
    assert.deepEqual(
      ds.map((d) => d.code),
      [],
    );
  });

  it('refuses an overwrite without confirmation, saying so in the error kind', async () => {
    await assert.rejects(
      run('tablespec.server.load'),
      (e: { code: number; message: string; data: { kind: string } }) => e.data.kind === 'needs-confirmation' && /replace every row of card_dw.branch/.test(e.message),
    );
  });

  it('loads once confirmed, and previews the rows', async () => {
    const load = await run('tablespec.server.load', { confirmation: { yes: true } });
    assert.equal(load.result.staged, 2);
    const preview = await run('tablespec.server.preview', { limit: 10 });
    assert.deepEqual(preview.result.rows, [
      { brnch_cd: '0001', brnch_nm: '강남' },
      { brnch_cd: '0002', brnch_nm: '성수' },
    ]);
  });

  it('verifies the loaded table against its extract, and refuses a tier that does not exist', async () => {
    const v = await run('tablespec.server.verify');
    assert.equal(v.operation, 'verify');
    assert.deepEqual([v.result.agree, v.result.tier, (v.result.counts as { target: number }).target], [true, 2, 2]);
    assert.match(v.text, /^## card_dw\.branch \(local\)/);
    await assert.rejects(run('tablespec.server.verify', { tier: 4 }), (e: { code: number }) => e.code === -32602);
  });

  it('runs a query the engineer writes, and refuses one that writes', async () => {
    const r = await client.request<{ rows: unknown[] }>('workspace/executeCommand', { command: 'tablespec.server.query', arguments: [{ uri, sql: 'SELECT count(*) AS n FROM card_dw.branch' }] });
    assert.deepEqual(r.rows, [{ n: 2 }]);
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'tablespec.server.query', arguments: [{ uri, sql: 'DELETE FROM card_dw.branch' }] }),
      (e: { data: { kind: string } }) => e.data.kind === 'unsafe-sql',
    );
  });

  it('cancels a long query when the editor cancels the request', async () => {
    const started = Date.now();
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const source = new CancellationTokenSource();
    const p = client.connection.sendRequest('workspace/executeCommand', { command: 'tablespec.server.query', arguments: [{ uri, sql: 'SELECT count(*) FROM range(100000000000)' }] }, source.token);
    setTimeout(() => source.cancel(), 400);
    await assert.rejects(p, (e: { code: number }) => e.code === -32800);
    assert.ok(Date.now() - started < 10_000);
  });

  it('imports from a DDL script into the workspace, and reports on the whole workspace', async () => {
    ws.write('oracle/tables.sql', 'CREATE TABLE CARD.BRANCH_HIST (BRNCH_CD CHAR(4) NOT NULL, CHG_DT DATE, CONSTRAINT PK PRIMARY KEY (BRNCH_CD));');
    const r = await client.request<{ files: { path: string; status: string }[] }>('workspace/executeCommand', {
      command: 'tablespec.server.import',
      arguments: [{ uri, ddl: ['oracle/tables.sql'], out: 'specs' }],
    });
    assert.deepEqual(
      r.files.map((f) => [f.path.replace(ws.root, ''), f.status]),
      [['/specs/branch_hist.table.yaml', 'new']],
    );
    const report = await client.request<{ markdown: string }>('workspace/executeCommand', { command: 'tablespec.server.report', arguments: [{ uri }] });
    assert.match(report.markdown, /\| card_dw.branch \| — \| 2 \|/);
  });

  it('keeps the history', async () => {
    const h = await client.request<{ operation: string; result: string }[]>('workspace/executeCommand', { command: 'tablespec.server.history', arguments: [{ uri }] });
    assert.deepEqual(
      h.map((e) => `${e.operation} ${e.result}`),
      ['deploy ok', 'load ok', 'verify ok'],
    );
  });
});
