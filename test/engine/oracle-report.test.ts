/**
 * The live Oracle paths that can run without an Oracle server (no password, an unreachable host, the SQL
 * sent), and the workspace report on the local engine, with a stand-in session for Oracle's counts.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { OperationError } from '../../server/src/backends/errors';
import { runOperation } from '../../server/src/commands/run-operation';
import { connectOracle, countQuery, dictionaryQuery, type OracleSession } from '../../server/src/backends/oracle/live-oracle';
import { reportMarkdown, workspaceReport } from '../../server/src/ops/report';
import { tempWorkspace } from '../helpers/temp-workspace';

describe('live Oracle without a server', () => {
  it('asks for the password from its environment variable', async () => {
    await assert.rejects(
      connectOracle({ connectString: '127.0.0.1:1521/X', user: 'etl', passwordEnv: 'TABLESPEC_TEST_NO_SUCH_VAR' }),
      (e: OperationError) => e.kind === 'no-credentials' && /TABLESPEC_TEST_NO_SUCH_VAR/.test(e.message),
    );
  });

  it('says which host it cannot reach', async () => {
    // A port that accepts nothing: the thin driver fails at once.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    await assert.rejects(
      connectOracle({ connectString: `127.0.0.1:${port}/CARDDB`, user: 'etl', passwordEnv: 'P' }, 'secret'),
      (e: OperationError) => e.kind === 'failed' && new RegExp(`Cannot reach Oracle at 127.0.0.1:${port}/CARDDB`).test(e.message),
    );
  });

  it('counts with the hint, per partition formatted as the table formats it', () => {
    assert.equal(countQuery('CARD.T', 'PARALLEL(8)', []), 'SELECT /*+ PARALLEL(8) */ COUNT(*) AS ROW_COUNT FROM CARD.T');
    assert.equal(
      countQuery('CARD.T', undefined, [
        { column: 'BASE_DT', format: 'date' },
        { column: 'Mixed', format: 'text' },
      ]),
      `SELECT TO_CHAR(BASE_DT, 'YYYY-MM-DD') AS P0, TO_CHAR("Mixed") AS P1, COUNT(*) AS ROW_COUNT FROM CARD.T GROUP BY TO_CHAR(BASE_DT, 'YYYY-MM-DD'), TO_CHAR("Mixed")`,
    );
    assert.match(dictionaryQuery, /WHERE c.OWNER = :owner/);
  });
});

describe('workspace report', () => {
  const spec = (name: string, rows: number) =>
    `table: ${name}\nkind: source\nsource: { object: CARD.${name.toUpperCase()}, row_count: ${rows} }\nload: { mode: overwrite, partition_by: [base_dt] }\ncolumns:\n  - { name: id, oracle: NUMBER(5) }\n  - { name: base_dt, oracle: DATE, type: date }\n`;
  const ws = tempWorkspace({
    'tablespec.yaml': 'defaults:\n  database: card_dw\n',
    'specs/a.table.yaml': spec('a', 3),
    'specs/b.table.yaml': spec('b', 5),
    'data/a.csv': 'ID,BASE_DT\n1,2024-01-01\n2,2024-01-01\n3,2024-01-02\n',
    'data/b.csv': 'ID,BASE_DT\n1,2024-01-01\n2,2024-01-02\n',
  });
  before(async () => {
    for (const t of ['a', 'b']) {
      await runOperation({ operation: 'deploy', file: ws.path(`specs/${t}.table.yaml`), environment: 'local' });
      await runOperation({ operation: 'load', file: ws.path(`specs/${t}.table.yaml`), environment: 'local', confirmation: { yes: true } });
    }
  });
  after(() => ws.remove());

  it('compares every table with source.row_count', async () => {
    const r = await workspaceReport([ws.path('specs/a.table.yaml'), ws.path('specs/b.table.yaml')], 'local');
    assert.deepEqual(
      r.rows.map((x) => [x.table, x.source, x.target, x.matched]),
      [
        ['card_dw.a', 3, 3, true],
        ['card_dw.b', 5, 2, false],
      ],
    );
    const md = reportMarkdown(r);
    assert.match(md, /2 tables: \*\*1 matched\*\*, \*\*1 mismatched\*\*/);
    assert.match(md, /\| card_dw.b \| 5 \(spec\) \| 2 \| -3 \| ❌ mismatch \|/);
    assert.match(md, /bar \[100, 40\]/);
  });

  it('compares per partition with Oracle counts', async () => {
    const session: OracleSession = {
      dictionary: async () => ({ tables: new Map(), problems: [] }),
      count: async (object) =>
        object === 'CARD.A'
          ? {
              total: 3,
              partitions: [
                { values: ['2024-01-01'], rows: 2 },
                { values: ['2024-01-02'], rows: 1 },
              ],
            }
          : {
              total: 3,
              partitions: [
                { values: ['2024-01-01'], rows: 1 },
                { values: ['2024-01-02'], rows: 1 },
                { values: ['2024-01-03'], rows: 1 },
              ],
            },
      close: async () => undefined,
    };
    const r = await workspaceReport([ws.path('specs/a.table.yaml'), ws.path('specs/b.table.yaml')], 'local', { oracle: true, session });
    assert.deepEqual(
      r.rows[0]!.partitions.map((p) => [p.partition, p.source, p.target, p.matched]),
      [
        ['2024-01-01', 2, 2, true],
        ['2024-01-02', 1, 1, true],
      ],
    );
    assert.equal(r.rows[0]!.sourceFrom, 'oracle');
    assert.deepEqual(
      r.rows[1]!.partitions.filter((p) => !p.matched).map((p) => [p.partition, p.source, p.target]),
      [['2024-01-03', 1, 0]],
    );
    assert.match(reportMarkdown(r), /## card_dw.b: partitions that differ\n\n\| partition \| source \| target \| difference \|\n\| --- \| ---: \| ---: \| ---: \|\n\| 2024-01-03 \| 1 \| 0 \| -1 \|/);
  });
});
