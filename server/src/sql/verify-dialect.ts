/**
 * What verify needs from each engine's SQL: a value as it is compared, its hash, the key hash rows are
 * bucketed and sampled by, a remainder and a row limit. Two sides on the local engine use DuckDB's own
 * `hash()` (fast, but DuckDB's alone). Sides on different engines (DuckDB, Athena's Trino, Oracle) use
 * the portable form, computed the same way everywhere: the value written as canonical text, then the
 * first 4 bytes of the MD5 of its UTF-8 bytes read as an unsigned 32-bit number (0 … 2^32-1). Sums of
 * those fit a 64-bit integer for up to 2^31 rows, in every engine.
 */
import type { GlueType } from '../glue/glue-type';
import { literal } from './identifiers';

/** `duckdb`: both sides local, DuckDB's hash; the others: the portable hash in that engine's dialect. */
export type VerifyFlavor = 'duckdb' | 'duckdb-portable' | 'trino' | 'oracle';

/** Decimal places a floating-point value is compared to: sums of doubles depend on the order of addition. */
export const floatDigits = 6;

const oracleDecimalFormat = (precision: number, scale: number) => `FM${'9'.repeat(Math.max(0, precision - scale - 1))}0${scale > 0 ? `.${'0'.repeat(scale)}` : ''}`;

/**
 * A stored value as canonical text, the same characters on every engine: integers and decimals in plain
 * notation with the column's scale (`1.50`), floating point to `floatDigits` places, dates `YYYY-MM-DD`,
 * timestamps `YYYY-MM-DD HH:MM:SS.mmm` (the millisecond is the tolerance), binary as lower-case hex,
 * booleans `true`/`false`, text as it is. NULL stays NULL.
 */
export function valueText(e: string, t: GlueType, f: VerifyFlavor): string {
  const duck = f === 'duckdb' || f === 'duckdb-portable';
  switch (t.kind) {
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
      return f === 'oracle' ? `TO_CHAR(${e})` : `CAST(${e} AS VARCHAR)`;
    case 'decimal':
      return f === 'oracle' ? `TO_CHAR(${e}, '${oracleDecimalFormat(t.precision, t.scale)}')` : `CAST(${e} AS VARCHAR)`;
    case 'float':
    case 'double':
      if (f === 'oracle') return `TO_CHAR(ROUND(${e}, ${floatDigits}), '${oracleDecimalFormat(38, floatDigits)}')`;
      return duck ? `printf('%.${floatDigits}f', ${e})` : `format('%.${floatDigits}f', ${e})`;
    case 'date':
      return f === 'oracle' ? `TO_CHAR(${e}, 'YYYY-MM-DD')` : `CAST(${e} AS VARCHAR)`;
    case 'timestamp':
      if (f === 'oracle') return `TO_CHAR(${e}, 'YYYY-MM-DD HH24:MI:SS.FF3')`;
      // Trino's %f prints microseconds: the first 23 characters are the millisecond.
      return duck ? `strftime(${e}, '%Y-%m-%d %H:%M:%S.%g')` : `substr(date_format(${e}, '%Y-%m-%d %H:%i:%s.%f'), 1, 23)`;
    case 'binary':
      return f === 'oracle' ? `LOWER(RAWTOHEX(${e}))` : duck ? `lower(hex(${e}))` : `lower(to_hex(${e}))`;
    case 'boolean':
      // Oracle's side holds 'true'/'false' already (see cleansing-sql.ts, the Oracle conversions).
      return f === 'oracle' ? e : `CAST(${e} AS VARCHAR)`;
    default:
      return f === 'oracle' ? e : `CAST(${e} AS VARCHAR)`;
  }
}

/** The portable hash of a text: MD5's first 4 bytes as an unsigned number, the same in every engine. */
export function textHash(text: string, f: Exclude<VerifyFlavor, 'duckdb'>): string {
  if (f === 'oracle') return `TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH(${text}, 'MD5')), 1, 8), 'XXXXXXXX')`;
  if (f === 'trino') return `from_base(substr(to_hex(md5(to_utf8(${text}))), 1, 8), 16)`;
  return `CAST(('0x' || substr(md5(${text}), 1, 8)) AS BIGINT)`;
}

/** The key written as one text: each part's canonical text, NULL as `\N`, joined by `|`. */
export function keyText(parts: { expr: string; type: GlueType }[], f: VerifyFlavor, seed?: number): string {
  const nul = literal('\\N');
  const texts = parts.map((p) => `coalesce(${valueText(p.expr, p.type, f)}, ${nul})`);
  if (seed !== undefined) texts.unshift(literal(String(Math.floor(seed))));
  return texts.join(` || '|' || `);
}

export function remainder(a: string, n: number, f: VerifyFlavor): string {
  return f === 'oracle' ? `MOD(${a}, ${Math.floor(n)})` : `${a} % ${Math.floor(n)}`;
}

/** A query limited to `n` rows: Oracle has no LIMIT (row limiting clause, 12c and later). */
export function limited(sql: string, n: number, f: VerifyFlavor): string {
  return f === 'oracle' ? `${sql} FETCH FIRST ${Math.floor(n)} ROWS ONLY` : `${sql} LIMIT ${Math.floor(n)}`;
}

/** An aggregate as text for the comparison. */
export function aggText(e: string, f: VerifyFlavor): string {
  return f === 'oracle' ? `TO_CHAR(${e})` : `CAST(${e} AS VARCHAR)`;
}
