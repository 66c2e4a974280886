/**
 * The operations as LSP commands (`workspace/executeCommand`), for any editor; named `tablespec.server.*`
 * so that they never clash with a client's own commands. Each reports progress
 * and stops when the editor cancels the request. Failures come back as errors whose `data.kind` says
 * which kind (needs-confirmation, expired-session …), so that the client can ask or explain.
 */
import * as l10n from '@vscode/l10n';
import { fileURLToPath } from 'node:url';
import { ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { asOperationError, runOperation, runQuery, type OperationName } from '../commands/run-operation';
import { readHistory } from '../ops/history';
import type { Confirmation } from '../ops/confirm';
import { findSpecFiles } from '../workspace/find-files';
import type { Workspace } from '../workspace/workspace';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { applyImport, importedFrom, planImport } from '../oracle/import-specs';
import { parseDdl } from '../oracle/parse-ddl';
import { readDictionary } from '../oracle/read-dictionary';
import { specExtractConfig } from '../ops/extract';
import { reportMarkdown, workspaceReport } from '../ops/report';
import { loadSpec } from '../ops/spec-context';
import { openBackend } from '../ops/open-backend';
import { scan, type ScanReport } from '../ops/scan';
import { defaultSampleRows, maxSampleRows } from '../privacy/sample-sql';
import { runVerify } from '../commands/run-verify';

export const operationCommands: Record<string, OperationName> = {
  'tablespec.server.plan': 'plan',
  'tablespec.server.deploy': 'deploy',
  'tablespec.server.load': 'load',
  'tablespec.server.reconcile': 'reconcile',
  'tablespec.server.preview': 'preview',
  'tablespec.server.profile': 'profile',
};
export const otherCommands = ['tablespec.server.scan', 'tablespec.server.query', 'tablespec.server.history', 'tablespec.server.refreshCatalog', 'tablespec.server.import', 'tablespec.server.extract', 'tablespec.server.report', 'tablespec.server.environments', 'tablespec.server.verify'];

/** Commands that only read the workspace: allowed in Restricted Mode. */
const readOnly = new Set(['tablespec.server.environments', 'tablespec.server.history', 'tablespec.server.extract']);

export interface CommandArgs {
  uri: string;
  /** import: the dictionary export or the DDL scripts, the folder to write to, the tables, overwrite changed specs. */
  dictionary?: string;
  ddl?: string[];
  out?: string;
  tables?: string[];
  owner?: string;
  overwrite?: boolean;
  /** report: count the source in Oracle. */
  oracle?: boolean;
  environment?: string;
  confirmation?: Confirmation;
  limit?: number;
  sql?: string;
  expected?: number;
  salt?: string;
  /** verify: the highest tier (1, 2 or 3), the seed of the sample, and `extract` or another environment to compare with. */
  tier?: number;
  seed?: number;
  against?: string;
}

export interface CommandHost {
  connection: Connection;
  /** False in Restricted Mode: nothing runs, nothing connects. */
  trusted: boolean;
  /**
   * The live workspace of a spec (the editor's unsaved texts and settings, the index kept as the
   * engineer types): what the operations check and act on, instead of the files on disk.
   */
  workspaceOf(uri: string): Workspace;
  refreshCatalog(uri: string): Promise<unknown>;
  /** After a deploy, what the catalog says has changed. */
  deployed(uri: string): void;
  /** After a value scan: its findings become diagnostics on the spec. */
  scanned?(uri: string, report: ScanReport): void;
}

/** Import into a folder of the workspace: new specs are written; changed ones only with `overwrite`, their diff returned. */
function importFromEditor(workspace: Workspace, args: CommandArgs) {
  const root = workspace.root;
  if (!args.out || (!args.dictionary && !args.ddl?.length)) throw new ResponseError(-32602, 'tablespec.import needs { out, dictionary } or { out, ddl }.');
  const resolve = (p: string) => (isAbsolute(p) ? p : join(root, p));
  const tables = [];
  const problems: string[] = [];
  for (const input of args.dictionary ? [args.dictionary] : args.ddl!) {
    const text = readFileSync(resolve(input), 'utf8');
    const r = args.dictionary ? readDictionary(text, input.endsWith('.json') ? 'json' : 'csv') : parseDdl(text, args.owner?.toUpperCase());
    problems.push(...r.problems.map((p) => `${input}:${p.line}: ${p.message}`));
    tables.push(...r.tables.values());
  }
  const config = workspace.config;
  const options = { defaultEncrypt: config.defaultEncrypt, extended: config.maxStringSize === 'extended', from: importedFrom(root, (args.dictionary ? [args.dictionary] : args.ddl!).map(resolve)), ...(config.defaultDatabase ? { defaultDatabase: config.defaultDatabase } : {}) };
  const plan = planImport(tables, resolve(args.out), options, args.tables);
  return { files: applyImport(plan.files, resolve(args.out), !!args.overwrite), missing: plan.missing, problems };
}

function abortOn(token: CancellationToken): AbortController {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  token.onCancellationRequested(() => controller.abort());
  return controller;
}

export async function executeCommand(host: CommandHost, command: string, args: CommandArgs, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<unknown> {
  const uri = args?.uri;
  if (typeof uri !== 'string' || !uri.startsWith('file:')) throw new ResponseError(-32602, `${command} needs { uri } of a file in the workspace.`);
  const file = fileURLToPath(uri);
  const workspace = host.workspaceOf(uri);
  const environment = args.environment ?? workspace.settingsOf(file).environment;
  const controller = abortOn(token);
  const report = (message: string) => progress.report(message);
  if (!host.trusted && !readOnly.has(command)) {
    throw new ResponseError(-32603, l10n.t('This workspace is in Restricted Mode: trust it to deploy, load or run queries.'), { kind: 'untrusted' });
  }
  try {
    if (command === 'tablespec.server.environments') {
      const config = workspace.config;
      return { current: environment, environments: Object.values(config.environments).map((e) => ({ name: e.name, engine: e.engine, protected: e.protected, ...(e.region ? { region: e.region } : {}) })) };
    }
    if (command === 'tablespec.server.refreshCatalog') return await host.refreshCatalog(uri);
    if (command === 'tablespec.server.history') return readHistory(workspace.root);
    if (command === 'tablespec.server.import') return importFromEditor(workspace, args);
    if (command === 'tablespec.server.extract') return specExtractConfig(loadSpec(file, environment, workspace));
    if (command === 'tablespec.server.report') {
      progress.begin('TableSpec: reconciliation report', undefined, environment, true);
      const report = await workspaceReport(findSpecFiles([workspace.root]), environment, { ...(args.oracle ? { oracle: true } : {}), signal: controller.signal, workspace });
      return { report, markdown: reportMarkdown(report) };
    }
    if (command === 'tablespec.server.scan') {
      // Personal data in values: a bounded sample, read here; only counts and masked examples go back.
      progress.begin('TableSpec: scan', undefined, environment, true);
      const ctx = loadSpec(file, environment, workspace);
      const rows = Math.min(maxSampleRows, Math.max(1, Math.trunc(args.limit ?? defaultSampleRows)));
      const { backend } = await openBackend(ctx.root, ctx.environment);
      try {
        const r = await scan(ctx, backend, { rows, signal: controller.signal, onProgress: (p) => report(p.message) });
        host.scanned?.(uri, r);
        return r;
      } finally {
        await backend.close();
      }
    }
    if (command === 'tablespec.server.query') {
      if (typeof args.sql !== 'string') throw new ResponseError(-32602, 'tablespec.query needs { sql }.');
      progress.begin('TableSpec: query', undefined, environment, true);
      const r = await runQuery(workspace, environment, args.sql, args.limit ?? 1000, controller.signal);
      return { columns: r.columns, rows: r.rows, stats: r.stats, sql: r.sql };
    }
    if (command === 'tablespec.server.verify') {
      const tier = args.tier ?? 3;
      if (tier !== 1 && tier !== 2 && tier !== 3) throw new ResponseError(-32602, 'tablespec.verify takes { tier: 1 | 2 | 3 }.');
      if (args.seed !== undefined && !(Number.isSafeInteger(args.seed) && args.seed >= 0)) throw new ResponseError(-32602, 'tablespec.verify takes { seed: a whole number }.');
      progress.begin('TableSpec: verify', undefined, environment, true);
      const r = await runVerify({ file, environment, tier, workspace, ...(args.seed !== undefined ? { seed: args.seed } : {}), ...(typeof args.against === 'string' ? { against: args.against } : {}), ...(args.salt ? { salt: args.salt } : {}), signal: controller.signal, onProgress: (p) => report(p.message) });
      return { operation: 'verify', text: r.text, result: r.result };
    }
    const operation = operationCommands[command];
    if (!operation) throw new ResponseError(-32601, l10n.t('Unknown command {0}.', command));
    progress.begin(`TableSpec: ${operation}`, undefined, environment, true);
    const r = await runOperation({
      operation,
      file,
      environment,
      workspace,
      ...(args.confirmation ? { confirmation: args.confirmation } : {}),
      ...(args.limit !== undefined ? { limit: args.limit } : {}),
      ...(args.expected !== undefined ? { expected: args.expected } : {}),
      ...(args.salt ? { salt: args.salt } : {}),
      signal: controller.signal,
      onProgress: (p) => report(p.message),
    });
    if (operation === 'deploy') host.deployed(uri);
    if (operation === 'preview') {
      const p = r.result as { columns: unknown; rows: unknown; stats: unknown; sql: string };
      return { operation, text: r.text, result: { columns: p.columns, rows: p.rows, stats: p.stats, sql: p.sql } };
    }
    return { operation, text: r.text, result: r.result };
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    const e = asOperationError(err);
    throw new ResponseError(e.kind === 'cancelled' ? -32800 : -32603, e.message, { kind: e.kind, detail: e.detail, ...(e.ask ? { ask: e.ask } : {}) });
  } finally {
    progress.done();
  }
}
