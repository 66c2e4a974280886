/**
 * Injection corpus, part 1: every field of a spec that reaches SQL, in the three dialects. Each probe is
 * refused (the checker names it `unsafe-sql` on the field; the operation refuses before any statement;
 * the DuckDB file and the fake Athena's statement log are unchanged), or harmless: the generated statement
 * parses, with the dialect's own parser, to exactly the intended one (one statement, the intended LOCATION,
 * every string literal exactly the value given).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Table } from '@aws-sdk/client-glue';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { HiveSQL, TrinoSQL } from 'dt-sql-parser';
import { OperationError } from '../../server/src/backends/errors';
import { runOperation } from '../../server/src/commands/run-operation';
import { defaultSettings, readWorkspaceConfig } from '../../server/src/config/workspace-config';
import { extractConfig } from '../../server/src/oracle/extract-config';
import { countQuery, type OracleSession } from '../../server/src/backends/oracle/live-oracle';
import { workspaceReport } from '../../server/src/ops/report';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { emptyWorkspace } from '../../server/src/document/workspace-index';
import { createIcebergTable, createStagingTable } from '../../server/src/sql/athena-sql';
import { glueText } from '../../server/src/sql/glue-table';
import { compileColumn } from '../../server/src/sql/cleansing-sql';
import { stagingReader } from '../../server/src/sql/duckdb-sql';
import { ident, s3Location, SqlSafetyError } from '../../server/src/sql/identifiers';
import type { NormalizedTable } from '../../server/src/sql/normalized-table';
import { awsError, FakeAws, scriptAthena } from '../helpers/fake-aws';
import { duckdbState, Tally } from '../helpers/security-tally';
import { tempWorkspace } from '../helpers/temp-workspace';

const tally = new Tally('spec fields');

const workspace = `defaults:
  database: card_dw
environments:
  local:
    engine: duckdb
    database_file: .tablespec/sec.duckdb
    staging: data/{table}.csv
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
    output_location: s3://card-athena-results-dev/
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
`;
const spec = (table: string, extra = '', columns = '') => `table: ${table}
kind: source
source: { object: CARD.ACCT, row_count: 3 }
load: { mode: overwrite }
columns:
  - { name: acct_id, oracle: NUMBER(12), nullable: false }
  - { name: grade_cd, oracle: CHAR(1) }
${columns}${extra}`;
const viewSpec = (table: string, where: string) => spec(table, `views:\n  - { name: v_${table}, columns: [acct_id, grade_cd], where: ${JSON.stringify(where)} }\n`);

const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/acct.table.yaml': viewSpec('acct', "grade_cd = 'A'"), 'data/acct.csv': 'ACCT_ID,GRADE_CD\n1,A\n2,B\n3,A\n' });
const dbFile = ws.path('.tablespec/sec.duckdb');
const fake = new FakeAws();
const glue = new Map<string, Table>();
const saved = { ...process.env };
/** What the fake Athena and Glue were asked to do that changes something. */
const awsWrites = () => fake.calls.filter((c) => ['AmazonAthena.StartQueryExecution', 'AWSGlue.CreateTable', 'AWSGlue.UpdateTable', 'AWSGlue.DeleteTable'].includes(c.target)).length;
let athenaLog: { sql: string[] };

