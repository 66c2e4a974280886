/**
 * The failure classifier: each log of the corpus (Sqoop 1.4.7 with Oracle errors, the MapReduce AM's
 * syslog, Spark 3 on YARN, Airflow task logs of Athena and Glue failures) gives exactly its rule with
 * its evidence lines; clean logs give nothing; gzip, zlib and odd chunking read the same; a line without
 * end stays bounded; secrets in evidence lines are masked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateSync, gzipSync } from 'node:zlib';
import { classifyLog } from '../../server/src/runs/classify-log';
import { failureSignatures } from '../../server/src/runs/failure-signatures';

const dir = join(__dirname, '..', 'fixtures', 'logs');
const read = (name: string) => readFileSync(join(dir, name));

async function* chunks(buf: Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
const classify = (buf: Buffer | string, size?: number) => classifyLog(chunks(Buffer.from(buf), size));
const summary = async (buf: Buffer | string, size?: number) => (await classify(buf, size)).diagnoses.map((d) => ({ rule: d.rule, matches: d.matches, lines: d.evidence.map((e) => e.line) }));

// Expected rules and evidence lines, read off the fixtures by hand (line numbers 1-based).
const corpus: Record<string, { rule: string; matches: number; lines: number[] }[]> = {
  'sqoop-ora-01555.stderr': [{ rule: 'oracle.snapshot-too-old', matches: 3, lines: [35, 48, 56] }],
  'sqoop-ora-12514.stderr': [{ rule: 'oracle.unknown-service', matches: 3, lines: [7, 10, 21] }],
  'mr-am-split-skew.syslog': [{ rule: 'sqoop.split-skew', matches: 2, lines: [19, 56] }],
  'spark-yarn-kill.stderr': [{ rule: 'yarn.container-memory', matches: 3, lines: [17, 18, 19] }],
  'spark-s3-slowdown.stderr': [{ rule: 's3.slow-down', matches: 1, lines: [3] }],
  'airflow-athena-hive-bad-data.log': [{ rule: 'athena.hive-bad-data', matches: 2, lines: [16, 18] }],
  'airflow-glue-entity-not-found.log': [{ rule: 'glue.entity-not-found', matches: 1, lines: [12] }],
  'sqoop-clean.stderr': [],
  'spark-clean.stderr': [],
  'mr-am-clean.syslog': [],
};

describe('diagnose: the corpus', () => {
  for (const [name, expected] of Object.entries(corpus)) {
    it(`${name} → ${expected.map((e) => e.rule).join(', ') || 'nothing'}`, async () => {
      assert.deepEqual(await summary(read(name)), expected);
    });
  }
  it('cites the matched text with its line number', async () => {
    const [d] = (await classify(read('sqoop-ora-01555.stderr'))).diagnoses;
    const lines = read('sqoop-ora-01555.stderr').toString('utf8').split('\n');
    for (const e of d!.evidence) assert.equal(e.text, lines[e.line - 1]);
    assert.deepEqual(d!.fields, ['source.extract.split_by', 'source.extract.parallelism']);
  });
  it('names the skewed mapper and its duration against the median', async () => {
    const [d] = (await classify(read('mr-am-split-skew.syslog'))).diagnoses;
    // m_000007 ran 02:11:09 → 04:13:11 (7322 s); the other seven's median is 1210 s.
    assert.match(d!.detail!, /m_000007.*2h 2m.*\b7\b.*20m 10s/);
  });
  it('reads gzip (several members), zlib and one-byte chunks the same as plain text', async () => {
    for (const name of Object.keys(corpus)) {
      const plain = read(name);
      const expected = await summary(plain);
      const half = plain.indexOf(0x0a, plain.length >> 1) + 1;
      const twoMembers = Buffer.concat([gzipSync(plain.subarray(0, half)), gzipSync(plain.subarray(half))]);
      assert.deepEqual(await summary(gzipSync(plain)), expected, `${name} gzip`);
      assert.deepEqual(await summary(twoMembers), expected, `${name} gzip, two members`);
      assert.deepEqual(await summary(deflateSync(plain)), expected, `${name} zlib`);
      assert.deepEqual(await summary(gzipSync(plain), 1), expected, `${name} gzip in one-byte chunks`);
    }
    assert.equal((await classify(gzipSync(read('sqoop-clean.stderr')))).encoding, 'gzip');
    assert.equal((await classify(deflateSync(read('sqoop-clean.stderr')))).encoding, 'zlib');
    assert.equal((await classify(read('sqoop-clean.stderr'))).encoding, 'plain');
  });
  it('counts CRLF lines and a last line without a newline', async () => {
    const r = await classify('a\r\nb\r\nCaused by: java.sql.SQLException: ORA-00942: table or view does not exist');
    assert.equal(r.lines, 3);
    assert.deepEqual(
      r.diagnoses.map((d) => [d.rule, d.evidence[0]]),
      [['oracle.no-object', { line: 3, text: 'Caused by: java.sql.SQLException: ORA-00942: table or view does not exist' }]],
    );
  });
});

describe('diagnose: every line rule', () => {
  // One real-shaped line per rule, as the component prints it, and lines that must not match.
  const lines: [string, string][] = [
    ['oracle.connect-timeout', 'Caused by: java.sql.SQLRecoverableException: IO Error: ORA-12170: TNS:Connect timeout occurred'],
    ['oracle.no-listener', 'java.sql.SQLRecoverableException: Listener refused the connection with the following error: ORA-12541, TNS:no listener'],
    ['oracle.temp-space', 'Caused by: java.sql.SQLException: ORA-01652: unable to extend temp segment by 128 in tablespace TEMP'],
    ['oracle.no-object', 'ERROR manager.SqlManager: Error executing statement: java.sql.SQLSyntaxErrorException: ORA-00942: table or view does not exist'],
    ['oracle.no-privilege', 'java.sql.SQLSyntaxErrorException: ORA-01031: insufficient privileges'],
    [
      'yarn.container-memory',
      'Container [pid=21839,containerID=container_1709604000000_0042_01_000005] is running beyond physical memory limits. Current usage: 2.1 GB of 2 GB physical memory used; 3.9 GB of 4.2 GB virtual memory used. Killing container.',
    ],
    ['jvm.out-of-memory', 'Error: java.lang.OutOfMemoryError: Java heap space'],
    ['jvm.out-of-memory', 'Caused by: java.lang.OutOfMemoryError: GC overhead limit exceeded'],
    ['athena.hive-cursor-error', 'Error: HIVE_CURSOR_ERROR: Can not read value at 0 in block 0 in file s3://card-raw/card_dw/card_txn/part-m-00003.parquet'],
    [
      'athena.iceberg-commit',
      'airflow.exceptions.AirflowException: Final state of Athena job is FAILED, query_execution_id is 1d1b. Error: ICEBERG_COMMIT_ERROR: Failed to commit Iceberg update to table: card_dw.card_txn',
    ],
    ['athena.generic-internal', 'Error: GENERIC_INTERNAL_ERROR: class org.apache.hadoop.io.Text cannot be cast to class org.apache.hadoop.io.LongWritable'],
    ['s3.slow-down', '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'],
  ];
  for (const [rule, line] of lines) {
    it(`${rule}: ${line.slice(0, 60)}…`, async () => {
      assert.deepEqual(await summary(`INFO before\n${line}\nINFO after\n`), [{ rule, matches: 1, lines: [2] }]);
    });
  }
  it('covers every rule of the catalogue in the corpus or the lines above', () => {
    const covered = new Set([
      ...Object.values(corpus)
        .flat()
        .map((e) => e.rule),
      ...lines.map(([r]) => r),
    ]);
    assert.deepEqual(
      failureSignatures.map((s) => s.id).filter((id) => !covered.has(id)),
      [],
    );
  });
  it('does not take near misses for failures', async () => {
    const clean = [
      'INFO Client: Will allocate AM container, with 896 MB memory including 384 MB overhead',
      '--conf spark.executor.memoryOverhead=2g',
      'INFO mapreduce.Job: Counters: GC time elapsed (ms)=88213',
      'WARN Container killed on request. Exit code is 143',
      'ORA-015550 is not an Oracle code; XORA-01555 neither',
      'INFO SlowDownPolicy: backoff 200 ms',
      "select * from t where c = 'HIVE_BAD_DATA_X'",
    ].join('\n');
    assert.deepEqual(await summary(clean), []);
  });
  it('has unique, stable-shaped rule ids, each with a meaning and a remedy', () => {
    const ids = failureSignatures.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const s of failureSignatures) {
      assert.match(s.id, /^[a-z0-9]+\.[a-z0-9-]+$/);
      assert.ok(s.meaning().length > 20 && s.remedy().length > 20, s.id);
      // A line rule without keywords would never be looked at (the reader decodes only blocks holding one).
      if (s.pattern) assert.ok(s.keywords.length > 0, s.id);
    }
  });
});

describe('diagnose: bounds and secrets', () => {
  it('keeps at most five evidence lines per rule and counts the rest', async () => {
    const log = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'ok' : 'Caused by: java.sql.SQLException: ORA-01555: snapshot too old')).join('\n');
    const [d] = (await classify(log)).diagnoses;
    assert.equal(d!.matches, 20);
    assert.deepEqual(
      d!.evidence.map((e) => e.line),
      [1, 3, 5, 7, 9],
    );
  });
  it('cuts a line without end instead of holding it whole', async () => {
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('ERROR ORA-01652: unable to extend temp segment ');
      for (let i = 0; i < 2000; i++) yield Buffer.alloc(16 * 1024, 0x41);
      yield Buffer.from('\nnext line\n');
    }
    const r = await classifyLog(endless());
    assert.equal(r.lines, 2);
    assert.deepEqual(
      r.diagnoses.map((d) => d.rule),
      ['oracle.temp-space'],
    );
    assert.ok(r.diagnoses[0]!.evidence[0]!.text.length <= 400);
  });
  it('masks passwords, Oracle URL credentials and AWS keys in evidence lines', async () => {
    const log = [
      "sqoop import --connect 'jdbc:oracle:thin:etl/Tiger#2024@//db:1521/CARD' --password 'S3cret!' -- ORA-12541: TNS:no listener",
      'ORA-01031: insufficient privileges password=hunter2 key AKIAIOSFODNN7EXAMPLE',
    ].join('\n');
    const text = (await classify(log)).diagnoses.flatMap((d) => d.evidence.map((e) => e.text)).join('\n');
    for (const secret of ['Tiger#2024', 'S3cret!', 'hunter2', 'AKIAIOSFODNN7EXAMPLE']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    assert.match(text, /ORA-12541/);
    assert.match(text, /ORA-01031/);
  });
});
