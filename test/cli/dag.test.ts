/**
 * The built `tablespec dag`: golden DAG files for a 700 GB source table (extract, load, reconcile) and a
 * small mart table (load, reconcile) on a protected environment; the Python compiles; every operator,
 * sensor and argument it uses exists in the pinned Amazon provider (test/fixtures/airflow-provider.json);
 * sizing from size_gb; refusals (not Athena, no Oracle connection, bad usage, Jinja in a step, a step
 * over EMR's 10,240-character limit). UPDATE_GOLDEN=1 rewrites the golden files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { airflowDag, DagTemplateError, type DagInput } from '../../server/src/runs/airflow-dag';
import { dagSizing } from '../../server/src/runs/dag-sizing';
import { assertGolden } from '../helpers/golden';
import { tempWorkspace } from '../helpers/temp-workspace';

const root = join(__dirname, '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const workspace = join(root, 'test', 'fixtures', 'dag');
const golden = join(workspace, 'golden');
const provider = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'airflow-provider.json'), 'utf8')) as {
  classes: Record<string, { module: string; bases: string[]; args: string[] }>;
  baseArgs: Record<string, string[]>;
  defaultArgs: string[];
};

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : undefined;
const noPython = python ? false : 'python3 is not on this machine: the generated Python is not compiled or parsed';

function dag(args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'dag', ...args], { encoding: 'utf8', env: { ...process.env, TABLESPEC_LOCALE: 'en' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function generate(env = 'prod'): string {
  const out = mkdtempSync(join(tmpdir(), 'tablespec-dag-'));
  const r = dag([join(workspace, 'specs'), '--out', out, '--env', env, '--emr-cluster', 'card-etl-prod', '--schedule', '0 18 * * *']);
  assert.equal(r.code, 0, r.err);
  return out;
}

/** Every import, call and argument of a generated DAG file exists in the pinned provider (test/fixtures/airflow-provider.json). */
function checkProviderCalls(out: string, f: string): void {
  const r = spawnSync(python!, [join(root, 'test', 'helpers', 'python-calls.py'), join(out, f)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const used = JSON.parse(r.stdout) as { imports: { module: string; name: string | null }[]; calls: { func: string; keywords: string[]; args: number }[]; default_args: string[] };
  // Imports: the provider's classes from their modules, and the standard helpers.
  for (const i of used.imports) {
    if (i.name && provider.classes[i.name]) assert.equal(i.module, provider.classes[i.name]!.module, `${f}: ${i.name} from ${i.module}`);
    else assert.ok((i.module === 'datetime' && i.name === 'timedelta') || (i.module === 'pendulum' && i.name === null), `${f}: unexpected import ${i.module}.${i.name}`);
  }
  const helpers: Record<string, string[]> = { timedelta: ['minutes'], 'pendulum.datetime': ['tz'] };
  const classCalls = used.calls.filter((c) => !(c.func in helpers));
  assert.ok(classCalls.length > 0);
  for (const c of classCalls) {
    const cls = provider.classes[c.func];
    assert.ok(cls, `${f}: ${c.func} is not in the provider fixture`);
    const allowed = new Set([...cls.args, ...cls.bases.flatMap((b) => provider.baseArgs[b] ?? [])]);
    for (const k of c.keywords) assert.ok(allowed.has(k), `${f}: ${c.func}(${k}=…) is not an argument of ${c.func}`);
    assert.equal(c.args, 0, `${f}: ${c.func} called with positional arguments`);
  }
  for (const c of used.calls.filter((x) => x.func in helpers)) for (const k of c.keywords) assert.ok(helpers[c.func]!.includes(k), `${f}: ${c.func}(${k})`);
  for (const k of used.default_args) assert.ok(provider.defaultArgs.includes(k), `${f}: default_args ${k}`);
}

describe('tablespec dag', () => {
  const out = generate();
  const files = readdirSync(out).sort();

  it('writes one DAG file per table, equal to the golden files', () => {
    assert.deepEqual(files, ['tablespec__card_dw__card_txn.py', 'tablespec__card_dw__cust_grade.py']);
    for (const f of files) assertGolden(join(golden, f), readFileSync(join(out, f), 'utf8'));
  });

  it('compiles with python3 -m py_compile', { skip: noPython }, () => {
    for (const f of files) {
      const r = spawnSync(python!, ['-m', 'py_compile', join(out, f)], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${f}: ${r.stderr}`);
    }
  });

  it('uses only operators, sensors and arguments of the pinned Amazon provider', { skip: noPython }, () => {
    for (const f of files) checkProviderCalls(out, f);
  });

  it('runs the Sqoop import the spec generates, then load and reconcile, with --confirm on a protected environment', () => {
    const txn = readFileSync(join(out, files[0]!), 'utf8');
    const extract = spawnSync(process.execPath, [cli, 'extract', join(workspace, 'specs', 'card_txn.table.yaml'), '--env', 'prod', '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, TABLESPEC_LOCALE: 'en' },
    });
    const sqoop = (JSON.parse(extract.stdout) as { sqoop: string }).sqoop.replace(/ \\\n\s*/g, ' ');
    assert.ok(txn.includes(JSON.stringify(sqoop)), 'the extract step carries the Sqoop command of `tablespec extract`');
    assert.match(txn, /extract >> watch_extract >> load >> watch_load >> reconcile >> watch_reconcile\n/);
    assert.match(txn, /"--confirm",\n\s+"card_txn",/);
    const mart = readFileSync(join(out, files[1]!), 'utf8');
    assert.doesNotMatch(mart, /sqoop|task_id="extract"/);
    assert.match(mart, /load >> watch_load >> reconcile >> watch_reconcile\n/);
    const dev = readFileSync(join(generate('dev'), files[0]!), 'utf8');
    assert.doesNotMatch(dev, /--confirm/);
    assert.ok(!/password["']?\s*[:=]/i.test(txn + mart), 'no password in a DAG file');
  });

  it('refuses a DuckDB environment, a workspace without an Oracle connection, and bad usage', () => {
    const local = dag([join(workspace, 'specs'), '--out', mkdtempSync(join(tmpdir(), 'd-')), '--env', 'local', '--emr-cluster', 'c']);
    assert.equal(local.code, 1);
    assert.match(local.err, /not an Athena environment/);
    const ws = tempWorkspace({
      'tablespec.yaml': readFileSync(join(workspace, 'tablespec.yaml'), 'utf8').replace(/\n  connect_string: .*\n  user: .*\n/, '\n'),
      'specs/card_txn.table.yaml': readFileSync(join(workspace, 'specs', 'card_txn.table.yaml'), 'utf8'),
    });
    try {
      const r = dag([ws.root, '--out', join(ws.root, 'dags'), '--env', 'prod', '--emr-cluster', 'c']);
      assert.equal(r.code, 1);
      assert.match(r.err, /oracle\.connect_string/);
      assert.ok(!existsSync(join(ws.root, 'dags')));
    } finally {
      ws.remove();
    }
    assert.equal(dag([join(workspace, 'specs'), '--env', 'prod', '--emr-cluster', 'c']).code, 2);
    assert.equal(dag([join(workspace, 'specs'), '--out', '/tmp/x', '--emr-cluster', 'c']).code, 2);
    assert.equal(dag([join(workspace, 'specs'), '--out', '/tmp/x', '--env', 'prod']).code, 2);
    assert.equal(dag([join(workspace, 'specs'), '--out', '/tmp/x', '--env', 'prod', '--emr-cluster', 'c', '--remote-workspace', 'relative/path']).code, 2);
  });
});

describe('DAG sizing and step limits', () => {
  it('sizes retries, budgets, poke interval and pool slots from size_gb and parallelism', () => {
    assert.deepEqual(dagSizing(700, 8), {
      sizeGb: 700,
      retries: 1,
      retryDelayMinutes: 30,
      extractMinutes: 1440,
      loadMinutes: 430,
      reconcileMinutes: 115,
      pokeIntervalSeconds: 300,
      extractPoolSlots: 8,
      loadPoolSlots: 4,
    });
    assert.deepEqual(dagSizing(2, 1), {
      sizeGb: 2,
      retries: 3,
      retryDelayMinutes: 5,
      extractMinutes: 80,
      loadMinutes: 30,
      reconcileMinutes: 30,
      pokeIntervalSeconds: 60,
      extractPoolSlots: 1,
      loadPoolSlots: 1,
    });
    assert.deepEqual(dagSizing(undefined, 4), dagSizing(10, 4));
    assert.equal(dagSizing(150, 4).retries, 2);
    assert.equal(dagSizing(150, 4).loadPoolSlots, 2);
    assert.equal(dagSizing(-1, 0).extractPoolSlots, 1);
  });
  const input = (sqoop: string): DagInput => ({
    database: 'd',
    table: 't',
    environment: 'dev',
    protectedEnvironment: false,
    remoteSpec: '/w/t.table.yaml',
    loadMode: 'append',
    sqoop,
    emrCluster: 'c',
    awsConnId: 'aws_default',
    sizing: dagSizing(1, 1),
    specFile: 't.table.yaml',
  });
  it('refuses Jinja syntax in a templated step argument', () => {
    assert.throws(() => airflowDag(input("sqoop import --query 'SELECT {{ var }} FROM T'")), DagTemplateError);
    assert.throws(() => airflowDag(input("sqoop import --query 'SELECT 1 {# x #}'")), DagTemplateError);
    assert.doesNotThrow(() => airflowDag(input("sqoop import --query 'SELECT A FROM T WHERE $CONDITIONS'")));
  });
  it("refuses a step over AddJobFlowSteps' 10,240 characters", () => {
    // bash + -c + the command + command-runner.jar: 10240 is the most EMR takes.
    const fits = 10240 - 'command-runner.jar'.length - 'bash'.length - '-c'.length;
    assert.doesNotThrow(() => airflowDag(input('x'.repeat(fits))));
    assert.throws(() => airflowDag(input('x'.repeat(fits + 1))), DagTemplateError);
  });
});

describe('tablespec dag: a group the workspace names', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': `${readFileSync(join(workspace, 'tablespec.yaml'), 'utf8')}dag_groups:\n  card_daily: [card_txn, card_dw.cust_grade]\n`,
    'specs/card_txn.table.yaml': readFileSync(join(workspace, 'specs', 'card_txn.table.yaml'), 'utf8'),
    'specs/cust_grade.table.yaml': readFileSync(join(workspace, 'specs', 'cust_grade.table.yaml'), 'utf8'),
  });
  after(() => ws.remove());
  const out = join(ws.root, 'dags');
  const r = dag([join(ws.root, 'specs'), '--out', out, '--env', 'prod', '--emr-cluster', 'card-etl-prod', '--schedule', '0 18 * * *']);

  it('writes one DAG for the group, a task group per table, equal to the golden file', () => {
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readdirSync(out), ['tablespec__group__card_daily.py']);
    const text = readFileSync(join(out, 'tablespec__group__card_daily.py'), 'utf8');
    const goldenFile = join(golden, 'group', 'tablespec__group__card_daily.py');
    assertGolden(goldenFile, text);
    // The sensors pull the XCom of the task in their own group.
    assert.ok(text.includes(`task_ids='card_dw__card_txn.extract', key='job_flow_id'`));
    assert.ok(text.includes(`task_ids='card_dw__cust_grade.load', key='return_value'`));
    assert.match(text, /with TaskGroup\(group_id="card_dw__card_txn"/);
  });

  it('compiles, and uses only the pinned provider and TaskGroup', { skip: noPython }, () => {
    const c = spawnSync(python!, ['-m', 'py_compile', join(out, 'tablespec__group__card_daily.py')], { encoding: 'utf8' });
    assert.equal(c.status, 0, c.stderr);
    checkProviderCalls(out, 'tablespec__group__card_daily.py');
  });

  it('refuses a group whose tables are not all among the specs given', () => {
    const other = mkdtempSync(join(tmpdir(), 'd-'));
    const one = dag([join(ws.root, 'specs', 'card_txn.table.yaml'), '--out', other, '--env', 'prod', '--emr-cluster', 'c']);
    assert.equal(one.code, 1);
    assert.match(one.err, /card_dw\.cust_grade/);
    assert.deepEqual(readdirSync(other), []);
  });
});
