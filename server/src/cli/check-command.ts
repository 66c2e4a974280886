/** `tablespec check`: the same checks as the editor, for CI. */
import { parseOrUsage } from './args';
import { defaultSettings, type Settings } from '../config/workspace-config';
import { locate } from '../output/located';
import { formatSarif } from '../output/format-sarif';
import { formatText, summary } from '../output/format-text';
import { checkFilesParallel } from '../workspace/check-parallel';
import { existsSync } from 'node:fs';

import { version, type Output } from './output';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../workspace/workspace';
import { connectOracle } from '../backends/oracle/live-oracle';
import { requireHostConfirmation } from '../backends/oracle/oracle-access';
import type { SourceTable } from '../oracle/source-table';
import type { SourceDictionary } from '../rules/check-source';
import { findSpecFiles, findWorkspaceRoot } from '../workspace/find-files';

/** Reads, for each workspace with an Oracle connection, the dictionary of the owners its specs load from. */
async function liveSources(targets: string[], yes: boolean, err: (s: string) => void): Promise<Map<string, SourceDictionary> | null> {
  const byRoot = new Map<string, Set<string>>();
  for (const file of findSpecFiles(targets)) {
    const root = findWorkspaceRoot(file);
    const text = readFileSync(file, 'utf8');
    const owner = /^\s*object:\s*"?([A-Za-z][\w$#]*)"?\./m.exec(text)?.[1] ?? /object:\s*"?([A-Za-z][\w$#]*)"?\./.exec(text)?.[1];
    if (root && owner) byRoot.set(root, (byRoot.get(root) ?? new Set()).add(owner.toUpperCase()));
  }
  const sources = new Map<string, SourceDictionary>();
  for (const [root, owners] of byRoot) {
    const config = openWorkspace(root).config;
    if (!config.oracle) {
      err(`tablespec: --oracle needs oracle.connect_string and oracle.user in ${join(root, 'tablespec.yaml')}.`);
      return null;
    }
    try {
      requireHostConfirmation(config.oracle, yes);
      const session = await connectOracle(config.oracle);
      const tables = new Map<string, SourceTable>();
      try {
        for (const owner of owners) for (const [k, t] of (await session.dictionary(owner)).tables) tables.set(k, t);
      } finally {
        await session.close();
      }
      sources.set(root, { label: `Oracle ${config.oracle.connectString}`, lookup: (object) => tables.get(object.replace(/"/g, '').toUpperCase()) });
    } catch (e) {
      err(`tablespec: ${(e as Error).message}`);
      return null;
    }
  }
  return sources;
}

export const checkUsage = `Usage: tablespec check [files or folders…] [options]

Checks *.table.yaml specs as the editor does. Exits 1 when any error is found, 0 otherwise, 2 on bad usage.

Options:
  --format text|json|sarif   output format (default text)
  --catalog FILE             a Glue GetTables response saved as JSON, for drift checks
  --env NAME                 environment of tablespec.yaml whose catalog snapshot and locations to use (default local)
  --large-table-gb N         size from which a table counts as large (default 100)
  --disable CODE[,CODE…]     problem codes not to report
  --oracle                   check against the Oracle dictionary read live (tablespec.yaml oracle.connect_string;
                             the password from a TABLESPEC_ variable, oracle.password_env)
  --yes                      with --oracle: connect to the host tablespec.yaml names (or list it in TABLESPEC_ORACLE_HOSTS)
  -h, --help                 this text
  --version                  the version`;

export async function checkCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(
    argv,
    {
      format: { type: 'string', default: 'text' },
      catalog: { type: 'string' },
      env: { type: 'string', default: 'local' },
      'large-table-gb': { type: 'string' },
      disable: { type: 'string', multiple: true },
      oracle: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
    checkUsage,
    err,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.help) {
    out(checkUsage);
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
  const settings: Settings = {
    ...defaultSettings,
    environment: values.env ?? 'local',
    largeTableGb,
    disabled: (values.disable ?? [])
      .flatMap((d) => d.split(','))
      .map((d) => d.trim())
      .filter(Boolean),
  };
  const sources = values.oracle ? await liveSources(targets, values.yes!, err) : undefined;
  if (sources === null) return 1;
  const run = await checkFilesParallel(targets, settings, values.catalog, sources, process.env.TABLESPEC_LOCALE);
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
