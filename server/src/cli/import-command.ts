/**
 * `tablespec import --dictionary FILE | --ddl FILE… [--tables T,…] [--owner OWNER] --out FOLDER [--yes]`:
 * one spec per Oracle table. New specs are written; a spec that exists and would change is shown as a
 * diff and written only with --yes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openWorkspace } from '../workspace/workspace';
import { importProblem, importProblemLine } from '../oracle/import-problem';
import { applyImport, importedFrom, planImport } from '../oracle/import-specs';
import { parseDdl } from '../oracle/parse-ddl';
import { readDictionary } from '../oracle/read-dictionary';
import type { SourceTable } from '../oracle/source-table';
import { findWorkspaceRoot } from '../workspace/find-files';
import type { Output } from './output';

export const importUsage = `Usage: tablespec import --dictionary FILE | --ddl FILE [--ddl FILE…] --out FOLDER [options]

Options:
  --tables T1,T2   only these tables (TABLE or OWNER.TABLE)
  --owner OWNER    the owner of DDL tables that name none
  --yes            overwrite specs that exist and would change (their diff is shown first)`;

const importOptions = {
  dictionary: { type: 'string' },
  ddl: { type: 'string', multiple: true },
  out: { type: 'string' },
  tables: { type: 'string' },
  owner: { type: 'string' },
  yes: { type: 'boolean', default: false },
} as const;

export function importCommand(argv: string[], { out, err }: Output): number {
  let values: ReturnType<typeof parseArgs<{ options: typeof importOptions }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: importOptions }));
  } catch (e) {
    err(`tablespec: ${(e as Error).message}\n\n${importUsage}`);
    return 2;
  }
  if (!values.out || (!values.dictionary && !values.ddl?.length) || (values.dictionary && values.ddl?.length)) {
    err(`tablespec: import needs --out and either --dictionary or --ddl.\n\n${importUsage}`);
    return 2;
  }
  const inputs = values.dictionary ? [values.dictionary] : values.ddl!;
  const missing = inputs.filter((f) => !existsSync(f));
  if (missing.length) {
    err(`tablespec: no such file: ${missing.join(', ')}`);
    return 2;
  }
  const tables: SourceTable[] = [];
  let problems = 0;
  for (const file of inputs) {
    const text = readFileSync(file, 'utf8');
    const r = values.dictionary ? readDictionary(text, file.endsWith('.json') ? 'json' : 'csv') : parseDdl(text, values.owner?.toUpperCase());
    for (const p of r.problems) err(importProblemLine(file, p));
    problems += r.problems.length;
    tables.push(...r.tables.values());
  }
  const root = findWorkspaceRoot(values.out) ?? values.out;
  const config = openWorkspace(root).config;
  const options = {
    defaultEncrypt: config.defaultEncrypt,
    extended: config.maxStringSize === 'extended',
    from: importedFrom(root, inputs),
    ...(config.defaultDatabase ? { defaultDatabase: config.defaultDatabase } : {}),
  };
  const plan = planImport(
    tables,
    values.out,
    options,
    values.tables
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  );
  for (const m of plan.missing) err(importProblemLine('tablespec', importProblem('import-table-not-found', 0, `table ${m} is not in ${inputs.join(', ')}`)));
  const result = applyImport(plan.files, values.out, values.yes!);
  for (const f of result) {
    if (f.status === 'changed') out(`${f.diff}`);
    const verdict = { new: 'written', written: 'overwritten', unchanged: 'unchanged', changed: 'exists and differs: not written (the diff is above; --yes to overwrite)' }[f.status];
    out(`${f.path}: ${verdict}${f.skipped.length ? `; left out ${f.skipped.length} column${f.skipped.length > 1 ? 's' : ''} (see the file)` : ''}`);
  }
  out(`${result.length} table${result.length === 1 ? '' : 's'} from ${inputs.join(', ')}.`);
  return problems || plan.missing.length || result.some((f) => f.status === 'changed') ? 1 : 0;
}
