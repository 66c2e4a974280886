/** The labelled column list: no trap raises anything, and the detector finds nearly all personal data. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluatePii, readLabelled } from '../helpers/pii-labelled';

const rows = readLabelled(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'pii', 'labelled-columns.tsv'), 'utf8'));
const r = evaluatePii(rows);

describe('labelled personal-data list', () => {
  it('holds at least 300 rows, with traps of every kind the issue names', () => {
    assert.ok(rows.length >= 300, `${rows.length} rows`);
    for (const g of ['trap-counter', 'trap-flag', 'trap-code', 'trap-date', 'trap-mask', 'trap-verify', 'trap-thing', 'trap-hash'])
      assert.ok(
        rows.some((x) => x.group === g),
        g,
      );
  });
  it('raises nothing on a trap', () =>
    assert.deepEqual(
      r.trapAlarms.map((x) => x.name),
      [],
    ));
  it('raises nothing on any column labelled not personal data', () => assert.equal(r.precisionAny, 1));
  it('finds at least 98 % of the personal data, of the right kind', () => assert.ok(r.recallKind >= 0.98, `recall ${r.recallKind}`));
  it('finds every card verification code', () => assert.deepEqual(rows.filter((x) => x.kind === 'cvc').length, r.kinds.find((k) => k.kind === 'cvc')?.correct));
});
