/** `tablespec report [specs…] [--env NAME] [--oracle] [--format markdown|json]`: reconciliation for a whole workspace. */
import { reportMarkdown, workspaceReport } from '../ops/report';
import { parseOrUsage, specFilesOr } from './args';
import type { Output } from './output';

export const reportUsage = `Usage: tablespec report [specs or folders…] [--env NAME] [--oracle [--yes]] [--format markdown|json]

Counts every table of the workspace and compares with its source: a live Oracle count with --oracle
(tablespec.yaml oracle.connect_string and user; the password from its TABLESPEC_ environment variable),
else the spec's source.row_count. The Oracle host named by tablespec.yaml is connected to only with
--yes, or when it is listed in TABLESPEC_ORACLE_HOSTS. Exits 1 when a table does not match.`;

export async function reportCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(
    argv,
    { env: { type: 'string', default: 'local' }, oracle: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false }, format: { type: 'string', default: 'markdown' } },
    reportUsage,
    err,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.format !== 'markdown' && values.format !== 'json') {
    err(reportUsage);
    return 2;
  }
  const files = specFilesOr(positionals, err);
  if (!files) return 2;
  const report = await workspaceReport(files, values.env!, { oracle: values.oracle!, yes: values.yes! });
  out(values.format === 'json' ? JSON.stringify(report, null, 2) : reportMarkdown(report));
  return report.rows.some((r) => r.matched === false || r.error) ? 1 : 0;
}
