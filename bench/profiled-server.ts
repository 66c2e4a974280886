/**
 * The built language server for the profiling scripts (profile-open.ts, profile-typing.ts): started over
 * stdio under `node --cpu-prof` (unless PROFILE=0), the profile written to PROFILE_DIR (default ./.profiles)
 * when the server is shut down through LSP shutdown/exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export function startProfiledServer(): { server: ChildProcess; conn: MessageConnection } {
  const dir = resolve(process.env.PROFILE_DIR ?? '.profiles');
  mkdirSync(dir, { recursive: true });
  const profile = process.env.PROFILE !== '0';
  const server = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []), join(__dirname, '..', 'server', 'out', 'main.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  // The editor's side of the requests the server sends at start: default settings, registrations accepted.
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  return { server, conn };
}
