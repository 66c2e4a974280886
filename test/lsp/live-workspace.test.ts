/**
 * One workspace: an operation started from the editor acts on the server's live workspace (the open,
 * unsaved texts and the editor's settings), not on the files on disk; and `tablespec check` and the
 * language server report the same problems for the same workspace and settings.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeWorkspace } from '../../bench/make-workspace';
import { findSpecFiles } from '../../server/src/workspace/find-files';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

const spec = `table: branch
kind: source
source: { object: CARD.BRANCH }
load: { mode: overwrite }
columns:
  - { name: brnch_cd, oracle: CHAR(4), nullable: false, cleansing: [rtrim] }
  - { name: brnch_nm, oracle: VARCHAR2(100), cleansing: [trim] }
`;

type Result = { operation: string; text: string; detail: string; result: Record<string, unknown> };
type Refusal = { data: { kind: string }; message: string };

describe('operations from the editor act on the live workspace', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'specs/branch.table.yaml': spec });
  let client: LspClient;
  const uri = uriOf(ws.path('specs/branch.table.yaml'));
  const config = uriOf(ws.path('tablespec.yaml'));
  const run = (command: string) => client.request<Result>('workspace/executeCommand', { command, arguments: [{ uri }] });

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

  it('plans the unsaved text of the open spec, not the file on disk', async () => {
    const version = await client.edit(uri, { start: { line: 0, character: 7 }, end: { line: 0, character: 13 } }, 'branch_new');
    await client.diagnosticsFor(uri, (p) => p.version === version);
    const plan = await run('tablespec.server.planText');
    assert.match(plan.detail, /create-table\s+card_dw\.branch_new\b/);
    assert.doesNotMatch(plan.detail, /card_dw\.branch\b/);
  });

  it('plans with the unsaved text of an open tablespec.yaml', async () => {
    await client.open(config, 'defaults:\n  database: card_dw\n');
    await client.edit(config, { start: { line: 1, character: 12 }, end: { line: 1, character: 19 } }, 'card_mart');
    const plan = await run('tablespec.server.planText');
    assert.match(plan.detail, /create-table\s+card_mart\.branch_new\b/);
    await client.close(config);
  });

  it('refuses a spec with an error, and runs it once the editor disables that check', async () => {
    // A join to a table no spec defines: an error (join-unknown-table) that blocks every operation.
    let version = await client.edit(uri, { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, 'joins:\n  - table: card_dw.nowhere\n    on: [brnch_cd]\n');
    let ds = await client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line]),
      [['join-unknown-table', 8]],
    );
    await assert.rejects(run('tablespec.server.planText'), (e: Refusal) => e.data.kind === 'invalid-spec' && /line 9: join-unknown-table/.test(e.message));
    client.settings = { checks: { disabled: ['join-unknown-table', 'oracle-type-limit'] } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    // No error left (the local catalog, made by the first plan, adds table-not-deployed, an info).
    await client.diagnosticsFor(uri, (p) => p.diagnostics.every((d) => d.severity !== 1));
    const plan = await run('tablespec.server.planText');
    assert.match(plan.detail, /create-table\s+card_dw\.branch_new\b/);
    // A check the spec cannot be acted on without still refuses: a column whose type is over Oracle's limit has no type to deploy.
    version = await client.edit(uri, { start: { line: 6, character: 39 }, end: { line: 6, character: 42 } }, '5000');
    ds = await client.diagnosticsFor(uri, (p) => p.version === version);
    assert.deepEqual(
      ds.filter((d) => d.severity === 1),
      [],
    );
    await assert.rejects(run('tablespec.server.planText'), (e: Refusal) => e.data.kind === 'invalid-spec' && /line 7: oracle-type-limit/.test(e.message));
    client.settings = {};
  });
});

describe('a tablespec.yaml in a folder below the editor folder', () => {
  // The editor opens the repository; the team's workspace (its tablespec.yaml) is one folder down.
  const ws = tempWorkspace({ 'README.md': 'repo\n', 'team/tablespec.yaml': 'defaults:\n  database: card_team\n', 'team/specs/branch.table.yaml': spec });
  let client: LspClient;
  const uri = uriOf(ws.path('team/specs/branch.table.yaml'));

  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root);
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('is the workspace of the specs below it, for the checks and the operations, as for tablespec check', async () => {
    assert.deepEqual(await client.diagnosticsFor(uri), []);
    const plan = await client.request<Result>('workspace/executeCommand', { command: 'tablespec.server.planText', arguments: [{ uri }] });
    assert.match(plan.detail, /create-table\s+card_team\.branch\b/);
    const envs = await client.request<{ environments: { name: string }[] }>('workspace/executeCommand', { command: 'tablespec.server.environments', arguments: [{ uri }] });
    assert.deepEqual(
      envs.environments.map((e) => e.name),
      ['local'],
    );
  });
});

describe('the command line and the language server on one workspace', () => {
  let dir: string;
  let client: LspClient;
  const disabled = ['pii-not-encrypted'];

  before(() => {
    dir = makeWorkspace(40, 12);
    writeFileSync(
      join(dir, 'specs', 'bad_joins.table.yaml'),
      'table: bad_joins\nkind: source\nsource: { object: CARD.BAD_JOINS }\nload: { mode: overwrite }\ncolumns:\n  - { name: cust_no, oracle: VARCHAR2(12) }\n  - { name: memo, oracle: VARCHAR2(5000) }\njoins:\n  - table: card_dw.card_aprv_0000\n    on: [cust_no]\n  - table: card_dw.card_aprv_9999\n    on: [cust_no]\n',
    );
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the same problems, at the same places, with the same settings', async () => {
    const cli = spawnSync(process.execPath, [join(__dirname, '..', '..', 'server', 'out', 'cli.js'), 'check', dir, '--format', 'json', '--disable', disabled.join(',')], {
      encoding: 'utf8',
      env: { ...process.env, TABLESPEC_LOCALE: '' },
    });
    assert.equal(cli.status, 1, cli.stderr);
    const fromCli = new Map<string, string[]>();
    for (const p of JSON.parse(cli.stdout) as { file: string; line: number; column: number; endLine: number; endColumn: number; code: string; severity: string }[]) {
      const file = relative(dir, p.file);
      fromCli.set(file, [...(fromCli.get(file) ?? []), `${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.severity} ${p.code}`]);
    }
    client = new LspClient();
    client.settings = { checks: { disabled } };
    await client.initialize(dir);
    const severities = ['', 'error', 'warning', 'info', 'hint'];
    const fromLsp = new Map<string, string[]>();
    for (const file of findSpecFiles([dir])) {
      const ds = await client.diagnosticsFor(uriOf(file), undefined, 60_000);
      if (ds.length)
        fromLsp.set(
          relative(dir, file),
          ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${severities[d.severity!]} ${d.code}`),
        );
    }
    assert.deepEqual(fromLsp, fromCli);
    assert.deepEqual(
      fromLsp.get('specs/bad_joins.table.yaml')!.map((d) => d.split(' ').slice(1).join(' ')),
      ['error oracle-type-limit', 'error join-type-mismatch', 'error join-unknown-table'],
    );
  });
});
