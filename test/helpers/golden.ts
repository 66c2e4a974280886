/**
 * Golden files: a test's output compared byte for byte with a file kept in the repository. A test run never
 * writes one: a missing golden file fails (a test that writes what it expects cannot fail), and only
 * `UPDATE_GOLDEN=1` rewrites them, after a deliberate change whose diff is then reviewed and committed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const repo = join(__dirname, '..', '..');

/** Whether this run rewrites the golden files (`UPDATE_GOLDEN=1`). Read at each call, so a test can set it. */
export function updatingGolden(): boolean {
  const flag = process.env.UPDATE_GOLDEN;
  return flag === '1' || flag === 'true';
}

/** Asserts that `actual` equals the golden file; with `UPDATE_GOLDEN=1`, writes it instead. */
export function assertGolden(file: string, actual: string): void {
  const shown = relative(repo, file);
  if (updatingGolden()) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.fail(`the golden file ${shown} is missing: run the test with UPDATE_GOLDEN=1 to write it, then review and commit it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${shown} differs from its golden file (UPDATE_GOLDEN=1 to accept the new output)`);
}
