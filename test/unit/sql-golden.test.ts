/**
 * The SQL of every mode and dialect, against golden files (test/fixtures/sql; `UPDATE_GOLDEN=1 npm test`
 * rewrites them after a deliberate change). Athena's statements must parse with a real parser:
 * dt-sql-parser's Trino grammar for DML, its Hive grammar for DDL. DuckDB's are executed by the engine tests.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HiveSQL, TrinoSQL } from 'dt-sql-parser';
import { defaultConfig, defaultSettings, type Environment } from '../../server/src/config/workspace-config';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { emptyWorkspace } from '../../server/src/document/workspace-index';
import * as athena from '../../server/src/sql/athena-sql';
import * as duck from '../../server/src/sql/duckdb-sql';
import { normalizeTable, type NormalizedTable } from '../../server/src/sql/normalized-table';
import { fixtures } from '../helpers/fixture-workspace';
import { assertGolden } from '../helpers/golden';

const env: Environment = { name: 'dev', engine: 'athena', warehouse: 's3://card-lake-dev/{database}/{table}/', staging: 's3://card-raw-dev/{database}/{table}/', protected: false };
const spec = (load: string, extra = '') => `table: card_txn
database: card_dw
kind: mart
description: "카드 거래 (it's a test)"
source: { object: MART.CARD_TXN, row_count: 100 }
load: ${load}
columns:
  - { name: txn_id, oracle: NUMBER(18), nullable: false, cleansing: [trim, to_number] }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256, cleansing: [trim] }
  - { name: txn_amt, oracle: "NUMBER(15,2)", cleansing: [trim, { null_if: ["-", "N/A"] }, to_number] }
  - { name: mrch_nm, oracle: VARCHAR2(200), cleansing: [remove_control_chars, trim, empty_to_null], comment: "가맹점's 이름" }
  - { name: base_dt, oracle: DATE, type: date, cleansing: [{ to_date: YYYYMMDD }] }
  - { name: chg_dtm, oracle: DATE, cleansing: [{ to_timestamp: "YYYY-MM-DD HH24:MI:SS" }] }
  - { name: close_dt, oracle: DATE, cleansing: [{ to_date: { format: YYYYMMDD, sentinels: ["99991231"] } }], purge: { after: 5y, basis: close_dt, action: delete_row } }
${extra}`;

const modes: Record<string, string> = {
  overwrite: '{ mode: overwrite }',
  'append-partitioned': '{ mode: append, partition_by: [base_dt], retention: 13m }',
  append: '{ mode: append }',
  upsert: '{ mode: upsert, keys: [txn_id], incremental_by: chg_dtm }',
};

function planFor(load: string, extra = ''): NormalizedTable {
  const r = createSpecChecker()(spec(load, extra), { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace });
  const errors = r.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, []);
  return normalizeTable(r.model, env);
}

function golden(name: string, statements: string[]): void {
  assertGolden(join(fixtures, 'sql', name), statements.join(';\n\n') + ';\n');
}

const trino = new TrinoSQL();
const hive = new HiveSQL();
function parses(parser: TrinoSQL | HiveSQL, sql: string): void {
  const errors = parser.validate(sql);
  assert.deepEqual(
    errors.map((e) => `${e.message} at ${e.startColumn}`),
    [],
    sql,
  );
}

describe('generated SQL', () => {
  for (const [mode, load] of Object.entries(modes)) {
    const plan = planFor(
      load,
      mode === 'overwrite'
        ? '  - { name: memo, oracle: VARCHAR2(10) }\nviews:\n  - { name: v_card_txn }\n  - { name: v_card_txn_big, columns: [txn_id, txn_amt], where: "txn_amt > 1000000 AND mrch_nm <> \'x\'" }'
        : '',
    );

    it(`DuckDB, ${mode}`, () => {
      const statements = [
        ...duck.createTable(plan),
        duck.stage(plan, '/data/card_txn.csv').sql,
        duck.stageCounts(duck.stage(plan, '/x').failureColumns),
        ...duck.write(plan),
        duck.retentionDuckdb(plan) ?? '-- no retention',
        ...duck.purgesDuckdb(plan).map((p) => p.sql),
        ...plan.views.map((v) => duck.createView(plan, v)),
        duck.countRows(plan),
      ];
      golden(`${mode}.duckdb.sql`, statements);
    });

    it(`Athena, ${mode}: golden, and every statement parses`, () => {
      const ddl = [
        athena.createIcebergTable(plan),
        athena.createStagingTable(plan),
        athena.dropStagingTable(plan),
        athena.createSaltTable(plan, 's3://card-secure-dev/salt/card_dw/card_txn/k1x2/'),
        athena.dropSaltTable(plan),
      ];
      const writes = plan.mode === 'overwrite' ? [...athena.overwriteSwap(plan, 'k1x2'), ...athena.swapBack(plan, 'k1x2')] : athena.writeRows(plan);
      const isHive = (sql: string) => /^(ALTER|DROP) TABLE/.test(sql);
      const purges = athena
        .purgesAthena(plan)
        .filter((p) => !p.sql.startsWith('VACUUM'))
        .map((p) => p.sql);
      const dml = [
        athena.countSaltRows(plan),
        athena.failureCounts(plan).sql,
        ...writes.filter((w) => !isHive(w.sql)).map((w) => w.sql),
        athena.retentionAthena(plan),
        ...purges.filter((p) => !isHive(p)),
        ...plan.views.map((v) => athena.createViewAthena(plan, v)),
        athena.countRowsAthena(plan),
      ].filter((s): s is string => !!s);
      const hiveDdl = [...ddl, ...writes.filter((w) => isHive(w.sql)).map((w) => w.sql), ...purges.filter(isHive)];
      golden(`${mode}.athena.sql`, [
        ...hiveDdl,
        ...dml,
        ...athena
          .purgesAthena(plan)
          .filter((p) => p.sql.startsWith('VACUUM'))
          .map((p) => p.sql),
      ]);
      for (const s of hiveDdl) parses(hive, s);
      for (const s of dml) parses(trino, s);
    });
  }

  it('reads the salt from its one-row table on Athena: no parameter (MERGE takes none), nothing of it in the text', () => {
    for (const mode of ['upsert', 'append', 'overwrite'] as const) {
      const plan = planFor(modes[mode]!);
      const statements = mode === 'overwrite' ? athena.overwriteSwap(plan, 'k1x2') : athena.writeRows(plan);
      for (const s of statements) {
        assert.deepEqual(s.params, [], s.sql);
        assert.equal((s.sql.match(/\?/g) ?? []).length, 0, s.sql);
      }
      const write = statements.find((s) => /^(MERGE|INSERT|CREATE TABLE)/.test(s.sql))!;
      assert.match(write.sql, /FROM "card_dw"\."card_txn__staging" CROSS JOIN "card_dw"\."card_txn__salt" AS "tablespec_salt"/);
      assert.match(
        write.sql,
        /lower\(to_hex\(sha256\(to_utf8\(concat\(from_utf8\(from_hex\("tablespec_salt"\."tablespec_salt_hex"\)\), CAST\(trim\(nullif\("card_no", ''\)\) AS varchar\)\)\)\)\)\) AS "card_no"/,
      );
    }
    // DuckDB runs locally, where no history keeps parameters: the salt stays a parameter there.
    assert.deepEqual(duck.stage(planFor(modes.upsert!), '/x').params, ['<salt>']);
  });

  it('creates staging tables for text and Parquet extracts too', () => {
    const base = planFor(modes.append!);
    const text = athena.createStagingTable({ ...base, staging: { ...base.staging, format: 'text', delimiter: '\u0001', header: false, nullValue: '\\N' } });
    // Hive reads `\\N` as the two characters \N (a lone `\N` would be read as `N`).
    assert.match(
      text,
      /ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\001' STORED AS TEXTFILE LOCATION 's3:\/\/card-raw-dev\/card_dw\/card_txn\/' TBLPROPERTIES \('serialization.null.format'='\\\\N'\)$/,
    );
    // Without null_value, an empty text field is NULL, as the local engine reads it.
    assert.match(athena.createStagingTable({ ...base, staging: { ...base.staging, format: 'text', delimiter: '\u0001', header: false } }), /TBLPROPERTIES \('serialization.null.format'=''\)$/);
    parses(hive, text);
    const parquet = athena.createStagingTable({ ...base, staging: { ...base.staging, format: 'parquet' } });
    assert.match(parquet, /STORED AS PARQUET LOCATION/);
    parses(hive, parquet);
  });

  it('profiles in one query that parses', () => {
    const plan = planFor(modes.append!);
    parses(
      trino,
      athena.profileAthena(
        plan,
        plan.columns.map((c) => ({ name: c.name, type: c.stored.kind })),
      ),
    );
  });
});
