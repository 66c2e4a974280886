/** Starts the language server on the connection the editor opened (stdio, IPC or a socket, as the command line says). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

export function listen(): void {
  startServer(createConnection(ProposedFeatures.all));
}