before(async () => {
  process.env.TABLESPEC_AWS_ENDPOINT = await fake.start();
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  athenaLog = scriptAthena(fake, (sql) => {
    const create = /^CREATE TABLE `(\w+)`\.`(\w+)`/.exec(sql);
    if (create)
      glue.set(`${create[1]}.${create[2]}`, {
        Name: create[2],
        DatabaseName: create[1],
        TableType: 'EXTERNAL_TABLE',
        Parameters: { table_type: 'ICEBERG' },
        StorageDescriptor: { Columns: [], Location: `s3://card-lake-dev/${create[1]}/${create[2]}/` },
        VersionId: '1',
      });
    return { statementType: 'DDL' };
  });
  fake.on('AWSGlue.GetTable', (body) => {
    const t = glue.get(`${body.DatabaseName}.${body.Name}`);
    return t ? { body: { Table: t } } : awsError('EntityNotFoundException', `Table ${body.Name} not found.`);
  });
  fake.on('AWSGlue.UpdateTable', (body) => {
    const input = body.TableInput as Table;
    glue.set(`${body.DatabaseName}.${input.Name}`, { ...input, DatabaseName: String(body.DatabaseName), VersionId: '2' });
    return { body: {} };
  });
  // A table that is there, with rows: what a probe could drop, empty or change.
  await runOperation({ operation: 'deploy', file: ws.path('specs/acct.table.yaml'), environment: 'local' });
  await runOperation({ operation: 'load', file: ws.path('specs/acct.table.yaml'), environment: 'local', confirmation: { yes: true }, salt: 'security-suite-salt-01' });
});

after(async () => {
  process.env = saved;
  await fake.stop();
  ws.remove();
  tally.report(100);
});

const refusedOp = (e: unknown) => e instanceof OperationError && (e.kind === 'invalid-spec' || e.kind === 'unsafe-sql');

/** Runs an operation that must be refused, and returns how many statements it ran anyway (DuckDB changes + AWS writes). */
async function refusedEverywhere(file: string, environment: 'local' | 'dev', operation: 'deploy' | 'load' = 'deploy'): Promise<number> {
  const before = await duckdbState(dbFile);
  const writes = awsWrites();
  let error: unknown;
  try {
    await runOperation({ operation, file, environment, confirmation: { yes: true }, salt: 'security-suite-salt-01' });
  } catch (e) {
    error = e;
  }
  const ran = (before === (await duckdbState(dbFile)) ? 0 : 1) + (awsWrites() - writes);
  assert.ok(refusedOp(error), `expected a refusal, got ${error ? String(error) : 'success'} (statements that ran: ${ran})`);
  assert.equal(ran, 0, 'a statement ran');
  return ran;
}

const checker = createSpecChecker();
const checkEnv = { config: readWorkspaceConfig(workspace), settings: defaultSettings, workspace: emptyWorkspace };

// ---------------------------------------------------------------------------------------------------
// A view's `where`: one condition over the table's own columns, checked by Trino's grammar and DuckDB's parser.
const hostileWheres = [
  "grade_cd = 'A'; DROP TABLE card_dw.acct",
  // DuckDB's escape string: the old lexer read one string, DuckDB three statements.
  "grade_cd = E'\\'' ; DROP TABLE card_dw.acct; SELECT E'\\''",
  // Dollar quoting: the same, with $$.
  "grade_cd = $$'$$ ; DROP TABLE card_dw.acct; SELECT $$'$$",
  "grade_cd = $q$'$q$ ; DELETE FROM card_dw.acct; SELECT $q$'$q$",
  // FROM-first subqueries that read host files.
  "grade_cd IN (FROM read_csv('/etc/passwd'))",
  "grade_cd = (FROM read_text('/etc/hostname'))",
  "EXISTS (FROM glob('/etc/*'))",
  'grade_cd IN (SELECT grade_cd FROM card_dw.acct)',
  "grade_cd = 'A' UNION ALL FROM read_csv('/etc/passwd')",
  "read_text('/etc/passwd') IS NOT NULL",
  "grade_cd = getenv('HOME')",
  "grade_cd = current_setting('home_directory')",
  'grade_cd = chr(39)',
  'len(list_filter([1], x -> x > 0)) > 0',
  "grade_cd = 'A' -- the rest is gone",
  "grade_cd = 'A' /* hidden */",
  'secret_col = 1',
  "t.grade_cd = 'A'",
  'grade_cd = ?',
  'grade_cd = $1',
  "grade_cd = 'A' ORDER BY 1",
  "grade_cd = 'A' LIMIT 1",
  "grade_cd = U&'\\0041'",
  "grade_cd = 'A'); DROP TABLE card_dw.acct; --",
  "grade_cd = 'A'\u0000",
  '',
];

