/**
 * The protocol over the wire: the server registers exactly the commands of server/src/protocol, every command
 * the client calls is one of them, and each answers (or fails) in the shape the protocol declares, so that the
 * client and the results page, which compile against those shapes, read what the server sends.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandNames, commands, conforms, errorData, oracleAccess, pageMessage, type CommandName, type CommandParams } from '../../server/src/protocol';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';
import { saveRejected } from '../../server/src/ops/rejected';

const branch =
  'table: branch\nkind: source\nsource: { object: CARD.BRANCH }\nload: { mode: overwrite }\ncolumns:\n  - { name: brnch_cd, oracle: CHAR(4), nullable: false, cleansing: [rtrim] }\n  - { name: brnch_nm, oracle: VARCHAR2(100), cleansing: [trim] }\n';
const hashed =
  'table: cust\nkind: source\nsource: { object: CARD.CUST }\nload: { mode: overwrite }\ncolumns:\n  - { name: cust_no, oracle: NUMBER(12), nullable: false }\n  - { name: rrno, oracle: CHAR(13), pii: rrn, encrypt: sha256 }\n';

/** The commands the client's source names: the ones it calls. */
function commandsOfClient(): string[] {
  const dir = join(__dirname, '..', '..', 'client', 'src');
  const found = readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/'(tablespec\.server\.[A-Za-z]+)'/g)].map((m) => m[1]!));
  return [...new Set(found)].sort();
}

