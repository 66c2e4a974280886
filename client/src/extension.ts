/**
 * The VS Code client: starts the TableSpec language server (all checks and operations live there), and puts
 * its commands in front of the engineer: palette, CodeLens, status bar, results grid. It holds no domain
 * logic, so the same server serves any LSP editor and the command line.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SpecCodeLens } from './codelens';
import { registerCommands } from './commands';
import { registerQueryFiles } from './query-files';
import { log, logChannel } from './log';
import { EnvironmentStatus } from './status-bar';
import { oracleAccess } from './oracle-access';
import { catalogState, oracleAccess as oracleAccessRequest, type CatalogState, type InitializationOptions } from '../../server/src/protocol';
import { TablesView } from './tables-view';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('server', 'out', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/*.table.{yaml,yml}' },
      { scheme: 'file', pattern: '**/tablespec.yaml' },
    ],
    outputChannel: logChannel(),
    // In Restricted Mode the server checks but runs nothing and connects nowhere.
    initializationOptions: { trusted: vscode.workspace.isTrusted, locale: vscode.env.language } satisfies InitializationOptions,
    synchronize: { configurationSection: 'tablespec' },
  };
  return new LanguageClient('tablespec', 'TableSpec', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  const status = new EnvironmentStatus();
  const lens = new SpecCodeLens();
  context.subscriptions.push(
    status.item,
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', pattern: '**/*.table.{yaml,yml}' }], lens),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tablespec')) {
        status.update();
        lens.refresh();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      log('Workspace trusted: restarting the server with deploy, load and queries enabled.');
      lens.refresh();
      await client?.restart();
    }),
  );
  registerCommands(context, client, status);
  const sqlLens = registerQueryFiles(context, client, status);
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tablespec') && sqlLens.refresh()));
  client.onNotification(catalogState.method, (s: CatalogState) => status.setCatalog(s.state, s.source));
  client.onRequest(oracleAccessRequest.method, oracleAccess(context));
  const tables = new TablesView(client, () => status.current());
  tables.register(context);
  await client.start();
  await tables.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
