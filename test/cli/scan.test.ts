/**
 * The built `tablespec scan`: a 1-million-row extract with planted personal data, and a clean one of the
 * same shape. The planted data is found (counted, masked, declared or not), the clean extract gives
 * nothing, and no value reaches the output unmasked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as gen from '../helpers/pii-values';
import { tempWorkspace } from '../helpers/temp-workspace';

const cli = join(__dirname, '..', '..', 'server', 'out', 'cli.js');
const ROWS = 1_000_000;

function spec(table: string): string {
  return `table: ${table}
database: card_dw
kind: source
source: { object: CARD.${table.toUpperCase()} }
load: { mode: overwrite }
columns:
  - name: cust_no
    oracle: NUMBER(12)
  - name: cust_ref
    oracle: VARCHAR2(14)
    comment: 참조값
  - name: memo
    oracle: VARCHAR2(200)
  - name: ctc
    oracle: VARCHAR2(20)
    pii: phone
    encrypt: sha256
  - name: amt
    oracle: NUMBER(15,2)
  - name: reg_dt
    oracle: VARCHAR2(10)
`;
}

/** Writes an extract of ROWS rows; `planted` puts RRNs in cust_ref, cards and phones in 1 % of memos, phones in ctc. */
function writeExtract(path: string, planted: boolean, seed: number): string[] {
  const r = gen.rng(seed);
  const fd = openSync(path, 'w');
  const plantedValues: string[] = [];
  let chunk = 'cust_no,cust_ref,memo,ctc,amt,reg_dt\n';
  for (let i = 0; i < ROWS; i++) {
    const ref = planted ? (i % 10 === 0 ? gen.rrnAfter2020(r) : gen.rrn(r)) : `R${gen.cleanValue(r, 'id13')}`;
    let memo = gen.cleanValue(r, 'memo');
    if (planted && i % 100 === 7) memo = i % 200 === 7 ? `카드 ${gen.cardNumber(r)} 분실 신고` : `연락처 ${gen.mobile(r)} 로 회신 요청`;
    const ctc = planted ? gen.mobile(r) : gen.cleanValue(r, 'code');
    if (planted && i < 50) plantedValues.push(ref);
    chunk += `${100000000000 + i},${ref},"${memo}",${ctc},${gen.cleanValue(r, 'amount')},${gen.cleanValue(r, 'date')}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return plantedValues;
}

interface Finding {
  column: string;
  kind: string;
  within: string;
  matched: number;
  sampled: number;
  declared: boolean;
  example: string;
}

describe('tablespec scan', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'planted.table.yaml': spec('planted'), 'clean.table.yaml': spec('clean') });
  let plantedValues: string[] = [];
  before(() => {
    ws.write('data/.keep', '');
    plantedValues = writeExtract(ws.path('data/planted.csv'), true, 1);
    writeExtract(ws.path('data/clean.csv'), false, 2);
  });
  after(() => ws.remove());
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, 'scan', ...args], { cwd: ws.root, encoding: 'utf8', env: { ...process.env, TABLESPEC_LOCALE: '' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('finds the planted personal data in a 1-million-row extract, counted and masked', () => {
    const r = run('planted.table.yaml', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const [report] = JSON.parse(r.stdout) as { rows: number; from: string; findings: Finding[] }[];
    assert.equal(report!.rows, 100_000);
    assert.equal(report!.from, 'staging');
    const got = report!.findings.map((f) => [f.column, f.kind, f.within, f.declared]).sort();
    assert.deepEqual(got, [
      ['ctc', 'phone', 'value', true],
      ['cust_ref', 'rrn', 'value', false],
      ['memo', 'card_no', 'text', false],
      ['memo', 'phone', 'text', false],
    ]);
    const ref = report!.findings.find((f) => f.column === 'cust_ref')!;
    assert.equal(ref.sampled, 100_000);
    assert.equal(ref.matched, 100_000);
    assert.match(ref.example, /^\d{2}\*{4}-\*{7}$/);
    const memo = report!.findings.filter((f) => f.column === 'memo');
    // 1 % of the rows carry a card or a phone number: about 500 of each in a 100,000-row sample.
    for (const f of memo) assert.ok(f.matched > 350 && f.matched < 650, `${f.kind} ${f.matched}`);
  });

  it('prints compiler-style lines at the column, and never a value unmasked', () => {
    const r = run('planted.table.yaml');
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(
      lines.some((l) => l.startsWith(`${ws.path('planted.table.yaml')}:9:11: warning pii-in-values `)),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => l.startsWith(`${ws.path('planted.table.yaml')}:12:11: warning pii-in-values `)),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => l.startsWith(`${ws.path('planted.table.yaml')}:12:11: info pii-in-values `)),
      r.stdout,
    );
    for (const v of plantedValues) assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v));
    assert.doesNotMatch(r.stdout, /\d{6}-\d{7}|\d{4}-\d{4}-\d{4}-\d{4}|010-\d{4}-\d{4}/);
  });

  it('finds nothing in the clean extract, and exits 0', () => {
    const r = run('clean.table.yaml', '--format', 'json');
    assert.deepEqual(JSON.parse(r.stdout)[0].findings, []);
    assert.equal(r.code, 0, r.stderr);
  });

  it('bounds the sample', () => {
    const r = run('clean.table.yaml', '--sample', '1000', '--format', 'json');
    assert.equal(JSON.parse(r.stdout)[0].rows, 1000);
    for (const bad of ['0', '1000001', 'many']) assert.equal(run('clean.table.yaml', '--sample', bad).code, 2, bad);
    assert.equal(run('clean.table.yaml', '--from', 'somewhere').code, 2);
  });

  it('says what is missing when there is neither an extract nor a loaded table', () => {
    ws.write('orphan.table.yaml', spec('orphan'));
    const r = run('orphan.table.yaml', '--format', 'json');
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout)[0].error.kind, 'not-found');
  });
});
