/** The scan's sampling queries: names quoted for their dialect, the bound a whole number, no value in the text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, defaultSettings, localEnvironment } from '../../server/src/config/workspace-config';
import { sampleStagingDuckdb, sampleTableAthena, sampleTableDuckdb } from '../../server/src/privacy/sample-sql';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { emptyWorkspace } from '../../server/src/document/workspace-index';
import { normalizeTable } from '../../server/src/sql/normalized-table';

const spec = `table: memo
database: card_dw
kind: source
source: { object: CARD.MEMO, staging: { location: "data/it's.csv" } }
load: { mode: overwrite }
columns:
  - { name: "order", source: ORD_NO, oracle: VARCHAR2(10) }
  - { name: note, oracle: VARCHAR2(200) }
`;
const plan = normalizeTable(createSpecChecker()(spec, { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace }).model, localEnvironment);

describe('sampling SQL', () => {
  it('DuckDB, the extract: a seeded reservoir sample, packed per 65,536 rows, reserved names quoted, the path a literal', () => {
    const sql = sampleStagingDuckdb(plan, "/ws/data/it's.csv", 100000, ['order', 'note']);
    assert.match(
      sql,
      /^SELECT count\(\*\) AS "tablespec__n", count\("order"\) AS "tablespec__n0", string_agg\(replace\("order", chr\(30\), ' '\), chr\(30\)\) AS "tablespec__v0", count\("note"\) AS "tablespec__n1", /,
    );
    assert.match(sql, /FROM \(SELECT CAST\("order" AS VARCHAR\) AS "order", CAST\("note" AS VARCHAR\) AS "note" FROM read_csv\('\/ws\/data\/it''s\.csv', /);
    assert.match(sql, / USING SAMPLE reservoir\(100000 ROWS\) REPEATABLE \(7\)\)\) GROUP BY "tablespec__g"$/);
  });
  it('DuckDB, the table; Athena, the table with a LIMIT', () => {
    assert.match(sampleTableDuckdb(plan, 1000.7, ['note']), /FROM "card_dw"\."memo" USING SAMPLE reservoir\(1000 ROWS\) REPEATABLE \(7\)\)\) GROUP BY "tablespec__g"$/);
    assert.match(sampleTableAthena(plan, 5000, ['order']), /^SELECT CAST\("order" AS varchar\) AS "order" FROM "?card_dw"?\."?memo"? LIMIT 5000$/);
  });
});
