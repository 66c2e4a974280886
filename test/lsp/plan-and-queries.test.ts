/**
 * The plan as texts and queries as files, over the real protocol: the server computes what the editor's diff
 * view and results tabs show (the DDL and Glue input a deploy sends, the definition as deployed and as the
 * spec asks, destructive lines marked), runs a `.sql` file's text through the read-only checks, and keeps
 * the workspace's query history.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

const spec = `table: branch
kind: source
source: { object: CARD.BRANCH }
load: { mode: overwrite }
columns:
  - { name: brnch_cd, oracle: CHAR(4), nullable: false, cleansing: [rtrim], comment: 지점코드 }
  - { name: brnch_nm, oracle: VARCHAR2(100), pii: name, cleansing: [trim] }
  - { name: open_dt, oracle: DATE }
`;
// The next version: brnch_nm is gone (its data with it), open_dt becomes a string (a rewrite), one column is new.
const next = `table: branch
kind: source
source: { object: CARD.BRANCH }
load: { mode: overwrite }
columns:
  - { name: brnch_cd, oracle: CHAR(4), nullable: false, cleansing: [rtrim], comment: 지점코드 }
  - { name: open_dt, oracle: DATE, type: string }
  - { name: region_cd, oracle: CHAR(2) }
`;

interface PlanTexts {
  table: string;
  environment: string;
  engine: string;
  changes: { kind: string; target: string; safety: string }[];
  destructive: boolean;
  ddl: string;
  glue: string;
  deployed: string;
  spec: string;
  marks: { document: string; line: number; safety: string; change: string }[];
}

/** The definition of the first spec (card_dw.branch), as the plan writes it for the diff view. */
const branchAsWritten = [
  'table: card_dw.branch',
  'format: iceberg',
  'location: ',
  'partitioned by: -',
  'description: ',
  'columns:',
  '  brnch_cd string  -- 지점코드',
  '  brnch_nm string',
  '      tablespec.pii = name',
  '  open_dt timestamp',
  'parameters:',
  '  tablespec.kind = source',
  '  tablespec.load_mode = overwrite',
  '',
].join('\n');

