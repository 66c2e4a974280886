/** `tablespec extract [specs…] [--format text|json] [--bounds LOW,HIGH]`: Sqoop and Spark JDBC settings for large tables. */
import { asOperationError } from '../commands/run-operation';
import { specExtractConfig } from '../ops/extract';
import { loadSpec } from '../ops/spec-context';
import { parseOrUsage, specFilesOr } from './args';
import type { Output } from './output';

export const extractUsage = `Usage: tablespec extract [specs or folders…] [--format text|json] [--bounds LOW,HIGH]

Prints the Sqoop command line and the Spark JDBC options that extract each table as its spec says
(source.extract: hint, fetch_size, split_by, parallelism).`;

export function extractCommand(argv: string[], { out, err }: Output): number {
  const parsed = parseOrUsage(argv, { format: { type: 'string', default: 'text' }, bounds: { type: 'string' }, env: { type: 'string', default: 'local' } }, extractUsage, err);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const bounds = values.bounds?.split(',');
  if ((values.format !== 'text' && values.format !== 'json') || (bounds && bounds.length !== 2)) {
    err(extractUsage);
    return 2;
  }
  const files = specFilesOr(positionals, err);
  if (!files) return 2;
  const results: unknown[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const config = specExtractConfig(loadSpec(file, values.env!), bounds ? { lower: bounds[0]!.trim(), upper: bounds[1]!.trim() } : undefined);
      results.push(config);
      if (values.format === 'text') {
        out(
          `# ${config.table}\n\n## Sqoop\n\n${config.sqoop}\n\n## Spark JDBC\n\n${JSON.stringify(config.spark, null, 2)}${config.notes.length ? `\n\n## Notes\n\n${config.notes.map((n) => `- ${n}`).join('\n')}` : ''}\n`,
        );
      }
    } catch (e) {
      failed = true;
      err(`tablespec: ${file}: ${asOperationError(e).message}`);
    }
  }
  if (values.format === 'json') out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  return failed ? 1 : 0;
}
