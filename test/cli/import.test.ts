/** `tablespec import`: specs written from a dictionary or DDL, never overwritten silently. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fixtures } from '../helpers/fixture-workspace';
import { tempWorkspace } from '../helpers/temp-workspace';

const cli = join(__dirname, '..', '..', 'server', 'out', 'cli.js');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

describe('tablespec import', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n' });
  after(() => ws.remove());
  const dictionary = join(fixtures, 'oracle', 'all_tab_columns.csv');
  const ddl = join(fixtures, 'oracle', 'card_tables.sql');

  it('writes one spec per table, and they check with no error', () => {
    const r = run(ws.root, 'import', '--dictionary', dictionary, '--out', 'specs');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /specs\/cust_master.table.yaml: written; left out 2 columns/);
    const ddlRun = run(ws.root, 'import', '--ddl', ddl, '--out', 'specs', '--tables', 'CUST_CARD_MASTER,CARD.CARD_APRV_HIST');
    assert.equal(ddlRun.status, 0, ddlRun.stderr);
    const check = run(ws.root, 'check', 'specs', '--format', 'json');
    assert.equal(check.status, 0, check.stdout);
    assert.deepEqual(JSON.parse(check.stdout).filter((p: { severity: string }) => p.severity === 'error'), []);
  });

  it('shows what it would change in an existing spec, and writes it only with --yes', () => {
    const path = ws.path('specs/card_txn.table.yaml');
    const edited = readFileSync(path, 'utf8').replace('mode: upsert', 'mode: append');
    ws.write('specs/card_txn.table.yaml', edited);
    const r = run(ws.root, 'import', '--dictionary', dictionary, '--out', 'specs', '--tables', 'CARD_TXN');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /-  mode: append\n\+  mode: upsert/);
    assert.equal(readFileSync(path, 'utf8'), edited);
    const yes = run(ws.root, 'import', '--dictionary', dictionary, '--out', 'specs', '--tables', 'CARD_TXN', '--yes');
    assert.equal(yes.status, 0);
    assert.match(readFileSync(path, 'utf8'), /mode: upsert/);
  });

  it('says which tables it did not find, and exits 2 on bad usage', () => {
    const r = run(ws.root, 'import', '--dictionary', dictionary, '--out', 'specs', '--tables', 'NO_SUCH');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /table NO_SUCH is not in/);
    assert.equal(run(ws.root, 'import', '--out', 'specs').status, 2);
    assert.equal(run(ws.root, 'import', '--dictionary', 'missing.csv', '--out', 'specs').status, 2);
  });
});
