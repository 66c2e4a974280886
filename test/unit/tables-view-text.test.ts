/** What the TableSpec view says of a table, in English and Korean, with a stand-in for vscode.l10n. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Api } from '../../client/src/client-text';
import { environmentDescription, tableDescription, tableTooltip } from '../../client/src/tables-view-text';
import type { TableNode } from '../../server/src/protocol/tables-view';

function api(language: string): Api {
  const bundle = language === 'ko' ? (JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>) : {};
  return { env: { language }, l10n: { t: (message, ...args) => (bundle[message] ?? message).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) } };
}

// Local time in the test's zone: the view shows the editor's time.
const at = new Date(2026, 10, 2, 9, 5).toISOString();
const table: TableNode = {
  database: 'card_dw',
  table: 'branch',
  uri: 'file:///w/specs/branch.table.yaml',
  checks: { errors: 1, warnings: 2, infos: 0 },
  catalog: 'drifted',
  drift: ['catalog-type-differs'],
  lastLoad: { at, result: 'ok', user: 'kim', rows: 1234, rejected: 2 },
  lastReconcile: { at, result: 'failed', user: 'kim', rows: 1234, matched: false },
  attention: ['errors', 'drifted', 'rejected-values', 'reconcile-mismatch'],
};

describe('TableSpec view sentences', () => {
  it('sums a table up on one line', () => {
    assert.equal(tableDescription(api('en'), table), '✗1 · ⚠2 · drifted · load ✓ 1,234 11-02 09:05 · 2 rejected · reconcile ✗');
    assert.equal(tableDescription(api('ko'), table), '✗1 · ⚠2 · 불일치 · 적재 ✓ 1,234 11-02 09:05 · 변환 실패 2 · 대사 ✗');
    assert.equal(tableDescription(api('en'), { ...table, checks: { errors: 0, warnings: 0, infos: 3 }, catalog: 'unknown', lastLoad: undefined, lastReconcile: undefined, attention: [] }), '');
  });

  it('says each fact and why to look in the hover', () => {
    assert.equal(
      tableTooltip(api('en'), table, 'dev'),
      [
        'card_dw.branch · dev',
        'Checks: errors 1, warnings 2, notes 0',
        'Catalog: drifted (catalog-type-differs)',
        'Last load: ✓ ok · 11-02 09:05 · kim · 1,234 rows · 2 rejected',
        'Last reconcile: ✗ failed · 11-02 09:05 · kim · 1,234 rows',
        'Needs attention: the spec has errors; the deployed table differs from the spec; the last load had values that did not convert; the row counts did not match',
      ].join('\n'),
    );
    assert.match(tableTooltip(api('ko'), table, 'dev'), /^확인 필요: 스펙에 오류가 있음; 배포된 테이블이 스펙과 다름;/m);
  });

  it('describes an environment', () => {
    assert.equal(environmentDescription(api('en'), { engine: 'athena', region: 'ap-northeast-2', protected: true, current: true }), 'athena · ap-northeast-2 · protected · current');
    assert.equal(environmentDescription(api('ko'), { engine: 'duckdb', protected: false, current: false }), 'duckdb');
  });
});
