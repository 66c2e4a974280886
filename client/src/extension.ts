/**
 * The VS Code client: starts the TableSpec language server for `*.table.yaml` and `tablespec.yaml`.
 * It holds no domain logic; commands, CodeLens and the results grid come with the client issue.
 */
import * as path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/*.table.{yaml,yml}' },
      { scheme: 'file', pattern: '**/tablespec.yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'tablespec' },
  };
  client = new LanguageClient('tablespec', 'TableSpec', serverOptions, clientOptions);
  context.subscriptions.push(workspace.onDidChangeConfiguration(() => undefined));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
