/**
 * Faults of the local load: nothing lost, nothing leaked. A malformed row's values stay out of every
 * message, the log and the history; the batch ledger records the bytes that were loaded even when the
 * extract is replaced mid-load; a history that cannot be written does not turn a committed load into a
 * failure; and files that cannot be read say why.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OperationError } from '../../server/src/backends/errors';
import { mapEngineError, openLocalBackend } from '../../server/src/backends/local/duckdb-backend';
import { duckdbLoader } from '../../server/src/backends/local/duckdb-loader';
import { scrubEngineMessage } from '../../server/src/backends/local/engine-message';
import { runOperation, runQuery, type OperationRequest } from '../../server/src/commands/run-operation';
import { historyFile, readHistory } from '../../server/src/ops/history';
import { runLoad, type LoadReport } from '../../server/src/ops/load';
import { loadSpec } from '../../server/src/ops/spec-context';
import { stagingReader } from '../../server/src/sql/duckdb-sql';
import { DuckDBInstance } from '@duckdb/node-api';
import { tempWorkspace } from '../helpers/temp-workspace';

const salt = 'test-salt-0123456789';
const workspaceFile = `defaults:\n  database: card_dw\nenvironments:\n  local:\n    engine: duckdb\n    database_file: .tablespec/test.duckdb\n    staging: data/{table}.csv\n`;
const people = `table: people
kind: source
source: { object: CARD.PEOPLE }
load: { mode: overwrite }
columns:
  - { name: id, oracle: NUMBER(10), nullable: false }
  - { name: rrn, oracle: VARCHAR2(14), pii: rrn, encrypt: sha256 }
  - { name: card_no, oracle: VARCHAR2(19), pii: card_no, encrypt: sha256 }
`;
const events = `table: events
kind: source
source: { object: CARD.EVENTS }
load: { mode: append }
columns:
  - { name: ev_id, oracle: NUMBER(10), nullable: false }
  - { name: memo, oracle: VARCHAR2(50) }
`;
// Values that must never be seen again once read from the extract.
const rrn = '850505-2345678';
const card = '5500000000000004';

describe('faults of the local load', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': workspaceFile,
    'specs/people.table.yaml': people,
    'specs/events.table.yaml': events,
    'data/people.csv': `ID,RRN,CARD_NO\n1,900101-1234567,4111111111111111\n2,${rrn},${card},zq-extra-9931\n`,
    'data/events.csv': 'EV_ID,MEMO\n1,a\n',
  });
  after(() => ws.remove());
  const run = async (operation: OperationRequest['operation'], spec: string, extra: Partial<OperationRequest> = {}) =>
    runOperation({ operation, file: ws.path(`specs/${spec}.table.yaml`), environment: 'local', salt, confirmation: { yes: true }, ...extra });
  const count = async (table: string) => (await runQuery(ws.root, 'local', `SELECT count(*) AS n FROM card_dw.${table}`, 1)).rows[0]!.n;

  before(async () => {
    await run('deploy', 'people');
    await run('deploy', 'events');
  });

  it('a malformed row: line, column, expected and found in the message; none of its values in the message, the detail or the history', async () => {
    let error: OperationError | undefined;
    await run('load', 'people').catch((e: OperationError) => (error = e));
    assert.ok(error instanceof OperationError);
    assert.equal(error.kind, 'invalid-spec');
    assert.match(
      error.message,
      /^The extract data\/people\.csv, line 3: expected 3 values \(ID, RRN, CARD_NO\), found 4: 1 more after the last column CARD_NO\.\n  found: ID=<1 chars>, RRN=<14 chars>, CARD_NO=<16 chars>, \(no column\)=<13 chars>\n/,
    );
    const everything = [error.message, error.detail ?? '', readFileSync(historyFile(ws.root), 'utf8')].join('\n');
    for (const secret of [rrn, card, 'zq-extra-9931', '900101-1234567']) assert.equal(everything.includes(secret), false, `${secret} leaked`);
    const last = readHistory(ws.root).at(-1)!;
    assert.equal(last.result, 'failed');
    assert.match(last.error!, /line 3/);
  });

  it('a line with too many or too few values, in a spec without personal columns: the values under the columns they would fill', async () => {
    const messageFor = async (csv: string) => {
      ws.write('data/events.csv', csv);
      let error: OperationError | undefined;
      await run('load', 'events').catch((e: OperationError) => (error = e));
      assert.equal(error?.kind, 'invalid-spec');
      return error!.message;
    };
    assert.equal(
      await messageFor('EV_ID,MEMO\n1,a\n2,"b, c",d\n'),
      'The extract data/events.csv, line 3: expected 2 values (EV_ID, MEMO), found 3: 1 more after the last column MEMO.\n  found: EV_ID="2", MEMO="b, c", (no column)="d"\nA value holds the delimiter "," without quotes, or the extract has columns the spec does not list.',
    );
    assert.equal(
      await messageFor('EV_ID,MEMO\n1,a\n7\n'),
      'The extract data/events.csv, line 3: expected 2 values (EV_ID, MEMO), found 1: the line ends before column MEMO.\n  found: EV_ID="7"\nA line break inside an unquoted value splits a row in two, or the extract lacks columns the spec lists.',
    );
    ws.write('data/events.csv', 'EV_ID,MEMO\n1,a\n');
  });

  it('a Parquet value too wide for its column: the column and its type, the value by its length', async () => {
    const pq = tempWorkspace({
      'tablespec.yaml': workspaceFile.replace('data/{table}.csv', 'data/{table}.parquet'),
      'specs/scores.table.yaml':
        'table: scores\nkind: source\nsource: { object: CARD.SCORES }\nload: { mode: overwrite }\ncolumns:\n  - { name: id, oracle: NUMBER(10), nullable: false }\n  - { name: score, oracle: "NUMBER(5,2)" }\n',
    });
    try {
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      mkdirSync(pq.path('data'));
      await c.run(`COPY (SELECT 1::BIGINT AS id, 12.5::DOUBLE AS score UNION ALL SELECT 2, 123456.789) TO '${pq.path('data/scores.parquet')}' (FORMAT parquet)`);
      c.closeSync();
      db.closeSync();
      const file = pq.path('specs/scores.table.yaml');
      await runOperation({ operation: 'deploy', file, environment: 'local', confirmation: { yes: true } });
      await assert.rejects(
        runOperation({ operation: 'load', file, environment: 'local', confirmation: { yes: true } }),
        (e: OperationError) =>
          e.kind === 'invalid-spec' &&
          e.message ===
            "The extract data/scores.parquet: column SCORE is DECIMAL(5,2) in the table, and a value does not fit (<13 chars>). Check the extract, or widen the column's type in the spec." &&
          !`${e.message}${e.detail}`.includes('123456'),
      );
    } finally {
      pq.remove();
    }
  });

  it('an extract without its header line: the first row is not quoted as if it were column names', async () => {
    ws.write('data/people.csv', `1,${rrn},${card}\n`);
    let error: OperationError | undefined;
    await run('load', 'people').catch((e: OperationError) => (error = e));
    assert.equal(error?.kind, 'invalid-spec');
    assert.match(error!.message, /^The header of data\/people\.csv does not match the spec's columns\.\n  extract: <1 chars>, <14 chars>, <16 chars>\n  spec:    ID, RRN, CARD_NO\n/);
    assert.equal(readFileSync(historyFile(ws.root), 'utf8').includes(rrn), false);
  });

  it('the engine message keeps no value of a row: casts, duplicate keys, parses and CSV lines are masked', () => {
    assert.equal(scrubEngineMessage(`Conversion Error: Could not convert string '${rrn}' to INT32\n\nLINE 1: SELECT`), "Conversion Error: Could not convert string '<14 chars>' to INT32");
    assert.equal(scrubEngineMessage(`Constraint Error: Duplicate key "k: ${card}" violates primary key constraint.`), 'Constraint Error: Duplicate key "<19 chars>" violates primary key constraint.');
    assert.equal(
      scrubEngineMessage(`Conversion Error: Type INT64 with value ${card} can't be cast because the value is out of range for the destination type INT8`),
      "Conversion Error: Type INT64 with value <16 chars> can't be cast because the value is out of range for the destination type INT8",
    );
    assert.equal(
      scrubEngineMessage(`Invalid Input Error: Could not parse string "${rrn}" according to format specifier "%Y"\n${rrn}\n^`),
      'Invalid Input Error: Could not parse string "<14 chars>" according to format specifier "<2 chars>"',
    );
    assert.equal(
      scrubEngineMessage(`Invalid Input Error: CSV Error on Line: 3\nOriginal Line: 2,${rrn}\nExpected Number of Columns: 3 Found: 4`),
      'Invalid Input Error: CSV Error on Line: 3\nExpected Number of Columns: 3 Found: 4',
    );
    // And through the backend's error mapping: what reaches messages and the log.
    const e = mapEngineError(new Error(`Conversion Error: Could not convert string '${rrn}' to INT32`));
    assert.equal(`${e.message}\n${e.detail}`.includes(rrn), false);
  });

  it('an extract replaced while it is appended: the ledger records the bytes loaded, the new file loads later, the first is not loaded twice', async () => {
    const first = 'EV_ID,MEMO\n10,first\n11,first\n';
    const second = 'EV_ID,MEMO\n20,second\n';
    ws.write('data/events.csv', first);
    const before = Number(await count('events'));
    const ctx = loadSpec(ws.path('specs/events.table.yaml'), 'local');
    const backend = await openLocalBackend(join(ws.root, '.tablespec/test.duckdb'));
    try {
      // The fault: the moment the engine has read the extract, another process replaces it.
      const replacing = {
        ...backend,
        async query(sql: string, options?: Parameters<typeof backend.query>[1]) {
          const result = await backend.query(sql, options);
          if (/CREATE OR REPLACE TEMP TABLE/.test(sql)) writeFileSync(ws.path('data/events.csv'), second);
          return result;
        },
      };
      const report = await runLoad(ctx, { loader: duckdbLoader(replacing), backend }, { confirmation: { yes: true } });
      assert.equal(report.staged, 2);
      assert.equal(report.skipped, undefined);
    } finally {
      await backend.close();
    }
    assert.equal(Number(await count('events')), before + 2);
    // The file now holds the second batch: it was never loaded, so it is appended, not skipped.
    const r2 = (await run('load', 'events')).result as LoadReport;
    assert.equal(r2.skipped, undefined);
    assert.equal(Number(await count('events')), before + 3);
    // The first batch again: already loaded, skipped.
    ws.write('data/events.csv', first);
    const r3 = (await run('load', 'events')).result as LoadReport;
    assert.match(r3.skipped ?? '', /already appended/);
    assert.equal(Number(await count('events')), before + 3);
    // The copies the loads read are gone.
    assert.deepEqual(
      readdirSync(ws.path('.tablespec')).filter((n) => n.startsWith('extract-')),
      [],
    );
  });

  it('a committed load whose history cannot be written succeeds, with a warning that says what was not recorded', async () => {
    ws.write('data/events.csv', 'EV_ID,MEMO\n30,history\n');
    const before = Number(await count('events'));
    const file = historyFile(ws.root);
    const kept = readFileSync(file, 'utf8');
    rmSync(file);
    // A folder where the history file should be: writing fails for root too (a read-only file does not).
    mkdirSync(file);
    try {
      const r = await run('load', 'events');
      assert.equal((r.result as LoadReport).rowsAfter, before + 1);
      assert.equal(r.warnings?.length, 1);
      assert.match(r.warnings![0]!, /^Warning: the history could not be written \(EISDIR\); this was not recorded in .*history\.jsonl: load card_dw\.events \(local\): ok, \d+ rows$/);
      assert.ok(r.text.endsWith(r.warnings![0]!));
    } finally {
      rmSync(file, { recursive: true });
      writeFileSync(file, kept);
    }
    assert.equal(Number(await count('events')), before + 1);
  });

  it('a folder given as the extract is named a folder, not read', async () => {
    rmSync(ws.path('data/events.csv'));
    mkdirSync(ws.path('data/events.csv'));
    try {
      await assert.rejects(run('load', 'events'), (e: OperationError) => e.kind === 'invalid-spec' && /^The extract data\/events\.csv is a folder \(.*\), not a file/.test(e.message));
    } finally {
      rmSync(ws.path('data/events.csv'), { recursive: true });
      ws.write('data/events.csv', 'EV_ID,MEMO\n1,a\n');
    }
  });

  it('an extract the user may not read is called that, not "does not exist" (a locked folder, a locked file)', () => {
    // Root reads any file: the load runs as an unprivileged user then, in a workspace of its own.
    const script = `
const { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const { runOperation } = require(${JSON.stringify(join(process.cwd(), 'server/src/commands/run-operation.ts'))});
(async () => {
  const root = mkdtempSync(join(tmpdir(), 'tablespec-locked-'));
  const write = (p, t) => { mkdirSync(join(root, p, '..'), { recursive: true }); writeFileSync(join(root, p), t); };
  write('tablespec.yaml', ${JSON.stringify(workspaceFile.replace('data/{table}.csv', 'locked/{table}.csv'))});
  write('specs/events.table.yaml', ${JSON.stringify(events)});
  write('locked/events.csv', 'EV_ID,MEMO\\n1,a\\n');
  const file = join(root, 'specs/events.table.yaml');
  const load = () => runOperation({ operation: 'load', file, environment: 'local', confirmation: { yes: true } }).then(() => ({ kind: 'loaded' }), (e) => ({ kind: e.kind, message: e.message }));
  await runOperation({ operation: 'deploy', file, environment: 'local', confirmation: { yes: true } });
  const out = [];
  chmodSync(join(root, 'locked'), 0o000);
  out.push(await load());
  chmodSync(join(root, 'locked'), 0o700);
  chmodSync(join(root, 'locked/events.csv'), 0o000);
  out.push(await load());
  rmSync(root, { recursive: true, force: true });
  console.log(JSON.stringify(out));
})();`;
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: process.cwd(), encoding: 'utf8', ...asNobody });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { kind: string; message: string }[];
    assert.deepEqual(
      got.map((g) => g.kind),
      ['access-denied', 'access-denied'],
    );
    for (const g of got) assert.match(g.message, /^The extract locked\/events\.csv may not be read by this user: permission denied on .*locked\/events\.csv or a folder above it\./);
  });

  it('an extension DuckDB cannot install: the whole reason, not a first line cut at its colon', () => {
    const message =
      'Extension Autoloading Error: An error occurred while trying to automatically install the required extension \'excel\':\nFailed to download extension "excel" at URL "http://extensions.duckdb.org/v1.5.6/linux_amd64/excel.duckdb_extension.gz"\nExtension "excel" is an existing extension.\n\nFor more info, visit https://duckdb.org/docs/stable/extensions/troubleshooting?version=v1.5.6&platform=linux_amd64&extension=excel (ERROR Could not establish connection)';
    const e = mapEngineError(new Error(message));
    assert.equal(e.kind, 'failed');
    assert.match(e.message, /^DuckDB needs its extension `excel`, which is not installed here and could not be installed \(Could not establish connection\)\./);
    assert.doesNotMatch(e.message, /:$/);
  });

  it('a permission error from the engine is not called "does not exist"', () => {
    const e = mapEngineError(new Error('IO Error: Cannot open file "/data/x.csv": Permission denied'));
    assert.equal(e.kind, 'access-denied');
  });

  it('the suggested conversion command quotes the file name for the shell', async () => {
    const plan = { ...loadSpec(ws.path('specs/events.table.yaml'), 'local').plan };
    plan.staging = { ...plan.staging, encoding: 'EUC-KR' };
    assert.throws(
      () => stagingReader(plan, "/w/data/it's $(rm -rf ~) x.csv"),
      (e: Error) =>
        e.message.endsWith(
          `\n  iconv -f EUC-KR -t UTF-8 '/w/data/it'\\''s $(rm -rf ~) x.csv' > '/w/data/it'\\''s $(rm -rf ~) x.csv.utf8' && mv '/w/data/it'\\''s $(rm -rf ~) x.csv.utf8' '/w/data/it'\\''s $(rm -rf ~) x.csv'`,
        ),
    );
  });
});