describe("a view's where", () => {
  hostileWheres.forEach((where, i) => {
    const label = JSON.stringify(where).slice(0, 60);
    it(`checker: unsafe-sql on the where value for ${label}`, () => {
      const text = viewSpec('acct', where);
      const literal = JSON.stringify(where);
      const start = text.indexOf(`where: ${literal}`) + 'where: '.length;
      const problems = checker(text, checkEnv).problems.filter((p) => p.code === 'unsafe-sql');
      assert.deepEqual(
        problems.map((p) => [p.code, p.severity, p.start, p.end]),
        [['unsafe-sql', 'error', start, start + literal.length]],
      );
      tally.record('view where (checker)', 'refused');
    });
    it(`DuckDB deploy refused, nothing ran: ${label}`, async () => {
      ws.write(`specs/w${i}.table.yaml`, viewSpec(`w${i}`, where));
      tally.record('view where (DuckDB deploy)', 'refused', await refusedEverywhere(ws.path(`specs/w${i}.table.yaml`), 'local'));
    });
    it(`Athena deploy refused, nothing sent: ${label}`, async () => {
      tally.record('view where (Athena deploy)', 'refused', await refusedEverywhere(ws.path(`specs/w${i}.table.yaml`), 'dev'));
    });
  });
});

// ---------------------------------------------------------------------------------------------------
// Comments, descriptions, null values and delimiters in Athena's Hive DDL.

/** Hive's reading of a string literal (BaseSemanticAnalyzer.unescapeSQLString): `\x` escapes, adjacent literals join. */
function unescapeHive(token: string): string {
  const body = token.slice(1, -1);
  const special: Record<string, string> = { '0': '\u0000', "'": "'", '"': '"', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\u001A', '\\': '\\', '%': '\\%', _: '\\_' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const octal = /^[0-3][0-7]{2}/.exec(body.slice(i + 1));
    if (octal) {
      out += String.fromCharCode(parseInt(octal[0], 8));
      i += 3;
      continue;
    }
    const n = body[++i]!;
    out += special[n] ?? n;
  }
  return out;
}

