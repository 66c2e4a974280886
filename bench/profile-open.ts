/**
 * Profiles the language server opening a workspace: starts the built server under `node --cpu-prof`
 * on DIR (default: a generated workspace of 1,000 specs), waits for every spec's diagnostics, then
 * shuts it down through LSP shutdown/exit so that the profile is written to PROFILE_DIR (default ./.profiles).
 */
import { pathToFileURL } from 'node:url';
import { findSpecFiles } from '../server/src/workspace/find-files';
import { makeWorkspace } from './make-workspace';
import { startProfiledServer } from './profiled-server';

const root = process.env.DIR ?? makeWorkspace(1000, 60);
const { server, conn } = startProfiledServer();
const waiting = new Set(findSpecFiles([root]).map((f) => pathToFileURL(f).toString()));
let done: () => void;
const all = new Promise<void>((r) => (done = r));
conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
  waiting.delete(p.uri);
  if (waiting.size === 0) done();
});
conn.listen();

(async () => {
  const t = performance.now();
  const uri = pathToFileURL(root).toString();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  await all;
  console.log(`open → all diagnostics ${(performance.now() - t).toFixed(0)} ms`);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((r) => server.on('exit', r));
  conn.dispose();
})();
