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
    assert.deepEqual(
      JSON.parse(check.stdout).filter((p: { severity: string }) => p.severity === 'error'),
      [],
    );
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
    assert.match(r.stderr, /^tablespec: error import-table-not-found /m);
    assert.equal(run(ws.root, 'import', '--out', 'specs').status, 2);
    assert.equal(run(ws.root, 'import', '--dictionary', 'missing.csv', '--out', 'specs').status, 2);
  });

  it('prints each problem of the input as file:line: severity code, and exits 1', () => {
    ws.write('broken.csv', 'OWNER,TABLE_NAME,COLUMN_NAME,DATA_TYPE\nCARD,BROKEN,A,NUMBER\nCARD,BROKEN,,DATE\n');
    ws.write('broken.sql', 'CREATE TABLE NO_OWNER (A NUMBER(1));\nCREATE TABLE CARD.T_COPY AS SELECT * FROM CARD.T;\n');
    const dict = run(ws.root, 'import', '--dictionary', 'broken.csv', '--out', 'specs');
    assert.equal(dict.status, 1);
    assert.deepEqual(
      dict.stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => /^(\S+): (\w+) ([a-z-]+) /.exec(l)?.slice(1)),
      [['broken.csv:3', 'error', 'dictionary-row-incomplete']],
    );
    const ddlRun = run(ws.root, 'import', '--ddl', 'broken.sql', '--out', 'specs');
    assert.equal(ddlRun.status, 1);
    assert.deepEqual(
      ddlRun.stderr
        .split('\n')
        .filter(Boolean)
        .map((l) => /^(\S+): (\w+) ([a-z-]+) /.exec(l)?.slice(1)),
      [
        ['broken.sql:1', 'error', 'ddl-owner-missing'],
        ['broken.sql:2', 'error', 'ddl-column-list-missing'],
      ],
    );
  });
});
