/**
 * Quick fixes: every fix of every fixture, applied, removes the problem it fixes and leaves valid YAML;
 * and the fixes users reach for most produce exactly the text expected.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, defaultSettings } from '../../server/src/config/workspace-config';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { emptyWorkspace } from '../../server/src/document/workspace-index';
import { applyEdits } from '../helpers/apply-edits';
import { checkFolder, fixtures } from '../helpers/fixture-workspace';

const env = { config: { ...defaultConfig, defaultDatabase: 'card_dw' }, settings: defaultSettings, workspace: emptyWorkspace };
const check = (text: string) => createSpecChecker()(text, env).problems;

describe('every fix of every fixture', () => {
  const all = [...checkFolder(join(fixtures, 'checks')), ...checkFolder(join(fixtures, 'source'))];
  for (const [file, { text, result, recheck }] of all) {
    for (const p of result.problems) {
      for (const fix of p.fixes ?? []) {
        it(`${file}: ${p.code} → ${fix.title}`, () => {
          const fixed = applyEdits(text, fix.edits);
          const after = recheck(fixed).problems;
          assert.deepEqual(
            after.filter((q) => q.code === 'yaml-syntax' || q.code === 'duplicate-key'),
            [],
            'the fix leaves valid YAML',
          );
          const line = text.slice(0, p.start).split('\n').length;
          const stillThere = after.filter((q) => q.code === p.code && fixed.slice(0, q.start).split('\n').length === line);
          assert.deepEqual(
            stillThere.map((q) => q.message),
            [],
            'the problem is gone',
          );
        });
      }
    }
  }
});

function fixed(text: string, code: string, title?: RegExp): string {
  const p = check(text).find((q) => q.code === code);
  assert.ok(p, `expected a ${code} problem`);
  const fix = title ? p.fixes?.find((f) => title.test(f.title)) : p.fixes?.[0];
  assert.ok(fix, `expected a fix for ${code}`);
  return applyEdits(text, fix.edits);
}

const head = 'table: t\nkind: source\nsource: { object: CARD.T }\nload: { mode: overwrite }\ncolumns:\n';

describe('fix results', () => {
  it('adds pii and encrypt to a block column', () => {
    assert.equal(fixed(`${head}  - name: rrno\n    oracle: VARCHAR2(13)\n`, 'pii-not-encrypted', /Mark as/), `${head}  - name: rrno\n    oracle: VARCHAR2(13)\n    pii: rrn\n    encrypt: sha256\n`);
  });
  it('adds pii and encrypt to a flow column', () => {
    assert.equal(fixed(`${head}  - { name: card_no, oracle: VARCHAR2(16) }\n`, 'pii-not-encrypted', /Mark as/), `${head}  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256 }\n`);
  });
  it('adds rtrim to an existing flow list', () => {
    assert.equal(
      fixed(`${head}  - name: cd\n    oracle: CHAR(3)\n    cleansing: [empty_to_null]\n`, 'char-without-rtrim'),
      `${head}  - name: cd\n    oracle: CHAR(3)\n    cleansing: [empty_to_null, rtrim]\n`,
    );
  });
  it('adds rtrim to an existing block list', () => {
    assert.equal(
      fixed(`${head}  - name: cd\n    oracle: CHAR(3)\n    cleansing:\n      - empty_to_null\n`, 'char-without-rtrim'),
      `${head}  - name: cd\n    oracle: CHAR(3)\n    cleansing:\n      - empty_to_null\n      - rtrim\n`,
    );
  });
  it('adds a conversion rule to a mart column', () => {
    const mart = head.replace('kind: source', 'kind: mart');
    assert.equal(fixed(`${mart}  - name: amt\n    oracle: NUMBER(10)\n`, 'conversion-missing'), `${mart}  - name: amt\n    oracle: NUMBER(10)\n    cleansing: [to_number]\n`);
  });
  it('lower-cases a name', () => {
    assert.equal(fixed('table: Cust_T\n', 'name-not-lowercase'), 'table: cust_t\n');
  });
  it('adds the key columns of an upsert', () => {
    const text = 'table: t\nkind: source\nsource: { object: CARD.T }\nload:\n  mode: upsert\ncolumns:\n  - { name: cust_no, oracle: NUMBER(12), nullable: false }\n';
    assert.equal(fixed(text, 'upsert-without-keys'), text.replace('  mode: upsert\n', '  mode: upsert\n  keys: [cust_no]\n'));
  });
  it('sets the suggested load mode', () => {
    const text = 'table: t\nkind: source\nsource: { object: CARD.T, size_gb: 1 }\nload:\n  partition_by: []\ncolumns:\n  - { name: cd, oracle: VARCHAR2(2) }\n';
    assert.equal(fixed(text, 'load-mode-suggestion'), text.replace('  partition_by: []\n', '  partition_by: []\n  mode: overwrite\n'));
  });
  it('renames a misspelt key', () => {
    assert.equal(fixed('table: t\ndescripton: x\n', 'unknown-key'), 'table: t\ndescription: x\n');
  });
});

describe('source fixes', () => {
  it('adds the source columns the spec lacks, as import would write them, and they check clean', () => {
    const [, entry] = [...checkFolder(join(fixtures, 'source'))].find(([f]) => f === 'card-txn.table.yaml')!;
    const p = entry.result.problems.find((q) => q.code === 'source-columns-unmapped')!;
    const fixed = applyEdits(entry.text, p.fixes![0]!.edits);
    assert.match(fixed, /  - name: memo\n    oracle: CLOB\n    comment: 메모\n  - name: mixed_col\n    source: Mixed Col\n    oracle: VARCHAR2\(10\)\n$/);
    const after = entry.recheck(fixed).problems;
    assert.deepEqual(
      after.filter((q) => q.code === 'source-columns-unmapped' || q.severity === 'error').map((q) => q.code),
      [],
    );
  });
});
