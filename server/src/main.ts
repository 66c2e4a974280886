/** Language server entry: `node server/out/main.js --stdio` (or IPC when started by the client). */
import { listen } from './lsp/listen';

listen();