describe('plan texts and query files over LSP', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'specs/branch.table.yaml': spec, 'queries/count.sql': 'SELECT count(*) AS n\nFROM card_dw.branch;\n' });
  let client: LspClient;
  const uri = uriOf(ws.path('specs/branch.table.yaml'));
  const sqlUri = uriOf(ws.path('queries/count.sql'));
  const command = <T>(name: string, args: Record<string, unknown>) => client.request<T>('workspace/executeCommand', { command: name, arguments: [args] });

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

  it('shows a new table as the DDL and catalog input it sends, with nothing deployed to compare', async () => {
    const p = await command<PlanTexts>('tablespec.server.planText', { uri });
    assert.deepEqual([p.table, p.environment, p.engine, p.destructive, p.deployed, p.marks], ['card_dw.branch', 'local', 'duckdb', false, '', []]);
    assert.equal(
      p.ddl,
      [
        '-- Deploy card_dw.branch to local: the statements it runs, in order.',
        'CREATE SCHEMA IF NOT EXISTS "card_dw";',
        'CREATE TABLE "card_dw"."branch" ("brnch_cd" VARCHAR NOT NULL, "brnch_nm" VARCHAR, "open_dt" TIMESTAMP_MS);',
        `COMMENT ON COLUMN "card_dw"."branch"."brnch_cd" IS '지점코드';`,
        '',
      ].join('\n'),
    );
    assert.equal(p.spec, branchAsWritten);
    const glue = JSON.parse(p.glue) as { operation: string; DatabaseName: string; TableInput: { Name: string; StorageDescriptor: { Columns: { Name: string; Type: string }[] } } }[];
    assert.deepEqual(
      glue.map((g) => [g.operation, g.DatabaseName, g.TableInput.Name, g.TableInput.StorageDescriptor.Columns.map((c) => `${c.Name} ${c.Type}`)]),
      [['tablespec.tables (local catalog)', 'card_dw', 'branch', ['brnch_cd string', 'brnch_nm string', 'open_dt timestamp']]],
    );
  });

  it('shows a change to a deployed table as deployed vs spec, the destructive and rewriting lines marked', async () => {
    await command('tablespec.server.deploy', { uri });
    await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, next);
    const p = await command<PlanTexts>('tablespec.server.planText', { uri });
    assert.deepEqual(
      p.changes.map((c) => `${c.safety} ${c.kind} ${c.target}`),
      ['rewrite retype-column card_dw.branch.open_dt', 'safe add-column card_dw.branch.region_cd', 'destructive drop-column card_dw.branch.brnch_nm'],
    );
    assert.equal(p.destructive, true);
    assert.equal(
      p.ddl,
      [
        '-- Deploy card_dw.branch to local: the statements it runs, in order.',
        '-- REWRITE: retype-column card_dw.branch.open_dt: timestamp → string',
        'ALTER TABLE "card_dw"."branch" ALTER COLUMN "open_dt" TYPE VARCHAR USING TRY_CAST("open_dt" AS VARCHAR);',
        'ALTER TABLE "card_dw"."branch" ADD COLUMN "region_cd" VARCHAR;',
        '-- DESTRUCTIVE: drop-column card_dw.branch.brnch_nm: drop the column and its data',
        'ALTER TABLE "card_dw"."branch" DROP COLUMN "brnch_nm";',
        '',
      ].join('\n'),
    );
    const lines = (text: string) => text.split('\n');
    assert.deepEqual(p.marks, [
      { document: 'ddl', line: 1, safety: 'rewrite', change: 'retype-column card_dw.branch.open_dt: timestamp → string' },
      { document: 'ddl', line: 4, safety: 'destructive', change: 'drop-column card_dw.branch.brnch_nm: drop the column and its data' },
      { document: 'deployed', line: 9, safety: 'rewrite', change: 'retype-column card_dw.branch.open_dt: timestamp → string' },
      { document: 'spec', line: 7, safety: 'rewrite', change: 'retype-column card_dw.branch.open_dt: timestamp → string' },
      { document: 'deployed', line: 7, safety: 'destructive', change: 'drop-column card_dw.branch.brnch_nm: drop the column and its data' },
    ]);
    assert.equal(lines(p.deployed)[7], '  brnch_nm string');
    assert.equal(lines(p.deployed)[9], '  open_dt timestamp');
    assert.equal(lines(p.spec)[7], '  open_dt string');
    assert.equal(lines(p.spec)[8], '  region_cd string');
    // The deployed definition reads as the spec's did before the edit: the same writer, so the diff shows only the change.
    assert.equal(p.deployed, branchAsWritten);
  });

  it('runs a .sql file through the read-only query path and keeps it in the query history', async () => {
    const r = await command<{ rows: unknown[]; environment: string; historyId: string; stats: { state: string } }>('tablespec.server.query', {
      uri: sqlUri,
      sql: 'SELECT count(*) AS n\nFROM card_dw.branch;\n',
    });
    assert.deepEqual([r.rows, r.environment, r.stats.state], [[{ n: 0 }], 'local', 'SUCCEEDED']);
    const h = await command<{ id: string; source: string; sql: string; result: string; rows: number; environment: string }[]>('tablespec.server.queryHistory', { uri: sqlUri });
    assert.deepEqual(
      h.map((e) => [e.id, e.source, e.sql, e.result, e.rows, e.environment]),
      [[r.historyId, 'queries/count.sql', 'SELECT count(*) AS n\nFROM card_dw.branch;', 'ok', 1, 'local']],
    );
  });

  it('refuses a .sql text that holds two statements or writes, and records the refusal', async () => {
    const refused = (sql: string) =>
      command('tablespec.server.query', { uri: sqlUri, sql }).then(
        () => assert.fail('ran'),
        (e: { data: { kind: string } }) => e.data.kind,
      );
    assert.equal(await refused('SELECT 1;\nSELECT 2;'), 'unsafe-sql');
    assert.equal(await refused('DELETE FROM card_dw.branch'), 'unsafe-sql');
    const h = await command<{ result: string; sql: string }[]>('tablespec.server.queryHistory', { uri: sqlUri });
    assert.deepEqual(
      h.map((e) => `${e.result} ${e.sql}`),
      ['refused DELETE FROM card_dw.branch', 'refused SELECT 1;\nSELECT 2;', 'ok SELECT count(*) AS n\nFROM card_dw.branch;'],
    );
  });

  it('returns the spec as it is and as the import would write it, for the editor to show side by side', async () => {
    ws.write('oracle/branch.sql', 'CREATE TABLE CARD.BRANCH (BRNCH_CD CHAR(4) NOT NULL, BRNCH_NM VARCHAR2(200));');
    ws.write('specs/imported/branch.table.yaml', 'table: branch\n');
    const r = await command<{ files: { path: string; status: string; current?: string; proposed?: string }[] }>('tablespec.server.import', { uri, ddl: ['oracle/branch.sql'], out: 'specs/imported' });
    assert.deepEqual(
      r.files.map((f) => [f.path.replace(ws.root, ''), f.status, f.current]),
      [['/specs/imported/branch.table.yaml', 'changed', 'table: branch\n']],
    );
    assert.match(r.files[0]!.proposed!, /^ {2}- name: brnch_nm\n {4}oracle: VARCHAR2\(200\)$/m);
    assert.equal(readFileSync(ws.path('specs/imported/branch.table.yaml'), 'utf8'), 'table: branch\n');
  });
});
