/**
 * How Athena reads text files of an external table, by its SerDe.
 *
 * OpenCSVSerde ("Open CSV SerDe for processing CSV - Amazon Athena",
 * https://docs.aws.amazon.com/athena/latest/ug/csv-serde.html ; Apache Hive "CSV Serde",
 * https://cwiki.apache.org/confluence/display/Hive/CSV+Serde): every column is read as a string;
 * an empty field is the empty string, not NULL; `serialization.null.format` is not honoured; the
 * text is UTF-8; "does not handle embedded newlines": lines are split before fields, so a quoted
 * line break splits the row; defaults separator ',' quote '"' escape '\'.
 *
 * LazySimpleSerDe (ROW FORMAT DELIMITED, "LazySimpleSerDe for CSV, TSV, and custom-delimited files",
 * https://docs.aws.amazon.com/athena/latest/ug/lazy-simple-serde.html): fields split on `field.delim`,
 * `serialization.null.format` (default \N) reads as NULL, `serialization.encoding` names the charset.
 *
 * Both: `skip.header.line.count` skips that many lines at the top of each file; files whose names
 * start with `_` or `.` are not data; `.gz` files are gunzipped.
 */
import { gunzipSync } from 'node:zlib';
import type { StoredTable } from './glue';

export type Cell = string | null;

const OPEN_CSV = 'org.apache.hadoop.hive.serde2.OpenCSVSerde';

/** Which reader a table needs: 'csv', 'text' or 'parquet'. */
export function readerOf(t: StoredTable): 'csv' | 'text' | 'parquet' {
  const lib = t.StorageDescriptor?.SerdeInfo?.SerializationLibrary ?? '';
  if (/parquet/i.test(lib) || /parquet/i.test(t.StorageDescriptor?.InputFormat ?? '')) return 'parquet';
  return lib === OPEN_CSV ? 'csv' : 'text';
}

/** Data files of a table location: keys not naming a folder or a hidden (`_`/`.`) file. */
export function isDataFile(key: string): boolean {
  const base = key.split('/').pop() ?? '';
  return base !== '' && !base.startsWith('_') && !base.startsWith('.');
}

function decode(key: string, body: Buffer, encoding: string | undefined): string {
  const raw = key.endsWith('.gz') ? gunzipSync(body) : body;
  return new TextDecoder(encoding ?? 'utf-8').decode(raw);
}

function lines(text: string, skip: number): string[] {
  const all = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (all.length && all[all.length - 1] === '') all.pop();
  return all.slice(skip);
}

/** One line through opencsv's parser: quotes group, the escape char takes the next char literally. */
function openCsvLine(line: string, sep: string, quote: string, esc: string): string[] {
  const out: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === esc && i + 1 < line.length && (line[i + 1] === quote || line[i + 1] === esc)) {
      field += line[++i];
    } else if (c === quote) {
      if (inQuotes && line[i + 1] === quote) field += line[++i];
      else inQuotes = !inQuotes;
    } else if (c === sep && !inQuotes) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** Rows of a text table (strings or NULL), in the table's column order. */
export function readText(t: StoredTable, files: [string, Buffer][]): Cell[][] {
  const columns = t.StorageDescriptor?.Columns ?? [];
  const serde = t.StorageDescriptor?.SerdeInfo?.Parameters ?? {};
  const props = { ...(t.Parameters ?? {}), ...serde };
  const skip = Number(props['skip.header.line.count'] ?? 0);
  const rows: Cell[][] = [];
  const csv = readerOf(t) === 'csv';
  for (const [key, body] of files) {
    // OpenCSVSerde reads UTF-8 whatever the table says; LazySimpleSerDe honours serialization.encoding.
    const text = decode(key, body, csv ? 'utf-8' : props['serialization.encoding']);
    for (const line of lines(text, skip)) {
      if (csv) {
        const f = openCsvLine(line, props.separatorChar ?? ',', props.quoteChar ?? '"', props.escapeChar ?? '\\');
        rows.push(columns.map((_, i) => (i < f.length ? f[i]! : null)));
      } else {
        const delim = props['field.delim'] ?? '\u0001';
        const nullFormat = props['serialization.null.format'] ?? '\\N';
        const f = line.split(delim);
        rows.push(columns.map((_, i) => (i >= f.length || f[i] === nullFormat ? null : f[i]!)));
      }
    }
  }
  return rows;
}
