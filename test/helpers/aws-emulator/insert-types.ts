/**
 * INSERT checks the query's column types against the table's, allowing only Trino's implicit coercions
 * (integer widening, integer to decimal/real/double, decimal to a decimal that holds it or to double,
 * date to timestamp, NULL to anything); otherwise the statement fails with
 * "TYPE_MISMATCH: Insert query has mismatched column types: Table: [bigint], Query: [varchar]"
 * ("INSERT - Trino", https://trino.io/docs/current/sql/insert.html ; "Data types - Trino").
 * DuckDB would cast '1.5' into a bigint column silently.
 */
import { AthenaFailure } from './athena-errors';
import type { Classified } from './athena-rules';
import { describe, duckType, trinoType, type Engine } from './duck';
import type { StoredTable } from './glue';
import { closing } from './ddl-parse';
import { identName, qualifiedAt } from './sql-lexer';
import { toDuckdb } from './trino-sql';

const INT_RANK: Record<string, number> = { TINYINT: 1, SMALLINT: 2, INTEGER: 3, BIGINT: 4 };

function decimal(t: string): [number, number] | undefined {
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Whether a value of DuckDB type `from` may go into a column of DuckDB type `to` without a CAST, as in Trino. */
function coercible(from: string, to: string): boolean {
  if (from === to || from === '"NULL"' || from === 'NULL') return true;
  if (from.startsWith('TIMESTAMP') && to.startsWith('TIMESTAMP')) return true;
  if (from === 'DATE' && to.startsWith('TIMESTAMP')) return true;
  if (INT_RANK[from] && INT_RANK[to]) return INT_RANK[from]! <= INT_RANK[to]!;
  if (INT_RANK[from] && (to.startsWith('DECIMAL') || to === 'DOUBLE' || to === 'FLOAT' || to === 'REAL')) return true;
  const df = decimal(from);
  const dt = decimal(to);
  if (df && dt) return dt[1] >= df[1] && dt[0] - dt[1] >= df[0] - df[1];
  if (df && (to === 'DOUBLE' || to === 'FLOAT')) return true;
  if (from === 'FLOAT' && to === 'DOUBLE') return true;
  return false;
}

/** Fails an INSERT whose query types do not fit the target columns. */
export async function checkInsertTypes(e: Engine, sql: string, c: Classified, t: StoredTable): Promise<void> {
  const tokens = c.tokens;
  const target = qualifiedAt(tokens, 2)!;
  let i = target.end;
  const all = [...(t.StorageDescriptor?.Columns ?? []), ...(t.PartitionKeys ?? [])];
  let columns = all;
  if (tokens[i]?.text === '(') {
    const close = closing(tokens, i);
    const names = tokens
      .slice(i + 1, close)
      .filter((x) => x.text !== ',')
      .map((x) => identName(x) ?? x.text);
    columns = names.map((n) => all.find((col) => col.Name === n)).filter((col): col is NonNullable<typeof col> => !!col);
    i = close + 1;
  }
  const query = sql.slice(tokens[i]!.at);
  const types = (await describe(e, `(${toDuckdb(query)})`)).map((col) => col.type.toUpperCase());
  const want = columns.map((col) => duckType(col.Type ?? 'string').toUpperCase());
  const bad = types.length !== want.length || types.some((ty, k) => !coercible(ty, want[k]!));
  if (bad) throw new AthenaFailure('TYPE_MISMATCH', `Insert query has mismatched column types: Table: [${want.map(trinoType).join(', ')}], Query: [${types.map(trinoType).join(', ')}]`);
}
