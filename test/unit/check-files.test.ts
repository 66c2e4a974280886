/** Checking a workspace from disk (the command-line checker): one parse per spec, and nothing of a spec's tree kept. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type * as yaml from 'yaml';
import { defaultSettings } from '../../server/src/config/workspace-config';
import { checkFiles } from '../../server/src/workspace/check-files';

const spec = (table: string, joinTo?: string, type = 'NUMBER(12)') =>
  `table: ${table}\nkind: source\nsource: { object: CARD.${table.toUpperCase()} }\nload: { mode: overwrite }\ncolumns:\n  - name: cust_no\n    oracle: ${type}\n  - name: sale_amt\n    oracle: NUMBER(15,2)\n${joinTo ? `joins:\n  - table: ${joinTo}\n    on: [cust_no]\n` : ''}`;

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tablespec-check-files-'));
  made.push(dir);
  writeFileSync(join(dir, 'tablespec.yaml'), 'defaults:\n  database: card_dw\n');
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'a', 'cust_master.table.yaml'), spec('cust_master'));
  writeFileSync(join(dir, 'a', 'card_txn.table.yaml'), spec('card_txn', 'card_dw.cust_master'));
  writeFileSync(join(dir, 'a', 'card_bad.table.yaml'), spec('card_bad', 'card_dw.cust_master', 'VARCHAR2(12)'));
  // Not checked when only a/ is: indexed, for the join below.
  writeFileSync(join(dir, 'b', 'acct_master.table.yaml'), spec('acct_master'));
  writeFileSync(join(dir, 'a', 'acct_txn.table.yaml'), spec('acct_txn', 'card_dw.acct_master'));
  return dir;
}

/** How many times each text was given to the yaml package's parser during `run`. */
function parsesDuring(run: () => void): Map<string, number> {
  // The package's own exports object, which the checker's bundle and tsx's imports read at each call.
  const parser = require('yaml') as { parseDocument: typeof yaml.parseDocument };
  const original = parser.parseDocument;
  const counts = new Map<string, number>();
  parser.parseDocument = ((text: string, ...rest: unknown[]) => {
    counts.set(text, (counts.get(text) ?? 0) + 1);
    return (original as (...a: unknown[]) => ReturnType<typeof yaml.parseDocument>)(text, ...rest);
  }) as typeof yaml.parseDocument;
  try {
    run();
  } finally {
    parser.parseDocument = original;
  }
  return counts;
}

describe('checking a workspace from disk', () => {
  it('parses each spec once, whether it is checked or only indexed for joins, and resolves every join', () => {
    const dir = workspace();
    let codes: Record<string, string[]> = {};
    const counts = parsesDuring(() => {
      const run = checkFiles([join(dir, 'a')], defaultSettings);
      codes = Object.fromEntries(run.files.map((f) => [f.path.slice(dir.length + 1), f.problems.map((p) => p.code)]));
    });
    assert.deepEqual(codes, { 'a/acct_txn.table.yaml': [], 'a/card_bad.table.yaml': ['join-type-mismatch'], 'a/card_txn.table.yaml': [], 'a/cust_master.table.yaml': [] });
    const texts = ['a/cust_master', 'a/card_txn', 'a/card_bad', 'a/acct_txn', 'b/acct_master'].map((f) =>
      spec(f.slice(2), f === 'a/card_txn' || f === 'a/card_bad' ? 'card_dw.cust_master' : f === 'a/acct_txn' ? 'card_dw.acct_master' : undefined, f === 'a/card_bad' ? 'VARCHAR2(12)' : undefined),
    );
    assert.deepEqual(
      texts.map((t) => counts.get(t) ?? 0),
      [1, 1, 1, 1, 1],
    );
  });

  it('keeps no model of the files it checks unless asked', () => {
    const dir = workspace();
    assert.deepEqual(
      checkFiles([join(dir, 'a')], defaultSettings).files.map((f) => f.model),
      [undefined, undefined, undefined, undefined],
    );
    assert.deepEqual(
      checkFiles([join(dir, 'a', 'card_txn.table.yaml')], defaultSettings, undefined, undefined, undefined, { models: true }).files.map((f) => f.model?.table),
      ['card_txn'],
    );
  });
});