describe('the protocol over LSP', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': 'defaults:\n  database: card_dw\n',
    'specs/branch.table.yaml': branch,
    'specs/cust.table.yaml': hashed,
    'data/branch.csv': 'BRNCH_CD,BRNCH_NM\n0001,강남  \n0002, 성수\n',
    'data/cust.csv': 'CUST_NO,RRNO\n1,9001011234567\n',
    'oracle/tables.sql': 'CREATE TABLE CARD.CARD_TYPE (TYPE_CD CHAR(2) NOT NULL, TYPE_NM VARCHAR2(50));\n',
  });
  let client: LspClient;
  let registered: string[];
  const spec = uriOf(ws.path('specs/branch.table.yaml'));
  const workspace = uriOf(ws.path('tablespec.yaml'));
  const salted = process.env.TABLESPEC_HASH_SALT;
  /** Runs a command with parameters of its declared shape; answers the problems of the result against its declared shape. */
  const call = async <C extends CommandName>(command: C, params: CommandParams<C>) => {
    const result = await client.request<unknown>('workspace/executeCommand', { command, arguments: [params] });
    return { result, problems: conforms(result, commands[command].result) };
  };
  const failure = async (command: string, params: Record<string, unknown>) => {
    try {
      await client.request('workspace/executeCommand', { command, arguments: [params] });
    } catch (e) {
      return e as { code: number; message: string; data?: unknown };
    }
    throw new Error(`${command} did not fail`);
  };

  before(async () => {
    delete process.env.TABLESPEC_HASH_SALT;
    client = new LspClient();
    registered = ((await client.initialize(ws.root)) as { executeCommandProvider: { commands: string[] } }).executeCommandProvider.commands;
  });
  after(async () => {
    if (salted !== undefined) process.env.TABLESPEC_HASH_SALT = salted;
    await client.stop();
    ws.remove();
  });

  it('registers exactly the commands of the protocol, and the client calls only those', () => {
    assert.deepEqual(registered, commandNames);
    const called = commandsOfClient();
    assert.deepEqual(
      called.filter((c) => !registered.includes(c)),
      [],
    );
    assert.deepEqual(called, [...commandNames].sort(), 'a command of the protocol no client calls: drop it, or call it');
  });

  it('answers every command in the shape the protocol declares', async () => {
    const answers: Record<string, string[]> = {};
    const summaries: Record<string, string> = {};
    const check = async <C extends CommandName>(command: C, params: CommandParams<C>) => {
      const r = await call(command, params);
      answers[command] = r.problems;
      if (typeof (r.result as { summary?: unknown }).summary === 'string') summaries[command.replace('tablespec.server.', '')] = (r.result as { summary: string }).summary;
      return r.result;
    };
    await check('tablespec.server.environments', { uri: workspace });
    await check('tablespec.server.newSpec', { uri: workspace, object: 'card.card_type' });
    await check('tablespec.server.extract', { uri: spec });
    await check('tablespec.server.planText', { uri: spec });
    await check('tablespec.server.deploy', { uri: spec, confirmation: { yes: true } });
    await check('tablespec.server.load', { uri: spec, confirmation: { yes: true } });
    await check('tablespec.server.reconcile', { uri: spec });
    await check('tablespec.server.preview', { uri: spec, limit: 10 });
    await check('tablespec.server.profile', { uri: spec });
    await check('tablespec.server.scan', { uri: spec });
    await check('tablespec.server.query', { uri: spec, sql: 'SELECT count(*) AS n FROM card_dw.branch', limit: 10 });
    await check('tablespec.server.queryHistory', { uri: workspace });
    await check('tablespec.server.verify', { uri: spec });
    await check('tablespec.server.history', { uri: workspace });
    // A load's rejected values, as a load that had some keeps them (this workspace's extract converts whole).
    const sample = saveRejected(ws.root, {
      table: 'card_dw.branch',
      environment: 'local',
      at: '2026-11-28T10:00:00.000Z',
      failedConversions: { open_dt: 1 },
      columns: ['branch_id', 'open_dt'],
      masked: [],
      limit: 100,
      rows: [{ row: 2, values: { branch_id: '7', open_dt: '2024-13-01' }, failed: ['open_dt'] }],
    });
    await check('tablespec.server.rejected', { uri: workspace, sample });
    await check('tablespec.server.refreshCatalog', { uri: spec });
    await check('tablespec.server.report', { uri: workspace });
    await check('tablespec.server.import', { uri: workspace, ddl: ['oracle/tables.sql'], out: 'specs' });
    // The commands that read Airflow and EMR are run, and their answers checked against these shapes, in
    // test/lsp/runs-commands.test.ts, against the emulator's Airflow, EMR and S3.
    const againstAirflow = ['tablespec.server.dag', 'tablespec.server.runs', 'tablespec.server.runLog'];
    assert.deepEqual(Object.keys(answers).sort(), [...commandNames].filter((c) => !againstAirflow.includes(c)).sort(), 'every command is run');
    assert.deepEqual(
      Object.entries(answers).filter(([, p]) => p.length),
      [],
    );
    // One sentence each, for a notification: no heading marks, no colon leading to lines that are not there.
    assert.deepEqual(
      { ...summaries, preview: summaries.preview?.replace(/\d+ ms/, 'N ms') },
      {
        deploy: 'Deployed card_dw.branch on local',
        load: 'card_dw.branch (local, overwrite): 2 rows staged, 0 → 2 rows',
        reconcile: 'card_dw.branch: 2 rows: no expected count',
        preview: '(2 rows, N ms)',
        profile: 'card_dw.branch: 2 rows',
        verify: 'card_dw.branch (local) against data/branch.csv: MATCHED',
      },
    );
  });

  it('gives what the results page shows in the shape of its messages', async () => {
    const preview = (await call('tablespec.server.preview', { uri: spec, limit: 10 })).result as { table: string; result: unknown };
    const profile = (await call('tablespec.server.profile', { uri: spec })).result as { result: unknown };
    const report = (await call('tablespec.server.report', { uri: workspace })).result as { report: unknown };
    assert.deepEqual(conforms({ kind: 'preview', title: preview.table, result: preview.result, limit: 10 }, pageMessage), []);
    assert.deepEqual(conforms({ kind: 'profile', title: 'p', result: profile.result }, pageMessage), []);
    assert.deepEqual(conforms({ kind: 'report', title: 'r', result: report.report }, pageMessage), []);
  });

  it('fails with data the client acts on: the kind as a code, the question to ask, never a sentence to read', async () => {
    const ask = await failure('tablespec.server.load', { uri: spec });
    assert.deepEqual([ask.code, conforms(ask.data, errorData)], [-32603, []]);
    assert.equal((ask.data as { kind: string; ask: { prompt: string } }).kind, 'needs-confirmation');
    assert.ok((ask.data as { ask: { prompt: string } }).ask.prompt.length > 0);
    await call('tablespec.server.deploy', { uri: uriOf(ws.path('specs/cust.table.yaml')), confirmation: { yes: true } });
    const salt = await failure('tablespec.server.load', { uri: uriOf(ws.path('specs/cust.table.yaml')), confirmation: { yes: true } });
    assert.deepEqual([salt.code, salt.data], [-32603, { kind: 'needs-salt' }]);
    const unsafe = await failure('tablespec.server.query', { uri: spec, sql: 'DELETE FROM card_dw.branch' });
    assert.deepEqual([conforms(unsafe.data, errorData), (unsafe.data as { kind: string }).kind], [[], 'unsafe-sql']);
    const bad = await failure('tablespec.server.newSpec', { uri: workspace, object: 'no owner' });
    assert.deepEqual([bad.code, bad.data], [-32603, { kind: 'invalid-spec' }]);
  });

  it('refuses parameters of the wrong shape, naming the parameter', async () => {
    const e = await failure('tablespec.server.preview', { uri: spec, limit: 'ten' });
    assert.deepEqual([e.code, e.message], [-32602, 'tablespec.server.preview: arguments[0].limit: expected a number, got "ten"']);
    const missing = await failure('tablespec.server.query', { uri: spec });
    assert.deepEqual([missing.code, missing.message], [-32602, 'tablespec.server.query: arguments[0].sql: missing']);
    const unknown = await failure('tablespec.server.nothing', { uri: spec });
    assert.equal(unknown.code, -32601);
  });

  it('asks the editor before connecting to Oracle, in the shape of the oracleAccess request', async () => {
    const other = tempWorkspace({ 'tablespec.yaml': 'oracle:\n  connect_string: 127.0.0.1:9/CARDDB\n  user: etl\n', 'specs/branch.table.yaml': branch });
    const editor = new LspClient();
    try {
      const asked: unknown[] = [];
      editor.connection.onRequest(oracleAccess.method, (p: unknown) => (asked.push(p), { approved: false }));
      await editor.initialize(other.root);
      await editor.open(uriOf(other.path('specs/branch.table.yaml')), branch);
      const end = Date.now() + 10_000;
      while (!asked.length && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      assert.equal(asked.length, 1);
      assert.deepEqual(conforms(asked[0], oracleAccess.params), []);
    } finally {
      await editor.stop();
      other.remove();
    }
  });
});
