/** The workspace index that the editor and the command-line checker share: what one spec sees of the others. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/config/workspace-config';
import { SpecIndex, type IndexedSpec } from '../../server/src/document/workspace-index';
import { checkFiles } from '../../server/src/workspace/check-files';

const spec = (uri: string, table: string, type = 'string'): IndexedSpec => ({ uri, database: 'card_dw', table, columns: new Map([['cust_no', { type, encrypted: false }]]) });

describe('workspace index', () => {
  it('shows a spec every spec but itself', () => {
    const index = new SpecIndex();
    index.set('a', spec('a', 'cust_master'));
    index.set('b', spec('b', 'card_txn'));
    assert.deepEqual(index.viewFor('a').names(), ['card_dw.card_txn']);
    assert.equal(index.viewFor('a').find('card_dw.cust_master'), undefined);
    assert.equal(index.viewFor('b').find('CARD_DW.CUST_MASTER')?.uri, 'a');
  });

  it('still finds a table that another file also claims', () => {
    const index = new SpecIndex();
    index.set('a', spec('a', 'cust_master'));
    index.set('copy', spec('copy', 'cust_master'));
    assert.equal(index.viewFor('a').find('card_dw.cust_master')?.uri, 'copy');
    assert.equal(index.viewFor('copy').find('card_dw.cust_master')?.uri, 'a');
  });

  it('reports a change only when what others see changes', () => {
    const index = new SpecIndex();
    assert.equal(index.set('a', spec('a', 'cust_master')), true);
    assert.equal(index.set('a', spec('a', 'cust_master')), false);
    assert.equal(index.set('a', spec('a', 'cust_master', 'bigint')), true);
    assert.equal(index.viewFor('b').find('card_dw.cust_master')?.columns.get('cust_no')?.type, 'bigint');
    index.delete('a');
    assert.deepEqual(index.viewFor('b').names(), []);
  });

  it('gives the command-line checker the same view as the editor: a join to the spec itself does not resolve', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tablespec-index-'));
    writeFileSync(join(dir, 'tablespec.yaml'), 'defaults:\n  database: card_dw\n');
    const text = (table: string, joinTo: string) =>
      `table: ${table}\nkind: source\nsource: { object: CARD.${table.toUpperCase()} }\nload: { mode: overwrite }\ncolumns:\n  - { name: cust_no, oracle: VARCHAR2(12) }\njoins:\n  - table: ${joinTo}\n    on: [cust_no]\n`;
    writeFileSync(join(dir, 'cust_master.table.yaml'), text('cust_master', 'card_dw.cust_master'));
    writeFileSync(join(dir, 'card_txn.table.yaml'), text('card_txn', 'card_dw.cust_master'));
    const run = checkFiles([dir], defaultSettings);
    const codes = Object.fromEntries(run.files.map((f) => [f.path.slice(dir.length + 1), f.problems.map((p) => p.code)]));
    assert.deepEqual(codes, { 'card_txn.table.yaml': [], 'cust_master.table.yaml': ['join-unknown-table'] });
  });
});
