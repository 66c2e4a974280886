/**
 * `tablespec plan|deploy|load|reconcile|preview|profile|history`: the operations from the command
 * line. `--yes` confirms in scripts; a protected environment wants `--confirm TABLE`; `--format json`
 * prints one JSON document; the exit code says whether it worked. Ctrl-C cancels (and stops an Athena query).
 */
import { asOperationError, previewText, runOperation, runQuery, type OperationName } from '../commands/run-operation';
import { readHistory } from '../ops/history';
import { findWorkspaceRoot } from '../workspace/find-files';
import { parseOrUsage, specFilesOr, textOrJson } from './args';
import type { Output } from './output';

export const opsUsage = `Usage: tablespec <plan|deploy|load|reconcile|preview|profile> [specs or folders…] [options]
       tablespec preview --sql QUERY [--env NAME]
       tablespec history [--format json]

Options:
  --env NAME         environment of tablespec.yaml (default local: DuckDB in the workspace)
  --yes              confirm destructive steps (overwrite, retention, purge, dropped columns)
  --confirm TABLE    on a protected environment, the table name typed to confirm
  --allow-empty      let an overwrite from an extract with no rows empty the table
  --format text|json output format (default text)
  --limit N          rows to preview (default 20)
  --sql QUERY        a read-only query to preview instead of a table
  --count N          reconcile against this count (an Oracle count)
  --batch ID         name the batch of an append (default: the extract's content hash)`;

function jsonOf(operation: OperationName, result: unknown): unknown {
  if (operation === 'preview') {
    const r = result as { columns: unknown; rows: unknown; stats: unknown; sql: string };
    return { columns: r.columns, rows: r.rows, stats: r.stats, sql: r.sql };
  }
  if (operation === 'plan' || operation === 'deploy') {
    const r = result as { table: string; environment: string; changes: unknown[] };
    return { table: r.table, environment: r.environment, changes: r.changes };
  }
  return result;
}

export async function opsCommand(operation: OperationName | 'history', argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(
    argv,
    {
      env: { type: 'string', default: 'local' },
      yes: { type: 'boolean', default: false },
      'allow-empty': { type: 'boolean', default: false },
      confirm: { type: 'string' },
      format: { type: 'string', default: 'text' },
      limit: { type: 'string' },
      sql: { type: 'string' },
      count: { type: 'string' },
      batch: { type: 'string' },
    },
    opsUsage,
    err,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (!textOrJson(values.format, err)) return 2;
  const json = values.format === 'json';
  const numberOption = (name: 'limit' | 'count'): number | undefined | null => {
    const v = values[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 ? n : null;
  };
  const limit = numberOption('limit');
  const count = numberOption('count');
  if (limit === null || count === null) {
    err('tablespec: --limit and --count take a whole number.');
    return 2;
  }

  if (operation === 'history') {
    const root = findWorkspaceRoot(positionals[0] ?? '.') ?? process.cwd();
    const entries = readHistory(root);
    out(
      json
        ? JSON.stringify(entries, null, 2)
        : entries
            .map((e) => `${e.at} ${e.user} ${e.environment} ${e.operation} ${e.table}: ${e.result}${e.rows !== undefined ? `, ${e.rows} rows` : ''}${e.error ? ` (${e.error.split('\n')[0]})` : ''}`)
            .join('\n') || 'No history yet.',
    );
    return 0;
  }

  const controller = new AbortController();
  const onSigint = () => {
    err('tablespec: cancelling…');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    if (operation === 'preview' && values.sql) {
      const root = findWorkspaceRoot(positionals[0] ?? '.') ?? process.cwd();
      const r = await runQuery(root, values.env!, values.sql, limit ?? 20, controller.signal);
      out(json ? JSON.stringify({ columns: r.columns, rows: r.rows, stats: r.stats, sql: r.sql }, null, 2) : previewText(r));
      return 0;
    }
    const files = specFilesOr(positionals, err);
    if (!files) return 2;
    const results: unknown[] = [];
    let failed = false;
    for (const file of files) {
      try {
        const r = await runOperation({
          operation,
          file,
          environment: values.env!,
          confirmation: { yes: values.yes!, ...(values.confirm ? { typedTable: values.confirm } : {}), ...(values['allow-empty'] ? { emptyTable: true } : {}) },
          ...(limit !== undefined ? { limit } : {}),
          ...(count !== undefined ? { expected: count } : {}),
          ...(values.batch ? { batchId: values.batch } : {}),
          signal: controller.signal,
          // Progress only for a person watching: CI logs get the result alone.
          ...(json || !process.stderr.isTTY ? {} : { onProgress: (p) => err(`  ${p.message}`) }),
        });
        const shown = jsonOf(operation, r.result);
        results.push(r.warnings && shown && typeof shown === 'object' ? { ...shown, warnings: r.warnings } : shown);
        if (!json) out(r.text);
        if (operation === 'reconcile' && (r.result as { matched: boolean | null }).matched === false) failed = true;
      } catch (e) {
        const error = asOperationError(e);
        failed = true;
        results.push({ file, error: { kind: error.kind, message: error.message } });
        err(`tablespec: ${file}: ${error.message}`);
        if (error.kind === 'cancelled') break;
      }
    }
    if (json) out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return failed ? 1 : 0;
  } catch (e) {
    err(`tablespec: ${asOperationError(e).message}`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
