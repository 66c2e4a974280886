/** Rejected values over LSP: the load result carries the sample, the history names it, `tablespec.server.rejected` reads it back. */
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
  - { name: open_dt, oracle: VARCHAR2(8), type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: mgr_tel, oracle: VARCHAR2(20), pii: phone, cleansing: [to_number], type: bigint }
`;

describe('rejected values over LSP', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': 'defaults:\n  database: card_dw\n',
    'specs/branch.table.yaml': spec,
    'data/branch.csv': 'BRNCH_CD,OPEN_DT,MGR_TEL\n0001,20200101,0101234\n0002,2020-13-01,010-1234\n',
  });
  let client: LspClient;
  const uri = uriOf(ws.path('specs/branch.table.yaml'));
  const run = <T>(command: string, args: Record<string, unknown> = {}) => client.request<T>('workspace/executeCommand', { command, arguments: [{ uri, ...args }] });

  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root);
    await client.open(uri, spec);
    await client.diagnosticsFor(uri);
    await run('tablespec.server.deploy', { confirmation: { yes: true } });
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('returns the sample with the load, and reads it again from the history', async () => {
    const load = await run<{ result: { failedConversions: Record<string, number>; rejected: unknown } }>('tablespec.server.load', { confirmation: { yes: true } });
    const rows = [{ row: 2, values: { brnch_cd: '0002', open_dt: '2020-13-01', mgr_tel: '<8 chars>' }, failed: ['open_dt', 'mgr_tel'] }];
    assert.deepEqual(load.result.failedConversions, { open_dt: 1, mgr_tel: 1 });
    assert.deepEqual(load.result.rejected, { columns: ['brnch_cd', 'open_dt', 'mgr_tel'], masked: ['mgr_tel'], limit: 100, rows });
    const history = await run<{ operation: string; detail?: { rejectedSample?: string } }[]>('tablespec.server.history');
    const path = history.at(-1)!.detail!.rejectedSample!;
    const sample = await run<Record<string, unknown>>('tablespec.server.rejected', { sample: path });
    assert.deepEqual(
      { ...sample, at: undefined },
      {
        table: 'card_dw.branch',
        environment: 'local',
        at: undefined,
        failedConversions: { open_dt: 1, mgr_tel: 1 },
        columns: ['brnch_cd', 'open_dt', 'mgr_tel'],
        masked: ['mgr_tel'],
        limit: 100,
        rows,
      },
    );
  });

  it('reads nothing but a sample', async () => {
    await assert.rejects(run('tablespec.server.rejected', { sample: '.tablespec/history.jsonl' }), (e: { data: { kind: string } }) => e.data.kind === 'invalid-spec');
    await assert.rejects(run('tablespec.server.rejected', {}), (e: { code: number }) => e.code === -32602);
  });
});
