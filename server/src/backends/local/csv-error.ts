/**
 * Turns DuckDB's "CSV Error on Line: N" into what the engineer needs: the extract's line, which column,
 * what the spec expects there and what the line has. Values are never quoted from the line (it may hold
 * personal data); a value is described by its length.
 */
import * as l10n from '@vscode/l10n';
import type { TablePlan } from '../../sql/table-plan';

const lineOf = /CSV Error on Line: (\d+)/;
const columnsOf = /Expected Number of Columns: (\d+) Found: (\d+)/;

/** A message for a CSV error DuckDB raised while reading the extract, or undefined when the error is of another kind. */
export function explainCsvError(message: string, plan: TablePlan, extract: string): string | undefined {
  const line = lineOf.exec(message)?.[1];
  if (!line) return undefined;
  const where = l10n.t('The extract {0}, line {1}:', extract, line);
  const names = plan.columns.map((c) => c.source);
  const counts = columnsOf.exec(message);
  if (counts) {
    const expected = Number(counts[1]);
    const found = Number(counts[2]);
    const list = names.join(', ');
    if (found > expected) {
      return `${where} ${l10n.t('expected {0} values ({1}), found {2}: {3} more after the last column {4}.', expected, list, found, found - expected, names[names.length - 1] ?? '')}\n${l10n.t('A value holds the delimiter {0} without quotes, or the extract has columns the spec does not list.', JSON.stringify(plan.staging.delimiter))}`;
    }
    const missing = names.slice(found);
    return `${where} ${l10n.t('expected {0} values ({1}), found {2}: the line ends before column {3}.', expected, list, found, missing[0] ?? '')}\n${l10n.t('A line break inside an unquoted value splits a row in two, or the extract lacks columns the spec lists.')}`;
  }
  if (/unterminated quote/i.test(message)) return `${where} ${l10n.t('a quoted value is never closed (a missing {0}).', '"')}`;
  if (/Invalid unicode|byte sequence/i.test(message)) return `${where} ${l10n.t('the bytes are not UTF-8. The local engine reads UTF-8 only: set `source.staging.encoding` to the extract\'s encoding and the load gives the command that converts it.')}`;
  if (/Maximum line size/i.test(message)) return `${where} ${l10n.t('the line is longer than the reader allows: a quote that is never closed joins the lines after it.')}`;
  return `${where} ${l10n.t('the line does not read as CSV with the delimiter {0}.', JSON.stringify(plan.staging.delimiter))}`;
}
