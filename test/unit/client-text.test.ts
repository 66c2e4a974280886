/** The client's count-dependent sentences, with a stand-in for vscode.l10n (English and Korean bundles). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importSummary, loadMessage, overwriteQuestion, toastText, type Api } from '../../client/src/client-text';

function api(language: string): Api {
  const bundle = language === 'ko' ? (JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>) : {};
  return { env: { language }, l10n: { t: (message, ...args) => (bundle[message] ?? message).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) } };
}
const en = api('en');
const ko = api('ko');

describe('client sentences', () => {
  it('says a cancelled overwrite imported nothing, and what it left', () => {
    assert.equal(importSummary(en, [{ status: 'changed' }, { status: 'unchanged' }]), 'Nothing imported. 1 changed spec was left as it was.');
    assert.equal(importSummary(en, [{ status: 'new' }, { status: 'changed' }, { status: 'changed' }]), 'Imported 1 table into specs/. 2 changed specs were left as they were.');
    assert.equal(importSummary(en, [{ status: 'new' }, { status: 'written' }]), 'Imported 2 tables into specs/.');
    assert.equal(importSummary(en, [{ status: 'unchanged' }]), 'Nothing to import: the specs are up to date.');
    assert.equal(importSummary(ko, [{ status: 'written' }]), '테이블 1개를 specs/에 가져왔습니다.');
  });

  it('uses the singular for one, in English', () => {
    assert.equal(overwriteQuestion(en, 1), '1 existing spec would change (the diff is in the log).');
    assert.equal(overwriteQuestion(en, 3), '3 existing specs would change (the diffs are in the log).');
  });

  it('separates the load summary from the values that did not convert', () => {
    assert.equal(
      loadMessage(en, 'card_dw.t (local, overwrite): 4 rows staged, 0 → 4 rows', [
        ['amt', 2],
        ['dt', 1],
      ]),
      'card_dw.t (local, overwrite): 4 rows staged, 0 → 4 rows. Values that did not convert: amt 2, dt 1.',
    );
    assert.equal(loadMessage(en, 'card_dw.t (local, overwrite): 4 rows staged, 0 → 4 rows', []), 'card_dw.t (local, overwrite): 4 rows staged, 0 → 4 rows');
  });

  it('shows the errors of a refused spec in the toast, not only the line that announces them', () => {
    assert.equal(
      toastText('specs/x.table.yaml has 2 errors; fix them first:\n  line 6: oracle-type-limit NUMBER precision must be 1 to 38; found 39.\n  line 7: unknown-key Unknown key `oracel`.'),
      'specs/x.table.yaml has 2 errors; fix them first: line 6: oracle-type-limit NUMBER precision must be 1 to 38; found 39. · line 7: unknown-key Unknown key `oracel`.',
    );
    assert.equal(toastText('Cancelled.'), 'Cancelled.');
  });
});
