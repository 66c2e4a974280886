/**
 * `tablespec scan [specs…] --env NAME [--format json] [--sample N] [--from staging|table]`: personal data
 * in the values of each column, from a bounded sample. Prints compiler-style lines for what the spec does
 * not declare (so CI logs link to the column), a line per declared finding; exits 1 when anything is
 * undeclared, 0 when the values show nothing the spec does not already say, 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { asOperationError } from '../commands/run-operation';
import { LineIndex } from '../core/line-index';
import { openBackend } from '../ops/open-backend';
import { scan, type ScanReport } from '../ops/scan';
import { loadSpec } from '../ops/spec-context';
import { defaultSampleRows, maxSampleRows } from '../privacy/sample-sql';
import { declaredMessage, findingMessage } from '../privacy/scan-messages';
import { get } from '../document/yaml-node';
import { parseOrUsage, specFilesOr, textOrJson } from './args';
import type { Output } from './output';

export const scanUsage = `Usage: tablespec scan [specs or folders…] [options]

Finds personal data in the values of each column (resident, foreigner, card, account, phone, passport and
licence numbers, e-mail addresses), from a bounded sample: counts and masked examples only.

Options:
  --env NAME               environment of tablespec.yaml (default local: DuckDB in the workspace)
  --sample N               rows to sample per table (default ${defaultSampleRows.toLocaleString('en')}, at most ${maxSampleRows.toLocaleString('en')})
  --from staging|table     read the staging extract (local only) or the loaded table (default: the extract when it exists)
  --format text|json       output format (default text)`;

export async function scanCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(argv, { env: { type: 'string', default: 'local' }, format: { type: 'string', default: 'text' }, sample: { type: 'string' }, from: { type: 'string' } }, scanUsage, err);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (!textOrJson(values.format, err)) return 2;
  if (values.from !== undefined && values.from !== 'staging' && values.from !== 'table') {
    err(`tablespec: --from must be staging or table; got '${values.from}'.\n\n${scanUsage}`);
    return 2;
  }
  const rows = values.sample === undefined ? defaultSampleRows : Number(values.sample);
  if (!Number.isInteger(rows) || rows < 1 || rows > maxSampleRows) {
    err(`tablespec: --sample takes a whole number from 1 to ${maxSampleRows.toLocaleString('en')}.`);
    return 2;
  }
  const files = specFilesOr(positionals, err);
  if (!files) return 2;
  const json = values.format === 'json';
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const reports: (ScanReport & { file: string })[] = [];
  const failures: { file: string; error: { kind: string; message: string } }[] = [];
  let undeclared = 0;
  try {
    for (const file of files) {
      try {
        const ctx = loadSpec(file, values.env!);
        const { backend } = await openBackend(ctx.root, ctx.environment);
        try {
          const report = await scan(ctx, backend, { rows, ...(values.from ? { from: values.from as 'staging' | 'table' } : {}), signal: controller.signal });
          reports.push({ file, ...report });
          undeclared += report.findings.filter((f) => !f.declared).length;
          if (!json) {
            const text = readFileSync(file, 'utf8');
            const index = new LineIndex(text);
            out(`${report.table}: ${report.rows.toLocaleString('en')} rows sampled from ${report.location} (${report.environment})`);
            for (const f of report.findings) {
              if (f.declared) {
                out(`  ${declaredMessage(f)}`);
                continue;
              }
              const node = get(ctx.model.columns.find((c) => c.name === f.column)?.node, 'name');
              const at = index.position(node?.start ?? 0);
              const severity = f.sensitive ? 'warning' : 'info';
              out(`${file}:${at.line + 1}:${at.character + 1}: ${severity} pii-in-values ${findingMessage(f, ctx.config.defaultEncrypt)}`);
            }
            if (!report.findings.length) out('  no personal data found in the sampled values');
          }
        } finally {
          await backend.close();
        }
      } catch (e) {
        const error = asOperationError(e);
        failures.push({ file, error: { kind: error.kind, message: error.message } });
        err(`tablespec: ${file}: ${error.message}`);
        if (error.kind === 'cancelled') break;
      }
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (json) out(JSON.stringify([...reports, ...failures], null, 2));
  return failures.length || undeclared ? 1 : 0;
}
