/** `tablespec check`: the same checks as the editor, for CI. */
import { parseArgs } from 'node:util';
import { defaultSettings } from '../config/workspace-config';
import { locate } from '../output/located';
import { formatSarif } from '../output/format-sarif';
import { formatText, summary } from '../output/format-text';
import { checkFiles } from '../workspace/check-files';
import { existsSync } from 'node:fs';

import { version, type Output } from './output';

export const checkUsage = `Usage: tablespec check [files or folders…] [options]

Checks *.table.yaml specs as the editor does. Exits 1 when any error is found, 0 otherwise, 2 on bad usage.

Options:
  --format text|json|sarif   output format (default text)
  --catalog FILE             a Glue GetTables response saved as JSON, for drift checks
  --env NAME                 environment of tablespec.yaml whose catalog snapshot and locations to use (default local)
  --large-table-gb N         size from which a table counts as large (default 100)
  --disable CODE[,CODE…]     problem codes not to report
  -h, --help                 this text
  --version                  the version`;

export function checkCommand(argv: string[], { out, err }: Output): number {
  const usage = checkUsage;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        catalog: { type: 'string' },
        env: { type: 'string', default: 'local' },
        'large-table-gb': { type: 'string' },
        disable: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    err(`tablespec: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(usage);
    return 0;
  }
  if (values.version) {
    out(version);
    return 0;
  }
  const paths = positionals;
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    err(`tablespec: --format must be text, json or sarif; got '${format}'.`);
    return 2;
  }
  const largeTableGb = values['large-table-gb'] === undefined ? defaultSettings.largeTableGb : Number(values['large-table-gb']);
  if (!Number.isFinite(largeTableGb) || largeTableGb < 0) {
    err(`tablespec: --large-table-gb must be a non-negative number.`);
    return 2;
  }
  const targets = paths.length ? paths : ['.'];
  const missing = targets.filter((p) => !existsSync(p));
  if (missing.length) {
    err(`tablespec: no such file or folder: ${missing.join(', ')}`);
    return 2;
  }
  if (values.catalog && !existsSync(values.catalog)) {
    err(`tablespec: no such catalog snapshot: ${values.catalog}`);
    return 2;
  }
  const settings = { environment: values.env ?? 'local', largeTableGb, disabled: (values.disable ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean) };
  const run = checkFiles(targets, settings, values.catalog);
  for (const n of run.notices) err(`tablespec: ${n}`);
  const problems = locate(run.files);
  if (format === 'json') out(JSON.stringify(problems, null, 2));
  else if (format === 'sarif') out(formatSarif(problems, version));
  else {
    if (problems.length) out(formatText(problems));
    err(summary(problems, run.files.length));
  }
  if (run.files.length === 0) err('tablespec: no *.table.yaml files found.');
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

