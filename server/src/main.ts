/** Language server entry: `node server/out/main.js --stdio` (or IPC when started by the client). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
