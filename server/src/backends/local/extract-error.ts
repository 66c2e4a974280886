/**
 * Turns DuckDB's errors about the extract into what the engineer needs. "CSV Error on Line: N": the
 * extract's line, which column, what the spec expects there and what the line has. A cast that failed
 * (a Parquet value too wide for its column): the column, its type and the value's length. Values from a
 * spec with personal columns are described by their length only.
 */
import * as l10n from '@vscode/l10n';
import { parse } from 'csv-parse/sync';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { NormalizedTable } from '../../sql/normalized-table';
import { maskValue } from './engine-message';

const lineOf = /CSV Error on Line: (\d+)/;
const columnsOf = /Expected Number of Columns: (\d+) Found: (\d+)/;

/** The `n`-th line (1-based) of a file, read as far as it, or undefined. */
async function lineAt(path: string, n: number): Promise<string | undefined> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let i = 0;
  try {
    for await (const line of lines) if (++i === n) return line;
  } catch {
    return undefined;
  } finally {
    lines.close();
  }
  return undefined;
}

/**
 * What a line with the wrong number of values holds, value by value under the column it would fill. When
 * the values are off by one, any of them may have come from a personal column: if the spec has one, every
 * value is shown by its length only.
 */
async function describeLine(plan: NormalizedTable, path: string, n: number): Promise<string | undefined> {
  const line = await lineAt(path, n);
  if (line === undefined) return undefined;
  let values: string[];
  try {
    values = (parse(line, { delimiter: plan.staging.delimiter, quote: '"', escape: '"', relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    return undefined;
  }
  const personal = plan.columns.some((c) => c.pii || c.encrypt);
  const shown = (v: string) => (personal ? maskValue(v) : JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v));
  return values.map((v, i) => `${plan.columns[i]?.source ?? l10n.t('(no column)')}=${shown(v)}`).join(', ');
}

/** A message for a CSV error DuckDB raised while reading the extract at `path`, or undefined when the error is of another kind. */
export async function explainCsvError(message: string, plan: NormalizedTable, extract: string, path: string): Promise<string | undefined> {
  const line = lineOf.exec(message)?.[1];
  if (!line) return undefined;
  const where = l10n.t('The extract {0}, line {1}:', extract, line);
  const names = plan.columns.map((c) => c.source);
  const counts = columnsOf.exec(message);
  if (counts) {
    const expected = Number(counts[1]);
    const found = Number(counts[2]);
    const list = names.join(', ');
    const values = await describeLine(plan, path, Number(line));
    const foundLine = values ? `\n  ${l10n.t('found: {0}', values)}` : '';
    if (found > expected) {
      return `${where} ${l10n.t('expected {0} values ({1}), found {2}: {3} more after the last column {4}.', expected, list, found, found - expected, names[names.length - 1] ?? '')}${foundLine}\n${l10n.t('A value holds the delimiter {0} without quotes, or the extract has columns the spec does not list.', JSON.stringify(plan.staging.delimiter))}`;
    }
    const missing = names.slice(found);
    return `${where} ${l10n.t('expected {0} values ({1}), found {2}: the line ends before column {3}.', expected, list, found, missing[0] ?? '')}${foundLine}\n${l10n.t('A line break inside an unquoted value splits a row in two, or the extract lacks columns the spec lists.')}`;
  }
  if (/unterminated quote/i.test(message)) return `${where} ${l10n.t('a quoted value is never closed (a missing {0}).', '"')}`;
  if (/Invalid unicode|byte sequence/i.test(message))
    return `${where} ${l10n.t("the bytes are not UTF-8. The local engine reads UTF-8 only: set `source.staging.encoding` to the extract's encoding and the load gives the command that converts it.")}`;
  if (/Maximum line size/i.test(message)) return `${where} ${l10n.t('the line is longer than the reader allows: a quote that is never closed joins the lines after it.')}`;
  return `${where} ${l10n.t('the line does not read as CSV with the delimiter {0}.', JSON.stringify(plan.staging.delimiter))}`;
}

const castOf = /Could not cast value (<\d+ chars>|\S+) to (.+?) when casting from source column (\S+)/;

/** A message for a cast DuckDB could not make while staging (the message already scrubbed), or undefined. */
export function explainConversionError(message: string, plan: NormalizedTable, extract: string): string | undefined {
  const m = castOf.exec(message);
  if (!m) return undefined;
  const column = plan.columns.find((c) => c.name === m[3] || c.source.toLowerCase() === m[3]!.toLowerCase());
  return l10n.t(
    "The extract {0}: column {1} is {2} in the table, and a value does not fit ({3}). Check the extract, or widen the column's type in the spec.",
    extract,
    column?.source ?? m[3]!,
    m[2]!,
    m[1]!,
  );
}
