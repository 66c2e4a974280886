/** The golden-file comparison: a missing golden file fails and is not written; only UPDATE_GOLDEN=1 writes. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { assertGolden } from '../helpers/golden';

const dir = mkdtempSync(join(tmpdir(), 'tablespec-golden-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const flag = process.env.UPDATE_GOLDEN;
afterEach(() => {
  if (flag === undefined) delete process.env.UPDATE_GOLDEN;
  else process.env.UPDATE_GOLDEN = flag;
});

describe('golden files', () => {
  it('fails on a missing golden file, names the flag that writes it, and writes nothing', () => {
    delete process.env.UPDATE_GOLDEN;
    const file = join(dir, 'missing', 'upsert.athena.sql');
    assert.throws(
      () => assertGolden(file, 'SELECT 1;\n'),
      (e: Error) => e instanceof assert.AssertionError && /UPDATE_GOLDEN=1/.test(e.message) && e.message.includes('upsert.athena.sql'),
    );
    assert.equal(existsSync(file), false);
  });

  it('fails when the output differs, and leaves the golden file as it was', () => {
    delete process.env.UPDATE_GOLDEN;
    const file = join(dir, 'differs.sql');
    writeFileSync(file, 'SELECT 1;\n');
    assert.throws(() => assertGolden(file, 'SELECT 2;\n'), assert.AssertionError);
    assert.equal(readFileSync(file, 'utf8'), 'SELECT 1;\n');
    assertGolden(file, 'SELECT 1;\n');
  });

  it('writes (and rewrites) golden files only under UPDATE_GOLDEN=1', () => {
    process.env.UPDATE_GOLDEN = '1';
    const file = join(dir, 'new', 'card_txn.py');
    assertGolden(file, 'a\n');
    assert.equal(readFileSync(file, 'utf8'), 'a\n');
    assertGolden(file, 'b\n');
    assert.equal(readFileSync(file, 'utf8'), 'b\n');
    process.env.UPDATE_GOLDEN = '0';
    assert.throws(() => assertGolden(join(dir, 'not-written.sql'), 'x'), assert.AssertionError);
    assert.equal(existsSync(join(dir, 'not-written.sql')), false);
  });
});
