/**
 * The operations as LSP commands (`workspace/executeCommand`), for any editor; named `tablespec.server.*`
 * so that they never clash with a client's own commands. Each reports progress
 * and stops when the editor cancels the request. Failures come back as errors whose `data.kind` says
 * which kind (needs-confirmation, expired-session …), so that the client can ask or explain.
 */
import * as l10n from '@vscode/l10n';
import { fileURLToPath } from 'node:url';
import { ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { asOperationError, runOperation, runRecordedQuery, type OperationName } from '../commands/run-operation';
import { readQueryHistory } from '../ops/query-history';
import { planTexts } from '../ops/plan-text';
import { readHistory } from '../ops/history';
import { commandNames, commands, conforms, errorCodes, readOnlyCommands, type CommandName, type CommandParams, type CommandResult, type ErrorData } from '../protocol';
import { readRejected } from '../ops/rejected';
import { findSpecFiles } from '../workspace/find-files';
import type { Workspace } from '../workspace/workspace';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { importProblemLine } from '../oracle/import-problem';
import { applyImport, importedFrom, planImport } from '../oracle/import-specs';
import { parseDdl } from '../oracle/parse-ddl';
import { readDictionary } from '../oracle/read-dictionary';
import { extractMarkdown, specExtractConfig } from '../ops/extract';
import { reportMarkdown, workspaceReport } from '../ops/report';
import { loadSpec, resolveEnvironment } from '../ops/spec-context';
import { openBackend } from '../ops/open-backend';
import { scan, type ScanReport } from '../ops/scan';
import { defaultSampleRows, maxSampleRows } from '../privacy/sample-sql';
import { runVerify } from '../commands/run-verify';
import { newSpec } from '../oracle/new-spec';
import { OperationError } from '../backends/errors';
import { describeChangesForDialog } from '../ops/plan-changes';
import { writeDags } from '../ops/write-dag';
import { DagTemplateError } from '../runs/airflow-dag';
import { diagnoseTables, tableRuns } from '../ops/table-runs';
import { openRunClients } from '../runs/open-airflow';
import { localLogName, saveLog } from '../runs/save-log';

export const operationCommands = {
  'tablespec.server.deploy': 'deploy',
  'tablespec.server.load': 'load',
  'tablespec.server.reconcile': 'reconcile',
  'tablespec.server.preview': 'preview',
  'tablespec.server.profile': 'profile',
} as const satisfies Partial<Record<CommandName, OperationName>>;
/** The other commands of the protocol (server/src/protocol/commands.ts), in its order. */
export const otherCommands = commandNames.filter((c) => !(c in operationCommands));

const readOnly = new Set<string>(readOnlyCommands);

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The parameters of any command; each is checked against its command's shape before it is read. */
export type CommandArgs = { uri: string } & Partial<Intersection<{ [C in CommandName]: CommandParams<C> }[CommandName]>>;

/** A command's result, checked against its shape in the protocol by the compiler. */
const reply = <C extends CommandName>(_command: C, result: CommandResult<C>): CommandResult<C> => result;
/** The first line of an operation's text, as one sentence for a notification: without a Markdown heading's marks or the colon that led to the lines under it. */
const firstLine = (text: string) =>
  text
    .split('\n')[0]!
    .replace(/^#+\s*/, '')
    .replace(/:$/, '');

export interface CommandHost {
  connection: Connection;
  /** False in Restricted Mode: nothing runs, nothing connects. */
  trusted: boolean;
  /**
   * The live workspace of a spec (the editor's unsaved texts and settings, the index kept as the
   * engineer types): what the operations check and act on, instead of the files on disk.
   */
  workspaceOf(uri: string): Workspace;
  refreshCatalog(uri: string): Promise<CommandResult<'tablespec.server.refreshCatalog'>>;
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
    problems.push(...r.problems.map((p) => importProblemLine(input, p)));
    tables.push(...r.tables.values());
  }
  const config = workspace.config;
  const options = {
    defaultEncrypt: config.defaultEncrypt,
    extended: config.maxStringSize === 'extended',
    from: importedFrom(root, (args.dictionary ? [args.dictionary] : args.ddl!).map(resolve)),
    ...(config.defaultDatabase ? { defaultDatabase: config.defaultDatabase } : {}),
  };
  const plan = planImport(tables, resolve(args.out), options, args.tables);
  // A spec the import would change: the texts an editor shows side by side (the spec as it is, and as generated).
  const proposed = new Map(plan.files.map((f) => [f.path, f.text]));
  const files = applyImport(plan.files, resolve(args.out), !!args.overwrite).map((f) =>
    f.status === 'changed' ? { ...f, current: readFileSync(f.path, 'utf8'), proposed: proposed.get(f.path)! } : f,
  );
  return { files, missing: plan.missing, problems };
}

function abortOn(token: CancellationToken): AbortController {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  token.onCancellationRequested(() => controller.abort());
  return controller;
}

export async function executeCommand(host: CommandHost, command: string, args: CommandArgs, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<unknown> {
  const uri = args?.uri;
  if (typeof uri !== 'string' || !uri.startsWith('file:')) throw new ResponseError(errorCodes.invalidParams, `${command} needs { uri } of a file in the workspace.`);
  if (!(command in commands)) throw new ResponseError(errorCodes.unknownCommand, l10n.t('Unknown command {0}.', command));
  // The parameters as the protocol declares them: a wrong one is refused here, not misread further on.
  const wrong = conforms(args, commands[command as CommandName].params, 'arguments[0]');
  if (wrong.length) throw new ResponseError(errorCodes.invalidParams, `${command}: ${wrong.join('; ')}`);
  const file = fileURLToPath(uri);
  const workspace = host.workspaceOf(uri);
  const environment = args.environment ?? workspace.settingsOf(file).environment;
  const controller = abortOn(token);
  const report = (message: string) => progress.report(message);
  if (!host.trusted && !readOnly.has(command)) {
    throw new ResponseError(errorCodes.failed, l10n.t('This workspace is in Restricted Mode: trust it to deploy, load or run queries.'), { kind: 'untrusted' } satisfies ErrorData);
  }
  try {
    if (command === 'tablespec.server.environments') {
      const config = workspace.config;
      return reply(command, {
        current: environment,
        environments: Object.values(config.environments).map((e) => ({ name: e.name, engine: e.engine, protected: e.protected, ...(e.region ? { region: e.region } : {}) })),
      });
    }
    if (command === 'tablespec.server.refreshCatalog') return reply(command, await host.refreshCatalog(uri));
    if (command === 'tablespec.server.history') return reply(command, readHistory(workspace.root));
    if (command === 'tablespec.server.import') return reply(command, importFromEditor(workspace, args));
    if (command === 'tablespec.server.extract') {
      const config = specExtractConfig(loadSpec(file, environment, workspace));
      return reply(command, { ...config, markdown: extractMarkdown(config) });
    }
    if (command === 'tablespec.server.newSpec') {
      const spec = newSpec(workspace.root || dirname(file), args.object!);
      if ('error' in spec) throw new OperationError('invalid-spec', spec.error);
      return reply(command, { ...spec, exists: existsSync(spec.path) });
    }
    if (command === 'tablespec.server.queryHistory') return reply(command, readQueryHistory(workspace.root || dirname(file)));
    if (command === 'tablespec.server.rejected') return reply(command, readRejected(workspace.root || dirname(file), args.sample!));
    if (command === 'tablespec.server.report') {
      progress.begin('TableSpec: reconciliation report', undefined, environment, true);
      const report = await workspaceReport(findSpecFiles([workspace.root]), environment, { ...(args.oracle ? { oracle: true } : {}), signal: controller.signal, workspace });
      return reply(command, { report, markdown: reportMarkdown(report) });
    }
    if (command === 'tablespec.server.planText') {
      // The plan as the texts the editor shows in its diff view: DDL, Glue input, deployed vs spec.
      progress.begin('TableSpec: plan', undefined, environment, true);
      const ctx = loadSpec(file, environment, workspace);
      const { backend } = await openBackend(ctx.root, ctx.environment);
      try {
        const texts = await planTexts(ctx, backend, controller.signal);
        return reply(command, { ...texts, detail: describeChangesForDialog(texts.changes) });
      } finally {
        await backend.close();
      }
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
        return reply(command, r);
      } finally {
        await backend.close();
      }
    }
    if (command === 'tablespec.server.query') {
      progress.begin('TableSpec: query', undefined, environment, true);
      // The query's text comes from the request (a `.sql` file or its selection in the editor): the uri names
      // the file it came from, for the history; the text goes through the same read-only checks as any query.
      const root = workspace.root || dirname(file);
      const source = /\.sql$/i.test(file) && file.startsWith(root + '/') ? file.slice(root.length + 1) : undefined;
      const { report: r, entry } = await runRecordedQuery(workspace, environment, args.sql!, args.limit ?? 1000, { ...(source ? { source } : {}), signal: controller.signal });
      return reply(command, { columns: r.columns, rows: r.rows, stats: r.stats, sql: r.sql, environment, ...(entry ? { historyId: entry.id } : {}) });
    }
    if (command === 'tablespec.server.verify') {
      const tier = args.tier ?? 3;
      if (tier !== 1 && tier !== 2 && tier !== 3) throw new ResponseError(errorCodes.invalidParams, 'tablespec.verify takes { tier: 1 | 2 | 3 }.');
      if (args.seed !== undefined && !(Number.isSafeInteger(args.seed) && args.seed >= 0)) throw new ResponseError(errorCodes.invalidParams, 'tablespec.verify takes { seed: a whole number }.');
      progress.begin('TableSpec: verify', undefined, environment, true);
      const r = await runVerify({
        file,
        environment,
        tier,
        workspace,
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(typeof args.against === 'string' ? { against: args.against } : {}),
        ...(args.salt ? { salt: args.salt } : {}),
        ...(args.confirmation?.yes ? { yes: true } : {}),
        signal: controller.signal,
        onProgress: (p) => report(p.message),
      });
      return reply(command, { operation: 'verify', table: r.result.table, summary: firstLine(r.text), text: r.text, result: r.result, ...(r.warnings ? { warnings: r.warnings } : {}) });
    }
    if (command === 'tablespec.server.dag') {
      const root = workspace.root || dirname(file);
      const out = isAbsolute(args.out!) ? args.out! : join(root, args.out!);
      const r = writeDags(findSpecFiles([root]), { env: environment, out, emrCluster: args.emrCluster!, awsConnId: 'aws_default', remoteWorkspace: '/home/hadoop/tablespec' });
      const files = r.written;
      const errors = r.errors.map(({ file: f, error }) => `${f}: ${error instanceof DagTemplateError ? error.message : asOperationError(error).message}`);
      return reply(command, { files, errors });
    }
    if (command === 'tablespec.server.runs') {
      progress.begin('TableSpec: runs', undefined, environment, true);
      const specs = findSpecFiles([workspace.root || dirname(file)]);
      if (!specs.length) return reply(command, { via: '', tables: [] });
      const clients = await openRunClients(resolveEnvironment(workspace.config, environment));
      const r = await tableRuns(specs, environment, Math.min(100, Math.max(1, Math.trunc(args.recent ?? 5))), clients);
      if (args.logs) {
        report(l10n.t('Reading the logs of the failed tasks…'));
        await diagnoseTables(environment, r.tables, r.via, clients);
      }
      return reply(command, r);
    }
    if (command === 'tablespec.server.runLog') {
      const root = workspace.root || dirname(file);
      const clients = await openRunClients(resolveEnvironment(workspace.config, environment));
      const ref = { dagId: args.dagId!, runId: args.runId!, log: args.log! };
      return reply(command, { path: await saveLog(clients, ref, join(root, '.tablespec', 'logs', localLogName(ref))) });
    }
    const operation = (operationCommands as Record<string, OperationName>)[command]!;
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
    const told = { table: r.table, summary: firstLine(r.text), text: r.text, ...(r.warnings ? { warnings: r.warnings } : {}) };
    switch (r.operation) {
      case 'plan':
        throw new Error('plan is answered by tablespec.server.planText');
      case 'deploy':
        host.deployed(uri);
        return reply('tablespec.server.deploy', { ...told, operation: r.operation, result: r.result, detail: describeChangesForDialog(r.result.changes) });
      case 'load':
        return reply('tablespec.server.load', { ...told, operation: r.operation, result: r.result });
      case 'reconcile':
        return reply('tablespec.server.reconcile', { ...told, operation: r.operation, result: r.result });
      case 'preview': {
        // The rows' text opens with the grid's header: the sentence is the count under it.
        const { columns, rows, stats, sql } = r.result;
        return reply('tablespec.server.preview', { ...told, summary: r.text.split('\n').pop()!, operation: r.operation, result: { columns, rows, stats, sql } });
      }
      case 'profile':
        return reply('tablespec.server.profile', { ...told, operation: r.operation, result: r.result });
    }
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    const e = asOperationError(err);
    const data: ErrorData = { kind: e.kind, ...(e.detail !== undefined ? { detail: e.detail } : {}), ...(e.ask ? { ask: e.ask } : {}), ...(e.command ? { command: e.command } : {}) };
    throw new ResponseError(e.kind === 'cancelled' ? errorCodes.cancelled : errorCodes.failed, e.message, data);
  } finally {
    progress.done();
  }
}
