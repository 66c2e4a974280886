/**
 * Verify against a source on another engine, as `--against oracle` runs it: whole tables compared (no
 * batch left out), the portable hash on both sides, the report saying what the source was. No Oracle runs
 * here: the source engine is a second local DuckDB connection computing the extract in the portable form
 * (the Oracle dialect of the same SQL is checked by test/unit/verify-oracle-sql.test.ts), so that what is
 * tested is the orchestration of a source that is not a loaded table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openLocalBackend } from '../../server/src/backends/local/duckdb-backend';
import { runOperation } from '../../server/src/commands/run-operation';
import { loadSpec } from '../../server/src/ops/spec-context';
import { verify, type SideEngine } from '../../server/src/ops/verify';
import { workspacePath } from '../../server/src/ops/spec-context';
import { extractSide } from '../../server/src/sql/verify-sql';
import { tempWorkspace } from '../helpers/temp-workspace';

const salt = 'source-engine-salt-0123456789';
const spec = `table: card_txn
kind: source
source: { object: CARD.CARD_TXN, primary_key: [txn_id] }
load: { mode: append, partition_by: [base_dt] }
columns:
  - { name: txn_id, oracle: NUMBER(12), nullable: false }
  - { name: base_dt, oracle: DATE, type: date }
  - { name: amt, oracle: "NUMBER(15,2)" }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256 }
`;
const csv = (ids: number[], day: string) => ['TXN_ID,BASE_DT,AMT,CARD_NO', ...ids.map((id) => `${id},${day},${(id * 1.25).toFixed(2)},${4000_0000_0000_0000 + id}`)].join('\n') + '\n';

describe('verify against a source engine that is not a loaded table', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'specs/card_txn.table.yaml': spec, 'data/card_txn.csv': csv([1, 2, 3, 4, 5], '2024-01-01') });
  const file = ws.path('specs/card_txn.table.yaml');
  after(() => ws.remove());
  before(async () => {
    await runOperation({ operation: 'deploy', file, environment: 'local', confirmation: { yes: true } });
    await runOperation({ operation: 'load', file, environment: 'local', salt, confirmation: { yes: true } });
    // A second batch of the append: the table holds both days; "the source" below holds both too.
    ws.write('data/card_txn.csv', csv([6, 7, 8], '2024-01-02'));
    await runOperation({ operation: 'load', file, environment: 'local', salt, confirmation: { yes: true } });
  });

  it('compares whole tables with the portable hash, and says the source was Oracle', async () => {
    const ctx = loadSpec(file, 'local');
    // Both days as the source holds them: the portable form of the load's own SQL over both extracts.
    ws.write('data/all.csv', csv([1, 2, 3, 4, 5], '2024-01-01') + csv([6, 7, 8], '2024-01-02').split('\n').slice(1).join('\n'));
    const side = { ...extractSide(ctx.plan, workspacePath(ctx.root, 'data/all.csv'), salt), flavor: 'duckdb-portable' as const };
    const target = await openLocalBackend(ws.path('.tablespec/local.duckdb'));
    const source = await openLocalBackend(':memory:');
    const sent: string[] = [];
    const engine: SideEngine = { dialect: 'oracle', description: 'Oracle (stand-in)', query: (sql, o) => (sent.push(sql), source.query(sql, o)) };
    try {
      const r = await verify(ctx, target, { against: { oracle: engine, object: 'CARD.CARD_TXN', side } });
      assert.equal(r.agree, true, JSON.stringify(r, null, 2));
      assert.deepEqual([r.against, r.source, r.counts.partitions, r.counts.source, r.counts.target], ['oracle', 'CARD.CARD_TXN', 2, 8, 8]);
      assert.ok(r.notes.some((n) => /Against Oracle/.test(n)));
      // The source ran two queries (tiers 1-2 in one, the tier-3 sample), both with the portable MD5 form, not DuckDB's hash().
      assert.equal(sent.length, 2);
      assert.ok(sent.every((s) => /md5\(/.test(s) && !/[^a-z0-9_]hash\(/.test(s)));

      // A row the source lost since the load: extra in the table, found with its key.
      const fewer = { ...side, relation: side.relation.replace(/\) AS source_side$/, ' WHERE "txn_id" <> 7) AS source_side') };
      const d = await verify(ctx, target, { tier: 2, against: { oracle: engine, object: 'CARD.CARD_TXN', side: fewer } });
      assert.deepEqual([d.agree, d.counts.differing], [false, [{ partition: { base_dt: '2024-01-02' }, source: 2, target: 3 }]]);
      assert.deepEqual(
        d.checksums!.rows.map((x) => [x.key, x.kind]),
        [[{ txn_id: '7' }, 'extra']],
      );
    } finally {
      await target.close();
      await source.close();
    }
  });
});
