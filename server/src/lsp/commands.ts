/**
 * The operations as LSP commands (`workspace/executeCommand`), for any editor: each reports progress
 * and stops when the editor cancels the request. Failures come back as errors whose `data.kind` says
 * which kind (needs-confirmation, expired-session …), so that the client can ask or explain.
 */
import { fileURLToPath } from 'node:url';
import { ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { asOperationError, runOperation, runQuery, type OperationName } from '../commands/run-operation';
import { readHistory } from '../ops/history';
import type { Confirmation } from '../ops/confirm';
import { findWorkspaceRoot } from '../workspace/find-files';

export const operationCommands: Record<string, OperationName> = {
  'tablespec.plan': 'plan',
  'tablespec.deploy': 'deploy',
  'tablespec.load': 'load',
  'tablespec.reconcile': 'reconcile',
  'tablespec.preview': 'preview',
  'tablespec.profile': 'profile',
};
export const otherCommands = ['tablespec.query', 'tablespec.history', 'tablespec.refreshCatalog'];

export interface CommandArgs {
  uri: string;
  environment?: string;
  confirmation?: Confirmation;
  limit?: number;
  sql?: string;
  expected?: number;
  salt?: string;
}

export interface CommandHost {
  connection: Connection;
  /** The spec's text in the editor, when it is open (unsaved changes included). */
  textOf(uri: string): string | undefined;
  environmentOf(uri: string): string;
  refreshCatalog(uri: string): Promise<unknown>;
  /** After a deploy, what the catalog says has changed. */
  deployed(uri: string): void;
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
  const environment = args.environment ?? host.environmentOf(uri);
  const controller = abortOn(token);
  const report = (message: string) => progress.report(message);
  try {
    if (command === 'tablespec.refreshCatalog') return await host.refreshCatalog(uri);
    if (command === 'tablespec.history') return readHistory(findWorkspaceRoot(file) ?? file);
    if (command === 'tablespec.query') {
      if (typeof args.sql !== 'string') throw new ResponseError(-32602, 'tablespec.query needs { sql }.');
      progress.begin('TableSpec: query', undefined, environment, true);
      const r = await runQuery(findWorkspaceRoot(file) ?? file, environment, args.sql, args.limit ?? 1000, controller.signal);
      return { columns: r.columns, rows: r.rows, stats: r.stats, sql: r.sql };
    }
    const operation = operationCommands[command];
    if (!operation) throw new ResponseError(-32601, `Unknown command ${command}.`);
    progress.begin(`TableSpec: ${operation}`, undefined, environment, true);
    const text = host.textOf(uri);
    const r = await runOperation({
      operation,
      file,
      environment,
      ...(text !== undefined ? { text } : {}),
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
    throw new ResponseError(e.kind === 'cancelled' ? -32800 : -32603, e.message, { kind: e.kind, detail: e.detail });
  } finally {
    progress.done();
  }
}
