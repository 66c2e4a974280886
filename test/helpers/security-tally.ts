/**
 * For the security suite: what a DuckDB database holds (to prove that nothing ran), and the counts of
 * probes tried, refused, harmless and statements run, printed at the end of each file.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

export type Outcome = 'refused' | 'harmless';

export class Tally {
  tried = 0;
  refused = 0;
  harmless = 0;
  statementsRun = 0;
  readonly byField = new Map<string, number>();

  constructor(readonly suite: string) {}

  /** One probe's result: refused (nothing ran) or harmless (the statement is exactly the intended one); `ran` counts statements it ran. */
  record(field: string, outcome: Outcome, ran = 0): void {
    this.tried++;
    this[outcome]++;
    this.statementsRun += ran;
    this.byField.set(field, (this.byField.get(field) ?? 0) + 1);
  }

  /** Prints the counts as one JSON line (`SECURITY-TALLY {…}`) and asserts that no probe ran a statement. */
  report(minimum: number): void {
    const counts = { suite: this.suite, tried: this.tried, refused: this.refused, harmless: this.harmless, statementsRun: this.statementsRun, byField: Object.fromEntries(this.byField) };
    console.log(`SECURITY-TALLY ${JSON.stringify(counts)}`);
    assert.equal(this.statementsRun, 0);
    assert.equal(this.refused + this.harmless, this.tried);
    assert.ok(this.tried >= minimum, `${this.tried} probes, expected at least ${minimum}`);
  }
}

/**
 * Everything a probe could change in a DuckDB file: its tables and views (with their SQL), each table's
 * row count, column comments, and the catalog TableSpec keeps. Opened read-only, closed again.
 */
export async function duckdbState(file: string): Promise<string> {
  if (!existsSync(file)) return '(no database)';
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const c = await instance.connect();
  try {
    const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson();
    const tables = (await rows('SELECT database_name, schema_name, table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY ALL')) as {
      database_name: string;
      schema_name: string;
      table_name: string;
    }[];
    const counts: Record<string, unknown> = {};
    for (const t of tables) counts[`${t.schema_name}.${t.table_name}`] = (await rows(`SELECT count(*) AS n FROM "${t.database_name}"."${t.schema_name}"."${t.table_name}"`))[0]!.n;
    const views = await rows('SELECT schema_name, view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY ALL');
    const comments = await rows('SELECT schema_name, table_name, column_name, comment FROM duckdb_columns() WHERE comment IS NOT NULL ORDER BY ALL');
    const catalog = await rows('SELECT database, name, definition, version FROM tablespec.tables ORDER BY ALL');
    return JSON.stringify({ counts, views, comments, catalog });
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
