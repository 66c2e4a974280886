/** The TableSpec view's request: environments, databases and tables with checks, catalog state and history. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';
import { tablesViewRequest, type TablesViewData } from '../../server/src/protocol/tables-view';

const config = `defaults:
  database: card_dw
  storage: { format: iceberg }
environments:
  local:
    engine: duckdb
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
    output_location: s3://results/
    warehouse: s3://lake/{database}/{table}/
    staging: s3://raw/{database}/{table}/
    catalog_snapshot: catalog/dev.json
    protected: true
`;

const spec = (table: string, extra = '') => `table: ${table}
kind: source
source: { object: CARD.${table.toUpperCase()} }
load: { mode: overwrite }
columns:
  - { name: brnch_cd, oracle: CHAR(4), nullable: false, cleansing: [rtrim] }
  - { name: brnch_nm, oracle: VARCHAR2(100), cleansing: [trim] }
${extra}`;

const glue = (name: string, nmType = 'string') => ({
  Name: name,
  DatabaseName: 'card_dw',
  TableType: 'EXTERNAL_TABLE',
  Parameters: { table_type: 'ICEBERG' },
  StorageDescriptor: {
    Columns: [
      { Name: 'brnch_cd', Type: 'string' },
      { Name: 'brnch_nm', Type: nmType },
    ],
    Location: `s3://lake/card_dw/${name}/`,
  },
  PartitionKeys: [],
});

const entry = (e: Record<string, unknown>) => JSON.stringify({ user: 'kim', ...e });
const history = [
  entry({ at: '2026-11-01T01:00:00.000Z', environment: 'dev', operation: 'load', table: 'card_dw.branch', result: 'failed', error: 'x' }),
  entry({
    at: '2026-11-02T01:00:00.000Z',
    environment: 'dev',
    operation: 'load',
    table: 'card_dw.branch',
    result: 'ok',
    rows: 10,
    detail: { staged: 12, failedConversions: { brnch_nm: 2 }, mode: 'overwrite', matched: true },
  }),
  entry({ at: '2026-11-02T02:00:00.000Z', environment: 'dev', operation: 'reconcile', table: 'card_dw.branch', result: 'failed', rows: 10, detail: { expected: 12, matched: false } }),
  entry({ at: '2026-11-03T01:00:00.000Z', environment: 'local', operation: 'verify', table: 'card_dw.branch', result: 'ok', rows: 10 }),
  entry({
    at: '2026-11-03T02:00:00.000Z',
    environment: 'dev',
    operation: 'load',
    table: 'card_dw.shop',
    result: 'ok',
    rows: 5,
    detail: { staged: 5, failedConversions: {}, mode: 'overwrite', matched: true },
  }),
  // A failed production run, reported; the same for shop, but handled (what was changed is recorded).
  entry({ at: '2026-11-04T01:00:00.000Z', environment: 'dev', operation: 'incident', table: 'card_dw.ghost', result: 'failed', detail: { rules: ['oracle.snapshot-too-old'] } }),
  entry({
    at: '2026-11-04T02:00:00.000Z',
    environment: 'dev',
    operation: 'incident',
    table: 'card_dw.shop',
    result: 'failed',
    changes: ['fetch_size 10000 -> 5000'],
    detail: { rules: ['yarn.container-memory'] },
  }),
  '{"broken',
].join('\n');

describe('the TableSpec view over LSP', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': config,
    'catalog/dev.json': JSON.stringify({ TableList: [glue('branch'), glue('shop'), glue('agency', 'int')] }),
    'specs/branch.table.yaml': spec('branch'),
    'specs/shop.table.yaml': spec('shop'),
    'specs/agency.table.yaml': spec('agency'),
    'specs/ghost.table.yaml': spec('ghost'),
    'specs/broken.table.yaml': spec('broken', 'colour: red\n'),
    '.tablespec/history.jsonl': history + '\n',
  });
  let client: LspClient;
  const ask = (params: Record<string, unknown>) => client.request<TablesViewData>(tablesViewRequest, { uri: uriOf(ws.root), ...params });
  const names = (d: TablesViewData) => d.environments.map((e) => [e.name, e.current, e.databases.map((db) => [db.name, db.tables.map((t) => `${t.table}:${t.catalog}:${t.attention.join('+')}`)])]);

  before(async () => {
    client = new LspClient();
    client.settings = { environment: 'dev' };
    await client.initialize(ws.root);
    // Every spec checked once (the drift of agency needs its check against the snapshot).
    await client.diagnosticsFor(uriOf(ws.path('specs/agency.table.yaml')), (p) => p.diagnostics.some((d) => d.code === 'catalog-type-differs'));
    await client.diagnosticsFor(uriOf(ws.path('specs/broken.table.yaml')), (p) => p.diagnostics.some((d) => d.code === 'unknown-key'));
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it("refuses parameters of the wrong shape, with the field's path, and reads nothing", async () => {
    await assert.rejects(ask({ environment: 3 }), (e: { code: number; message: string }) => e.code === -32602 && /params\.environment: expected a string/.test(e.message));
    await assert.rejects(ask({ attentionOnly: 'yes' }), (e: { code: number }) => e.code === -32602);
  });

  it('lists environments, then databases and tables, with catalog state and the reasons to look', async () => {
    const d = await ask({ environment: 'dev' });
    assert.deepEqual(names(d), [
      ['local', false, [['card_dw', ['agency:unknown:', 'branch:unknown:', 'broken:unknown:errors', 'ghost:unknown:', 'shop:unknown:']]]],
      [
        'dev',
        true,
        [
          [
            'card_dw',
            ['agency:drifted:drifted', 'branch:deployed:rejected-values+reconcile-mismatch', 'broken:not-deployed:errors+not-deployed', 'ghost:not-deployed:not-deployed+run-failed', 'shop:deployed:'],
          ],
        ],
      ],
    ]);
    assert.deepEqual(
      d.environments.map((e) => [e.engine, e.protected, e.region ?? null]),
      [
        ['duckdb', false, null],
        ['athena', true, 'ap-northeast-2'],
      ],
    );
  });

  it('gives each table its checks, its drift and its last operations from the history of that environment', async () => {
    const d = await ask({ environment: 'dev' });
    const dev = d.environments[1]!.databases[0]!.tables;
    const branch = dev.find((t) => t.table === 'branch')!;
    assert.equal(branch.uri, uriOf(ws.path('specs/branch.table.yaml')));
    assert.deepEqual(branch.lastLoad, { at: '2026-11-02T01:00:00.000Z', result: 'ok', user: 'kim', rows: 10, rejected: 2 });
    assert.deepEqual(branch.lastReconcile, { at: '2026-11-02T02:00:00.000Z', result: 'failed', user: 'kim', rows: 10, matched: false });
    assert.equal(branch.lastVerify, undefined); // recorded on local, not dev
    const agency = dev.find((t) => t.table === 'agency')!;
    assert.deepEqual(agency.drift, ['catalog-type-differs']);
    assert.deepEqual(agency.checks, { errors: 0, warnings: 1, infos: 0 });
    const broken = dev.find((t) => t.table === 'broken')!;
    assert.deepEqual(broken.checks, { errors: 1, warnings: 0, infos: 1 });
    const local = d.environments[0]!.databases[0]!.tables.find((t) => t.table === 'branch')!;
    assert.deepEqual(local.lastVerify, { at: '2026-11-03T01:00:00.000Z', result: 'ok', user: 'kim', rows: 10 });
    assert.equal(local.lastLoad, undefined);
  });

  it('keeps only what needs attention when asked', async () => {
    const d = await ask({ environment: 'dev', attentionOnly: true });
    assert.deepEqual(names(d), [
      ['local', false, [['card_dw', ['broken:unknown:errors']]]],
      [
        'dev',
        true,
        [['card_dw', ['agency:drifted:drifted', 'branch:deployed:rejected-values+reconcile-mismatch', 'broken:not-deployed:errors+not-deployed', 'ghost:not-deployed:not-deployed+run-failed']]],
      ],
    ]);
  });

  it('follows an edit: a fixed spec no longer needs attention', async () => {
    const uri = uriOf(ws.path('specs/broken.table.yaml'));
    await client.open(uri, spec('broken'));
    await client.diagnosticsFor(uri, (p) => p.diagnostics.every((d) => d.code !== 'unknown-key'));
    const d = await ask({ environment: 'dev', attentionOnly: true });
    assert.deepEqual(names(d)[0], ['local', false, []]);
  });
});

describe('the TableSpec view after the first local deploy', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': 'defaults:\n  database: card_dw\n',
    'specs/branch.table.yaml': spec('branch'),
    'specs/shop.table.yaml': spec('shop'),
    'data/branch.csv': 'BRNCH_CD,BRNCH_NM\n0001,a\n',
  });
  let client: LspClient;
  const uri = uriOf(ws.path('specs/branch.table.yaml'));
  const ask = () => client.request<TablesViewData>(tablesViewRequest, { uri: uriOf(ws.root), environment: 'local' });
  const states = async () => (await ask()).environments[0]!.databases[0]!.tables.map((t) => `${t.table}:${t.catalog}`);

  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root);
    await client.diagnosticsFor(uri);
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('knows nothing of the catalog before, and sees the deployed table after, without a restart or a settings change', async () => {
    assert.deepEqual(await states(), ['branch:unknown', 'shop:unknown']);
    await client.request('workspace/executeCommand', { command: 'tablespec.server.deploy', arguments: [{ uri, confirmation: { yes: true } }] });
    const deadline = Date.now() + 10_000;
    let got: string[] = [];
    while (Date.now() < deadline && JSON.stringify(got) !== JSON.stringify(['branch:deployed', 'shop:not-deployed'])) {
      got = await states();
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(got, ['branch:deployed', 'shop:not-deployed']);
    // The checks see it too: the other spec is reported as not deployed.
    const ds = await client.diagnosticsFor(uriOf(ws.path('specs/shop.table.yaml')), (p) => p.diagnostics.some((d) => d.code === 'table-not-deployed'));
    assert.deepEqual(
      ds.map((d) => d.code),
      ['table-not-deployed'],
    );
  });
});
