/**
 * Trino functions whose DuckDB namesakes differ, registered as typed DuckDB functions under a `tr_`
 * prefix (trino-sql.ts renames the calls). Types are checked as Trino checks them: sha256, to_hex take
 * varbinary only, so sha256(varchar) fails ("Binary functions and operators - Trino",
 * https://trino.io/docs/current/functions/binary.html : sha256(binary) → varbinary, to_hex(binary) → varchar,
 * from_hex(string) → varbinary; "String functions", https://trino.io/docs/current/functions/string.html :
 * to_utf8(string) → varbinary, concat returns NULL when an argument is NULL; "Regular expression functions",
 * https://trino.io/docs/current/functions/regexp.html : regexp_replace replaces every match, Java syntax).
 * Known gap: concat here takes varchar only; Trino also has concat(varbinary, …) → varbinary (the product does
 * not use it). Stricter than the service in that one place, never looser.
 */
import { createHash } from 'node:crypto';
import { BIGINT, BLOB, DOUBLE, DuckDBScalarFunction, TIMESTAMP, VARCHAR, blobValue, timestampValue, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { trinoDateFormat, trinoDateParse } from './trino-datetime';

type Impl = (...args: unknown[]) => unknown;

function scalar(conn: DuckDBConnection, name: string, params: DuckDBType[], returnType: DuckDBType, impl: Impl, varArgs?: DuckDBType): void {
  conn.registerScalarFunction(
    DuckDBScalarFunction.create({
      name,
      returnType,
      ...(varArgs ? { varArgsType: varArgs, specialHandling: true } : { parameterTypes: params }),
      mainFunction: (info, input, output) => {
        const cols = Array.from({ length: input.columnCount }, (_, c) => input.getColumnVector(c));
        try {
          for (let r = 0; r < input.rowCount; r++) {
            const args = cols.map((v) => v.getItem(r));
            output.setItem(r, (varArgs ? impl(...args) : args.some((a) => a === null) ? null : impl(...args)) as never);
          }
          output.flush();
        } catch (err) {
          info.setError((err as Error).message);
        }
      },
    }),
  );
}

const bytes = (v: unknown) => (v as { bytes: Uint8Array }).bytes;
const text = (v: unknown) => String(v);

/** Registers the Trino functions on a connection. */
export function registerTrinoFunctions(conn: DuckDBConnection): void {
  scalar(conn, 'tr_sha256', [BLOB], BLOB, (b) => blobValue(createHash('sha256').update(bytes(b)).digest()));
  scalar(conn, 'tr_md5', [BLOB], BLOB, (b) => blobValue(createHash('md5').update(bytes(b)).digest()));
  scalar(conn, 'tr_to_utf8', [VARCHAR], BLOB, (s) => blobValue(Buffer.from(text(s), 'utf8')));
  scalar(conn, 'tr_from_utf8', [BLOB], VARCHAR, (b) => Buffer.from(bytes(b)).toString('utf8'));
  scalar(conn, 'tr_to_hex', [BLOB], VARCHAR, (b) => Buffer.from(bytes(b)).toString('hex').toUpperCase());
  scalar(conn, 'tr_from_hex', [VARCHAR], BLOB, (s) => {
    if (!/^([0-9a-fA-F]{2})*$/.test(text(s))) throw new Error('INVALID_FUNCTION_ARGUMENT: invalid hex string');
    return blobValue(Buffer.from(text(s), 'hex'));
  });
  scalar(conn, 'tr_concat', [], VARCHAR, (...args) => (args.some((a) => a === null) ? null : args.map(text).join('')), VARCHAR);
  scalar(
    conn,
    'tr_regexp_replace',
    [],
    VARCHAR,
    (...args) => {
      if (args.length < 2 || args.length > 3) throw new Error('Unexpected parameters for function regexp_replace');
      if (args.some((a) => a === null)) return null;
      return text(args[0]).replace(new RegExp(text(args[1]), 'gu'), args.length === 3 ? text(args[2]) : '');
    },
    VARCHAR,
  );
  scalar(conn, 'tr_date_parse', [VARCHAR, VARCHAR], TIMESTAMP, (s, f) => timestampValue(BigInt(trinoDateParse(text(s), text(f)).getTime()) * 1000n));
  // from_base(string, radix) → bigint, as Java's Long.parseLong reads it ("Mathematical functions - Trino",
  // https://trino.io/docs/current/functions/math.html); anything else fails ("Not a valid base-N number").
  scalar(conn, 'tr_from_base', [VARCHAR, BIGINT], BIGINT, (v, r) => {
    const radix = Number(r);
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
    if (radix < 2 || radix > 36) throw new Error(`INVALID_FUNCTION_ARGUMENT: Radix must be between 2 and 36`);
    if (!new RegExp(`^[+-]?[${digits}]+$`, 'i').test(text(v))) throw new Error(`INVALID_FUNCTION_ARGUMENT: Not a valid base-${radix} number: ${text(v)}`);
    const n = BigInt(parseInt(text(v), radix));
    if (n > 9223372036854775807n || n < -9223372036854775808n) throw new Error(`INVALID_FUNCTION_ARGUMENT: Not a valid base-${radix} number: ${text(v)}`);
    return n;
  });
  // format(format, args…) → varchar, Java's String.format ("String functions - Trino",
  // https://trino.io/docs/current/functions/string.html). The emulator knows %s, %d and %.Nf of a double only.
  scalar(conn, 'tr_format', [VARCHAR, DOUBLE], VARCHAR, (f, x) => {
    const m = /^%\.(\d+)f$/.exec(text(f));
    if (!m) throw new Error(`NOT_SUPPORTED: the emulator's format() knows '%.Nf' only, not ${text(f)}`);
    return Number(x).toFixed(Number(m[1]));
  });
  scalar(conn, 'tr_date_format', [TIMESTAMP, VARCHAR], VARCHAR, (t, f) => trinoDateFormat(Number((t as { micros: bigint }).micros / 1000n), text(f)));
}

/** Aggregates and scalars that DuckDB can express with a macro. */
export const TRINO_MACROS = [
  // The text a varchar may hold to be cast to an integer type in Trino ("Conversion functions",
  // https://trino.io/docs/current/functions/conversion.html; Trino's VarcharOperators use Long.parseLong: optional sign, digits);
  // anything else gets a '!' so that DuckDB's cast fails (and TRY_CAST gives NULL) instead of rounding '1.5'.
  `CREATE OR REPLACE MACRO tr_int_text(x) AS CASE WHEN typeof(x) <> 'VARCHAR' OR regexp_full_match(CAST(x AS VARCHAR), '[+-]?[0-9]+') THEN CAST(x AS VARCHAR) ELSE '!' || CAST(x AS VARCHAR) END`,
  // approx_most_frequent(buckets, value, capacity) → map(value, count) of the most frequent values (exact here).
  `CREATE OR REPLACE MACRO tr_approx_most_frequent(k, x, cap) AS map_from_entries(list_transform(list_slice(list_reverse_sort(list_transform(map_entries(histogram(x)), e -> {'n': e.value, 'k': e.key})), 1, k), e -> {'key': e.k, 'value': e.n}))`,
];

/**
 * Trino function name → what the emulator calls. Names absent from this table fail as Trino fails
 * for an unknown function: "FUNCTION_NOT_FOUND: line L:C: Function 'x' not registered".
 */
export const FUNCTIONS: Record<string, string> = {
  sha256: 'tr_sha256',
  md5: 'tr_md5',
  to_utf8: 'tr_to_utf8',
  from_utf8: 'tr_from_utf8',
  to_hex: 'tr_to_hex',
  from_hex: 'tr_from_hex',
  concat: 'tr_concat',
  from_base: 'tr_from_base',
  format: 'tr_format',
  regexp_replace: 'tr_regexp_replace',
  date_parse: 'tr_date_parse',
  date_format: 'tr_date_format',
  approx_most_frequent: 'tr_approx_most_frequent',
  approx_distinct: 'approx_count_distinct',
  count: 'count',
  count_if: 'count_if',
  sum: 'sum',
  min: 'min',
  max: 'max',
  avg: 'avg',
  coalesce: 'coalesce',
  nullif: 'nullif',
  lower: 'lower',
  upper: 'upper',
  trim: 'trim',
  ltrim: 'ltrim',
  rtrim: 'rtrim',
  length: 'length',
  substr: 'substr',
  replace: 'replace',
  row_number: 'row_number',
  rank: 'rank',
  dense_rank: 'dense_rank',
  abs: 'abs',
  round: 'round',
  floor: 'floor',
  ceil: 'ceil',
  greatest: 'greatest',
  least: 'least',
  map_keys: 'map_keys',
  cardinality: 'len',
  try: 'try',
  if: 'if',
  date_trunc: 'date_trunc',
  year: 'year',
  month: 'month',
  day: 'day',
  hour: 'hour',
  minute: 'minute',
  second: 'second',
  strpos: 'strpos',
  lpad: 'lpad',
  rpad: 'rpad',
  regexp_like: 'regexp_matches',
  split_part: 'split_part',
  arbitrary: 'any_value',
  array_agg: 'array_agg',
};
