/** The built `tablespec check` command: output formats, exit codes, and the same problems as the fixtures expect. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { expectedProblems } from '../helpers/expectations';
import { fixtures } from '../helpers/fixture-workspace';
import { makeWorkspace } from '../../bench/make-workspace';

const root = join(__dirname, '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const checks = relative(root, join(fixtures, 'checks'));
const snapshot = join(checks, 'glue-snapshot.json');

function run(...args: string[]) {
  return runIn({}, ...args);
}

/** English unless `env` says otherwise, whatever the machine running the tests has set. */
function runIn(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TABLESPEC_LOCALE: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

describe('tablespec check', () => {
  const json = run('check', checks, '--catalog', snapshot, '--format', 'json');
  const problems = JSON.parse(json.stdout) as JsonProblem[];

  it('exits 1 when a spec has an error', () => assert.equal(json.code, 1));

  it('prints the contract JSON shape, 1-based', () => {
    for (const p of problems) {
      assert.deepEqual(Object.keys(p), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(p.severity));
      assert.ok(p.line >= 1 && p.column >= 1);
    }
  });

  for (const file of readdirSync(join(root, checks)).filter((f) => f.endsWith('.table.yaml'))) {
    it(`reports exactly what ${file} expects`, () => {
      const text = readFileSync(join(root, checks, file), 'utf8');
      const mine = problems
        .filter((p) => p.file === join(checks, file))
        .map((p) => `${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.severity} ${p.code}`)
        .sort();
      assert.deepEqual(mine, expectedProblems(text));
    });
  }

  it('prints compiler-style text and a summary', () => {
    const r = run('check', join(checks, 'oracle-types.table.yaml'));
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], `${join(checks, 'oracle-types.table.yaml')}:7:33: error oracle-type-limit NUMBER precision must be 1 to 38; found 39.`);
    assert.ok(lines.every((l) => /^[^:]+:\d+:\d+: (error|warning|info|hint) [a-z-]+ .+/.test(l)));
    assert.match(r.stderr, /1 file checked: 10 errors, 1 warning, 1 info\./);
  });

  it('prints SARIF 2.1.0 with one result per problem', () => {
    const r = run('check', checks, '--catalog', snapshot, '--format', 'sarif');
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.equal(results.length, problems.length);
    const first = results.find((x: { ruleId: string }) => x.ruleId === 'oracle-type-limit');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 7, startColumn: 33, endLine: 7, endColumn: 35 });
    assert.ok(results.some((x: { level: string }) => x.level === 'note'));
  });

  it('exits 0 with an empty list on a clean spec, whose joins resolve against its workspace', () => {
    const r = run('check', join(checks, 'cust-master.table.yaml'), join(checks, 'big-tuned.table.yaml'), '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('exits 0 when only warnings remain', () => {
    const r = run('check', join(checks, 'big-table.table.yaml'), '--format', 'json');
    assert.equal(r.code, 0);
    assert.deepEqual(
      JSON.parse(r.stdout).map((p: JsonProblem) => p.code),
      ['large-table-untuned', 'overwrite-large-table'],
    );
  });

  it('leaves out disabled codes', () => {
    const r = run('check', join(checks, 'mapping-notes.table.yaml'), '--disable', 'number-precision-unknown,number-beyond-decimal,timestamp-precision', '--format', 'json');
    assert.deepEqual(
      JSON.parse(r.stdout).map((p: JsonProblem) => p.code),
      ['timestamp-time-zone', 'type-not-loadable'],
    );
  });

  it('counts a table as large from --large-table-gb', () => {
    const r = run('check', join(checks, 'cust-master.table.yaml'), '--large-table-gb', '2', '--format', 'json');
    assert.deepEqual(
      JSON.parse(r.stdout).map((p: JsonProblem) => p.code),
      ['large-table-untuned', 'overwrite-large-table'],
    );
  });

  for (const [args, why] of [
    [[], 'no command'],
    [['lint'], 'an unknown command'],
    [['check', '--format', 'xml'], 'an unknown format'],
    [['check', 'no/such/folder'], 'a missing path'],
    [['check', '--bogus'], 'an unknown option'],
    [['check', '--catalog', 'missing.json'], 'a missing catalog'],
    [['check', '--large-table-gb', 'lots'], 'a bad number'],
  ] as [string[], string][]) {
    it(`exits 2 on ${why}`, () => {
      const r = run(...args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /tablespec|Usage/);
    });
  }

  it('checks against a live Oracle dictionary with --oracle, saying what is missing to reach it', () => {
    const ws = join(root, 'test-results', 'oracle-ws');
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 'tablespec.yaml'), 'defaults:\n  database: card_dw\noracle:\n  connect_string: 127.0.0.1:9/CARDDB\n  user: etl\n  password_env: TABLESPEC_TEST_ORACLE_PW\n');
    writeFileSync(join(ws, 't.table.yaml'), 'table: t\nkind: source\nsource: { object: CARD.T }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(1) }\n');
    const noPassword = run('check', ws, '--oracle', '--yes');
    assert.equal(noPassword.code, 1);
    assert.match(noPassword.stderr, /set the environment variable TABLESPEC_TEST_ORACLE_PW/);
    const r = spawnSync(process.execPath, [cli, 'check', ws, '--oracle', '--yes'], { cwd: root, encoding: 'utf8', env: { ...process.env, TABLESPEC_TEST_ORACLE_PW: 'x' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Cannot reach Oracle at 127.0.0.1:9\/CARDDB/);
  });

  it('connects to the Oracle host tablespec.yaml names only with --yes or TABLESPEC_ORACLE_HOSTS, and never with a password variable outside TABLESPEC_', () => {
    const ws = join(root, 'test-results', 'oracle-host-ws');
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 't.table.yaml'), 'table: t\nkind: source\nsource: { object: CARD.T }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(1) }\n');
    const env: NodeJS.ProcessEnv = { ...process.env, TABLESPEC_TEST_ORACLE_PW: 'x', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIEXAMPLEKEY' };
    delete env.TABLESPEC_ORACLE_HOSTS;
    const check = (extraEnv: Record<string, string>, ...args: string[]) =>
      spawnSync(process.execPath, [cli, 'check', ws, '--oracle', ...args], { cwd: root, encoding: 'utf8', env: { ...env, ...extraEnv } });
    writeFileSync(join(ws, 'tablespec.yaml'), 'defaults:\n  database: card_dw\noracle:\n  connect_string: 127.0.0.1:9/CARDDB\n  user: etl\n  password_env: TABLESPEC_TEST_ORACLE_PW\n');
    const unconfirmed = check({});
    assert.equal(unconfirmed.status, 1);
    assert.match(
      unconfirmed.stderr,
      /^tablespec: tablespec\.yaml connects to Oracle at 127\.0\.0\.1 as etl, and would send it the password\. .*Confirm with --yes, or list the host in TABLESPEC_ORACLE_HOSTS\./m,
    );
    assert.match(check({ TABLESPEC_ORACLE_HOSTS: '127.0.0.1' }).stderr, /Cannot reach Oracle at 127.0.0.1:9\/CARDDB/);
    writeFileSync(join(ws, 'tablespec.yaml'), 'defaults:\n  database: card_dw\noracle:\n  connect_string: 127.0.0.1:9/CARDDB\n  user: etl\n  password_env: AWS_SECRET_ACCESS_KEY\n');
    const other = check({}, '--yes');
    assert.equal(other.status, 1);
    assert.match(other.stderr, /`oracle\.password_env` names AWS_SECRET_ACCESS_KEY: only variables whose name starts with TABLESPEC_ may hold the Oracle password/);
    assert.doesNotMatch(other.stderr, /Cannot reach|EXAMPLEKEY/);
  });

  it('prints the same problems in Korean with TABLESPEC_LOCALE=ko', () => {
    const r = runIn({ TABLESPEC_LOCALE: 'ko' }, 'check', checks, '--catalog', snapshot, '--format', 'json');
    assert.equal(r.code, 1);
    const korean = JSON.parse(r.stdout) as JsonProblem[];
    const where = (ps: JsonProblem[]) => ps.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`);
    assert.deepEqual(where(korean), where(problems));
    const english = new Set(problems.map((p) => p.message));
    // Every message changes but the YAML parser's own (from the yaml library, in English).
    assert.deepEqual(
      korean
        .filter((p) => english.has(p.message))
        .map((p) => p.code)
        .filter((c) => c !== 'yaml-syntax' && c !== 'duplicate-key'),
      [],
    );
    const upsert = korean.find((p) => p.code === 'upsert-needs-iceberg')!;
    assert.equal(upsert.message, 'Athena는 Iceberg 테이블에만 MERGE할 수 있습니다. 이 테이블은 Parquet입니다.');
  });

  it('reports an unreadable catalog snapshot and still checks', () => {
    const r = run('check', join(checks, 'cust-master.table.yaml'), '--catalog', join(checks, 'tablespec.yaml'));
    assert.equal(r.code, 0);
    assert.match(r.stderr, /is not valid JSON/);
  });
});

describe('tablespec check on threads', () => {
  // A workspace large enough for threads, with joins that resolve, one that does not and one whose types differ.
  const ws = makeWorkspace(90, 20);
  writeFileSync(
    join(ws, 'specs', 'bad_joins.table.yaml'),
    'table: bad_joins\nkind: source\nsource: { object: CARD.BAD_JOINS }\nload: { mode: overwrite }\ncolumns:\n  - { name: cust_no, oracle: VARCHAR2(12) }\njoins:\n  - table: card_dw.card_aprv_0000\n    on: [cust_no]\n  - table: card_dw.card_aprv_9999\n    on: [cust_no]\n',
  );
  const threads = (n: string, ...args: string[]) => runIn({ TABLESPEC_CHECK_THREADS: n }, 'check', ...args, '--format', 'json');
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('prints what one thread prints, on a workspace and on a folder of it (the other specs indexed for joins)', () => {
    for (const target of [ws, join(ws, 'specs', 'cust_acct'), join(ws, 'specs')]) {
      const one = threads('1', target);
      const two = threads('2', target);
      assert.equal(two.code, one.code);
      assert.equal(two.stdout, one.stdout);
      assert.equal(two.stderr, one.stderr);
    }
    const codes = (JSON.parse(threads('2', ws).stdout) as JsonProblem[]).map((p) => `${p.file.split('/').pop()} ${p.code}`);
    assert.deepEqual(
      codes.filter((c) => c.startsWith('bad_joins')),
      ['bad_joins.table.yaml join-type-mismatch', 'bad_joins.table.yaml join-unknown-table'],
    );
    assert.deepEqual(codes.filter((c) => !c.startsWith('bad_joins')).sort(), [
      'cust_acct_0057.table.yaml char-without-rtrim',
      'cust_acct_0057.table.yaml pii-not-encrypted',
      'dlq_hist_0007.table.yaml char-without-rtrim',
      'dlq_hist_0007.table.yaml pii-not-encrypted',
    ]);
  });

  it('prints what one thread prints on the fixtures, with a catalog snapshot and a bad one, in English and in Korean', () => {
    for (const locale of ['', 'ko']) {
      for (const args of [
        [checks, '--catalog', snapshot],
        [checks, '--catalog', join(checks, 'tablespec.yaml')],
      ]) {
        const one = runIn({ TABLESPEC_CHECK_THREADS: '1', TABLESPEC_LOCALE: locale }, 'check', ...args, '--format', 'json');
        const two = runIn({ TABLESPEC_CHECK_THREADS: '2', TABLESPEC_LOCALE: locale }, 'check', ...args, '--format', 'json');
        assert.equal(two.code, one.code);
        assert.equal(two.stdout, one.stdout);
        assert.equal(two.stderr, one.stderr);
      }
    }
  });
});