const hive = new HiveSQL();
/** The statement's string literals as Hive reads them, and its LOCATION; fails unless Hive reads exactly one statement. */
function hiveRead(sql: string): { strings: string[]; location: string } {
  assert.deepEqual(hive.validate(sql), [], sql);
  assert.equal(hive.splitSQLByStatement(sql)?.length, 1);
  const tokens = hive.getAllTokens(sql).filter((t) => /^['"]/.test(t.text ?? ''));
  const strings = tokens.map((t) => unescapeHive(t.text!));
  const locations: string[] = [];
  const walk = (n: { getText(): string; children?: unknown[] | null; constructor: { name: string } }) => {
    if (n.constructor.name === 'LocationPathContext') locations.push(unescapeHive(n.getText().replace(/^LOCATION/i, '')));
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  walk(hive.parse(sql) as unknown as Parameters<typeof walk>[0]);
  assert.equal(locations.length, 1);
  return { strings, location: locations[0]! };
}

const hostileTexts = [
  'ends in a backslash \\',
  "it's",
  "\\'",
  "\\\\'",
  "'); DROP TABLE card_dw.acct; --",
  ") LOCATION 's3://evil-bucket/stolen/' TBLPROPERTIES ('table_type'='ICEBERG') --",
  '*/ -- /*',
  'two\nlines\ttab',
  '카드 고객\'s "이름" \\n',
  '\\u0041 \\001 %_',
];

const basePlan = (): NormalizedTable => ({
  database: 'card_dw',
  table: 'acct',
  kind: 'source',
  format: 'iceberg',
  location: 's3://card-lake/card_dw/acct/',
  mode: 'overwrite',
  keys: [],
  partitionBy: [],
  columns: ['a', 'b'].map((name) => ({ name, source: name.toUpperCase(), target: { kind: 'string' }, stored: { kind: 'string' }, rules: [], nullable: true, inputKind: 'string' })),
  purges: [],
  staging: { location: 's3://card-raw/card_dw/acct/', format: 'csv', delimiter: ',', header: true, encoding: 'UTF-8' },
  views: [],
});

describe("Athena's Hive DDL", () => {
  for (const text of hostileTexts) {
    const label = JSON.stringify(text).slice(0, 50);
    it(`column comments ${label} then a crafted one: one statement, LOCATION kept, comments exact`, () => {
      const plan = basePlan();
      plan.columns[0]!.comment = text;
      plan.columns[1]!.comment = ") LOCATION 's3://evil-bucket/stolen/' TBLPROPERTIES ('table_type'='ICEBERG') --";
      const r = hiveRead(createIcebergTable(plan));
      assert.equal(r.location, 's3://card-lake/card_dw/acct/');
      // Glue keeps a column comment on one line (API_Column): the DDL carries it cleaned, and exactly that.
      assert.deepEqual(r.strings, [glueText(text, 255), plan.columns[1]!.comment, 's3://card-lake/card_dw/acct/', 'table_type', 'ICEBERG', 'format', 'parquet']);
      tally.record('column comment (Hive)', 'harmless');
    });
    it(`table description ${label}: never in the DDL (Glue's Description field carries it)`, () => {
      const plan = { ...basePlan(), description: text };
      const ddl = createIcebergTable(plan);
      const r = hiveRead(ddl);
      assert.deepEqual(r.strings, ['s3://card-lake/card_dw/acct/', 'table_type', 'ICEBERG', 'format', 'parquet']);
      tally.record('description (Hive)', 'harmless');
    });
    it(`staging null value ${label}: exact`, () => {
      const plan = basePlan();
      plan.staging = { ...plan.staging, format: 'text', delimiter: '|', header: false, nullValue: text };
      const r = hiveRead(createStagingTable(plan));
      assert.equal(r.location, 's3://card-raw/card_dw/acct/');
      assert.deepEqual(r.strings, ['|', 's3://card-raw/card_dw/acct/', 'serialization.null.format', text]);
      tally.record('null value (Hive)', 'harmless');
    });
  }
  for (const delimiter of ["'", '\\', '\t', ';']) {
    // OpenCSVSerDe ignores serialization.null.format, so none is written: the null value is applied in the load's SELECT.
    it(`CSV delimiter ${JSON.stringify(delimiter)}: exact in the SerDe properties`, () => {
      const plan = basePlan();
      plan.staging = { ...plan.staging, delimiter, nullValue: '\\N' };
      const r = hiveRead(createStagingTable(plan));
      assert.deepEqual(r.strings, [
        'org.apache.hadoop.hive.serde2.OpenCSVSerde',
        'separatorChar',
        delimiter,
        'quoteChar',
        '"',
        'escapeChar',
        '\\',
        's3://card-raw/card_dw/acct/',
        'skip.header.line.count',
        '1',
      ]);
      tally.record('delimiter (Hive)', 'harmless');
    });
  }
  it('an Athena deploy with the crafted comments sends one CREATE TABLE with its own LOCATION', async () => {
    const columns = `  - { name: memo, oracle: VARCHAR2(10), comment: ${JSON.stringify('ends in \\')} }\n  - { name: memo2, oracle: VARCHAR2(10), comment: ${JSON.stringify(") LOCATION 's3://evil-bucket/stolen/' TBLPROPERTIES ('table_type'='ICEBERG') --")} }\n`;
    ws.write('specs/hc.table.yaml', spec('hc', '', columns));
    const sent = athenaLog.sql.length;
    await runOperation({ operation: 'deploy', file: ws.path('specs/hc.table.yaml'), environment: 'dev' });
    const ddl = athenaLog.sql.slice(sent);
    assert.equal(ddl.length, 1);
    const r = hiveRead(ddl[0]!);
    assert.equal(r.location, 's3://card-lake-dev/card_dw/hc/');
    assert.deepEqual(r.strings.slice(0, 2), ['ends in \\', ") LOCATION 's3://evil-bucket/stolen/' TBLPROPERTIES ('table_type'='ICEBERG') --"]);
    tally.record('column comment (Athena deploy)', 'harmless');
  });
});

// ---------------------------------------------------------------------------------------------------
// Cleansing arguments, date formats and the local reader's options, in DuckDB and Trino.

let duck: DuckDBConnection;
let duckInstance: DuckDBInstance;
/** DuckDB's parse of a SELECT: fails unless it is exactly one statement; returns its VARCHAR constants. */
async function duckRead(sql: string): Promise<{ strings: string[]; tree: Record<string, unknown> }> {
  const r = await duck.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS t', [sql]);
  const tree = JSON.parse(String(r.getRowObjectsJson()[0]!.t)) as { error: boolean; error_message?: string; statements: { node: Record<string, unknown> }[] };
  assert.equal(tree.error, false, `${tree.error_message}: ${sql}`);
  assert.equal(tree.statements.length, 1);
  const strings: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.class === 'CONSTANT') {
        const v = o.value as { type: { id: string }; value: unknown };
        if (v.type.id === 'VARCHAR') strings.push(String(v.value));
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(tree.statements[0]!.node);
  return { strings, tree: tree.statements[0]!.node };
}

const trino = new TrinoSQL();
/** Trino's reading: one statement, no syntax error; its string literals unescaped. */
function trinoRead(sql: string): string[] {
  assert.deepEqual(trino.validate(sql), [], sql);
  assert.equal(trino.splitSQLByStatement(sql)?.length, 1);
  return trino
    .getAllTokens(sql)
    .filter((t) => (t.text ?? '').startsWith("'"))
    .map((t) => t.text!.slice(1, -1).replace(/''/g, "'"));
}

describe('cleansing arguments and reader options', () => {
  before(async () => {
    duckInstance = await DuckDBInstance.create(':memory:');
    duck = await duckInstance.connect();
  });
  after(() => {
    duck.closeSync();
    duckInstance.closeSync();
  });
  for (const text of hostileTexts) {
    const label = JSON.stringify(text).slice(0, 50);
    for (const rule of ['null_if', 'default'] as const) {
      it(`${rule} ${label}: DuckDB and Trino read exactly the value`, async () => {
        const arg = rule === 'null_if' ? [text] : text;
        const d = compileColumn('"a"', 'string', [{ name: rule, arg }], { kind: 'string' }, undefined, 'duckdb');
        assert.deepEqual((await duckRead(`SELECT ${d.expr} FROM "t"`)).strings, [text]);
        const a = compileColumn('"a"', 'string', [{ name: rule, arg }], { kind: 'string' }, undefined, 'athena');
        assert.deepEqual(trinoRead(`SELECT ${a.expr} FROM "t"`), [text]);
        tally.record(`cleansing ${rule}`, 'harmless');
      });
    }
  }
  for (const format of ["YYYY'); DROP TABLE card_dw.acct; --", 'YYYY$$MM', "DD' || chr(39) || '", "E'YYYY'"]) {
    it(`date format ${JSON.stringify(format)} is refused`, () => {
      assert.throws(() => compileColumn('"a"', 'string', [{ name: 'to_date', arg: format }], { kind: 'date' }, undefined, 'duckdb'), SqlSafetyError);
      tally.record('date format', 'refused');
    });
  }
  it('hostile date sentinels are exact literals in both dialects', async () => {
    const sentinels = ["0'); DROP TABLE x; --", "$$'$$", "E'\\''"];
    const d = compileColumn('"a"', 'string', [{ name: 'to_date', arg: { format: 'YYYYMMDD', sentinels } }], { kind: 'date' }, undefined, 'duckdb');
    assert.deepEqual(
      (await duckRead(`SELECT ${d.expr} FROM "t"`)).strings.filter((s) => sentinels.includes(s)),
      sentinels,
    );
    const a = compileColumn('"a"', 'string', [{ name: 'to_date', arg: { format: 'YYYYMMDD', sentinels } }], { kind: 'date' }, undefined, 'athena');
    assert.deepEqual(
      trinoRead(`SELECT ${a.expr} FROM "t"`).filter((s) => sentinels.includes(s)),
      sentinels,
    );
    tally.record('date sentinels', 'harmless');
  });
  const readerProbes: [string, Partial<NormalizedTable['staging']>, string][] = [
    ['delimiter', { delimiter: "'" }, 'data/acct.csv'],
    ['null value', { nullValue: "x'); COPY (SELECT 1) TO '/tmp/tablespec-pwned.csv'; --" }, 'data/acct.csv'],
    ['null value', { nullValue: "E'\\'' $$" }, 'data/acct.csv'],
    ['extract path', {}, "data/x'); DROP TABLE card_dw.acct; --.csv"],
    ['extract path', {}, "data/$$'$$.csv"],
  ];
  for (const [field, staging, path] of readerProbes) {
    it(`DuckDB reader ${field} ${JSON.stringify(Object.values(staging)[0] ?? path).slice(0, 50)}: one read_csv over that file`, async () => {
      const plan = basePlan();
      plan.staging = { ...plan.staging, ...staging };
      const { tree } = await duckRead(`SELECT * FROM ${stagingReader(plan, path)}`);
      const from = tree.from_table as { type: string; function: { function_name: string; children: { value?: { value: unknown }; left?: unknown; right?: { value: { value: unknown } } }[] } };
      assert.equal(from.type, 'TABLE_FUNCTION');
      assert.equal(from.function.function_name, 'read_csv');
      assert.equal(from.function.children[0]!.value!.value, path);
      const strings = (await duckRead(`SELECT * FROM ${stagingReader(plan, path)}`)).strings;
      if (staging.delimiter) assert.ok(strings.includes(staging.delimiter));
      if (staging.nullValue) assert.ok(strings.includes(staging.nullValue));
      tally.record(`local reader ${field}`, 'harmless');
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// Names and locations.

describe('names and locations', () => {
  const names = ['acct"; DROP TABLE card_dw.acct; --', 'acct`; DROP TABLE x', "a'b", 'A', 'a b', 'a\u0000', 'a.b', '$$x$$'];
  for (const name of names) {
    it(`name ${JSON.stringify(name)} is refused for DuckDB/Trino and Hive`, () => {
      assert.throws(() => ident(name, 'column'), SqlSafetyError);
      assert.throws(() => ident(name, 'column', 'ddl'), SqlSafetyError);
      tally.record('names', 'refused');
    });
  }
  for (const [i, name] of ['acct"; DROP TABLE card_dw.acct; --', 'x` (a int); DROP TABLE card_dw.acct; --'].entries()) {
    it(`a table named ${JSON.stringify(name)} is refused on both engines, nothing ran`, async () => {
      ws.write(`specs/n${i}.table.yaml`, spec(JSON.stringify(name)));
      tally.record('table name (DuckDB deploy)', 'refused', await refusedEverywhere(ws.path(`specs/n${i}.table.yaml`), 'local'));
      tally.record('table name (Athena deploy)', 'refused', await refusedEverywhere(ws.path(`specs/n${i}.table.yaml`), 'dev'));
    });
  }
  for (const location of ["s3://card-lake/x' LOCATION 's3://evil/", 's3://card-lake/x\\', 's3://card-lake/x\u0000', "s3://card-lake/x'); DROP TABLE t; --"]) {
    it(`location ${JSON.stringify(location)} is refused in Hive and Trino`, () => {
      assert.throws(() => s3Location(location), SqlSafetyError);
      const plan = { ...basePlan(), location };
      assert.throws(() => createIcebergTable(plan), SqlSafetyError);
      tally.record('locations', 'refused');
    });
  }
  it('a storage location that breaks out is refused before any Athena statement', async () => {
    ws.write('specs/loc.table.yaml', spec('loc', `storage: { location: ${JSON.stringify("s3://card-lake/x' TBLPROPERTIES ('a'='b")} }\n`));
    tally.record('storage location (Athena deploy)', 'refused', await refusedEverywhere(ws.path('specs/loc.table.yaml'), 'dev'));
  });
});

// ---------------------------------------------------------------------------------------------------
// Oracle: source names, objects and hints in the count and extraction queries.

describe('Oracle SQL', () => {
  const sources = ['A"B', 'X" FROM DUAL --', 'X"; DROP TABLE T; --', 'A\u0000', `${'가'.repeat(43)}`, '"'];
  for (const source of sources) {
    it(`source column ${JSON.stringify(source).slice(0, 40)} is refused in the count and extraction queries`, () => {
      assert.throws(() => countQuery('CARD.T', undefined, [{ column: source, format: 'text' }]), SqlSafetyError);
      const plan = basePlan();
      plan.columns[0]!.source = source;
      assert.throws(() => extractConfig(plan, new Map(), {}, 'CARD.T'), SqlSafetyError);
      tally.record('Oracle source column', 'refused');
    });
  }
  for (const object of ['CARD.T; DROP TABLE CARD.T', 'CARD.T WHERE 1=0 --', '"CARD"."T"" --"', '(SELECT * FROM DBA_USERS)', 'CARD.T@x;y', 'A.B.C.D']) {
    it(`source object ${JSON.stringify(object)} is refused`, () => {
      assert.throws(() => countQuery(object, undefined, []), SqlSafetyError);
      assert.throws(() => extractConfig(basePlan(), new Map(), {}, object), SqlSafetyError);
      tally.record('Oracle object', 'refused');
    });
  }
  for (const hint of ['FULL(t) */ DELETE FROM T; --', "PARALLEL(8) */ '"]) {
    it(`hint ${JSON.stringify(hint)} is refused`, () => {
      assert.throws(() => countQuery('CARD.T', hint, []), SqlSafetyError);
      assert.throws(() => extractConfig(basePlan(), new Map(), { hint }, 'CARD.T'), SqlSafetyError);
      tally.record('Oracle hint', 'refused');
    });
  }
  it('quoted and reserved names are quoted, valid ones kept', () => {
    assert.equal(
      countQuery('CARD."Acct"', undefined, [
        { column: 'DATE', format: 'date' },
        { column: 'Mixed', format: 'text' },
      ]),
      `SELECT TO_CHAR("DATE", 'YYYY-MM-DD') AS P0, TO_CHAR("Mixed") AS P1, COUNT(*) AS ROW_COUNT FROM CARD."Acct" GROUP BY TO_CHAR("DATE", 'YYYY-MM-DD'), TO_CHAR("Mixed")`,
    );
  });
  it('the workspace report runs no Oracle statement for a partition column whose source holds a quote', async () => {
    const ran: string[] = [];
    const session: OracleSession = {
      dictionary: async () => ({ tables: [] }) as never,
      async count(object, hint, partitions) {
        ran.push(countQuery(object, hint, partitions));
        return { total: 0, partitions: [] };
      },
      close: async () => undefined,
    };
    const report = tempWorkspace({
      'tablespec.yaml': 'defaults:\n  database: card_dw\n',
      'specs/p.table.yaml': `table: p\nkind: source\nsource: { object: CARD.P }\nload: { mode: overwrite, partition_by: [base_dt] }\ncolumns:\n  - { name: id, oracle: NUMBER(5) }\n  - { name: base_dt, oracle: DATE, type: date, source: ${JSON.stringify('BASE_DT") FROM DUAL UNION SELECT PASSWORD FROM DBA_USERS --')} }\n`,
    });
    try {
      const r = await workspaceReport([report.path('specs/p.table.yaml')], 'local', { oracle: true, session });
      assert.equal(ran.length, 0);
      // The checker refuses the spec (its source column breaks Oracle's naming rules): the report says so on the row.
      assert.match(r.rows[0]!.error ?? '', /has 1 error/);
      tally.record('Oracle source column (report)', 'refused', ran.length);
    } finally {
      report.remove();
    }
  });
});
