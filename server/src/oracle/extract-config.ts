/**
 * The extraction a large table needs, generated from the spec's `source.extract`: a Sqoop command line
 * and Spark JDBC options that read the same columns, in the spec's order (the load reads the extract by
 * position), with the optimizer hint, the split column, the parallelism and the fetch size. Dates and
 * timestamps are written by TO_CHAR in one format, so that the load's conversions always understand them.
 */
import * as l10n from '@vscode/l10n';
import { parseOracleType } from '../oracle/parse-oracle-type';
import { checkHint, oracleIdent, oracleObject } from './oracle-names';
import type { NormalizedTable } from '../sql/normalized-table';

export interface OracleConnection {
  /** `host:port/service`, as EZConnect writes it. */
  connectString: string;
  user: string;
}

export interface ExtractOptions {
  connection?: OracleConnection;
  /** The split column's range, when known (from Oracle, or given). */
  bounds?: { lower: string; upper: string };
}

export interface ExtractConfig {
  table: string;
  /** The query Sqoop runs (dates as text in a fixed format). */
  query: string;
  sqoop: string;
  /** Spark reads raw columns (so that it can partition on a date) and formats dates as it writes. */
  spark: { read: Record<string, string>; write: { format: string; path: string; mode: string; options: Record<string, string> } };
  notes: string[];
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
// Every Oracle name is checked against Oracle's rules before it is written (quoted names cannot hold `"`).
const quoteOracle = oracleIdent;

/** The SELECT list: dates and timestamps as text in a fixed format; everything else as it is. */
function selectList(plan: NormalizedTable, oracleTypes: Map<string, string>): string[] {
  return plan.columns.map((c) => {
    const col = quoteOracle(c.source);
    const family = parseOracleType(oracleTypes.get(c.name) ?? '').type?.family;
    if (family === 'date') return `TO_CHAR(${col}, 'YYYY-MM-DD HH24:MI:SS') AS ${col}`;
    if (family === 'timestamp') return `TO_CHAR(${col}, 'YYYY-MM-DD HH24:MI:SS.FF3') AS ${col}`;
    return col;
  });
}

export function extractConfig(
  plan: NormalizedTable,
  oracleTypes: Map<string, string>,
  extract: { hint?: string; fetchSize?: number; splitBy?: string; parallelism?: number },
  sourceObject: string,
  options: ExtractOptions = {},
): ExtractConfig {
  const notes: string[] = [];
  const object = oracleObject(sourceObject);
  const hint = extract.hint ? `/*+ ${checkHint(extract.hint)} */ ` : '';
  const columns = selectList(plan, oracleTypes);
  const query = `SELECT ${hint}${columns.join(', ')} FROM ${object}`;
  const split = extract.splitBy ? plan.columns.find((c) => c.name === extract.splitBy) : undefined;
  const splitColumn = split ? quoteOracle(split.source) : undefined;
  const parallelism = extract.parallelism ?? 4;
  const fetchSize = extract.fetchSize ?? 10000;
  const url = `jdbc:oracle:thin:@//${options.connection?.connectString ?? '<host>:<port>/<service>'}`;
  if (!options.connection) notes.push(l10n.t('Set `oracle.connect_string` and `oracle.user` in tablespec.yaml to fill in the connection.'));
  const s = plan.staging;
  const nullValue = s.nullValue ?? '\\N';
  if (s.nullValue === undefined && s.format !== 'parquet') notes.push("Sqoop writes NULL as `\\N` here: set `source.staging.null_value: '\\N'` in the spec so that the load reads it back as NULL.");

  const bounded = splitColumn ? `SELECT MIN(${splitColumn}), MAX(${splitColumn}) FROM ${object}` : undefined;
  const sqoop = [
    'sqoop import',
    `--connect ${shellQuote(url)}`,
    `--username ${shellQuote(options.connection?.user ?? '<user>')} --password-file ${shellQuote('hdfs:///user/etl/.oracle.password')}`,
    `--query ${shellQuote(`${query} WHERE $CONDITIONS`)}`,
    // The split runs on the raw column: $CONDITIONS filters the base table, and the bounds come from it too.
    splitColumn ? `--split-by ${shellQuote(splitColumn)} --boundary-query ${shellQuote(bounded!)}` : '',
    `--num-mappers ${splitColumn ? parallelism : 1}`,
    `--fetch-size ${fetchSize}`,
    `--target-dir ${shellQuote(s.location)}`,
    '--delete-target-dir',
    `--null-string ${shellQuote(nullValue.replace(/\\/g, '\\\\'))} --null-non-string ${shellQuote(nullValue.replace(/\\/g, '\\\\'))}`,
    s.format === 'parquet'
      ? '--as-parquetfile'
      : s.format === 'csv'
        ? `--fields-terminated-by ${shellQuote(s.delimiter)} --enclosed-by '"' --escaped-by '\\\\' --as-textfile`
        : `--fields-terminated-by ${s.delimiter === '\u0001' ? "'\\001'" : shellQuote(s.delimiter)} --hive-drop-import-delims --as-textfile`,
  ].filter(Boolean);
  if (s.format !== 'parquet' && s.header)
    notes.push(l10n.t('Sqoop writes no header line: set `source.staging.header: false` in the spec, or the load skips the first row (the Spark job writes one, as the spec says now).'));
  if (!splitColumn) notes.push(l10n.t('No `source.extract.split_by`: Sqoop runs one mapper (-m 1) and Spark one partition. Name a numeric or date column to read in parallel.'));

  const raw = `SELECT ${hint}${plan.columns.map((c) => quoteOracle(c.source)).join(', ')} FROM ${object}`;
  const read: Record<string, string> = {
    url,
    driver: 'oracle.jdbc.OracleDriver',
    dbtable: `(${raw}) t`,
    user: options.connection?.user ?? '<user>',
    password: '${ORACLE_PASSWORD}',
    fetchsize: String(fetchSize),
  };
  if (splitColumn) {
    read.partitionColumn = splitColumn;
    read.lowerBound = options.bounds?.lower ?? `<${bounded} → min>`;
    read.upperBound = options.bounds?.upper ?? `<${bounded} → max>`;
    read.numPartitions = String(parallelism);
    if (!options.bounds) notes.push(l10n.t("Spark needs the split column's range: {0} (the bounds set the stride; they filter nothing).", String(bounded)));
  }
  const writeOptions: Record<string, string> =
    s.format === 'parquet' ? {} : { sep: s.delimiter, header: String(s.header), nullValue, timestampFormat: 'yyyy-MM-dd HH:mm:ss.SSS', dateFormat: 'yyyy-MM-dd', quote: '"', escape: '"' };
  const spark = { read, write: { format: s.format === 'parquet' ? 'parquet' : 'csv', path: s.location, mode: 'overwrite', options: writeOptions } };
  return { table: `${plan.database}.${plan.table}`, query, sqoop: sqoop.join(' \\\n  '), spark, notes };
}
