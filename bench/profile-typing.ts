/**
 * Profiles the language server while typing: starts the built server under `node --cpu-prof`, opens a
 * generated spec of COLUMNS columns (default 500), types STROKES keystrokes (default 200), then shuts
 * it down through LSP shutdown/exit so that the profile is written to PROFILE_DIR (default ./.profiles).
 * Prints the median didChange → diagnostics and the number of diagnostics. `node --import tsx bench/profile-typing.ts`
 */
import { readFileSync } from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LineIndex } from '../server/src/core/line-index';
import { makeSpec, typingSpot } from './make-spec';
import { startProfiledServer } from './profiled-server';

const columns = Number(process.env.COLUMNS ?? 500);
const strokes = Number(process.env.STROKES ?? 200);
const { server, conn } = startProfiledServer();
let last: PublishDiagnosticsParams | undefined;
let wake: (() => void) | undefined;
conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
  last = p;
  wake?.();
});
const sent = new Map<string, { count: number; bytes: number }>();
conn.onNotification((method: string, params: unknown) => {
  const s = sent.get(method) ?? { count: 0, bytes: 0 };
  s.count++;
  s.bytes += JSON.stringify(params).length;
  sent.set(method, s);
});
conn.listen();
/** The server's CPU time so far (user + system), in ms, from /proc. */
const serverCpu = () => {
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
const until = async (ok: (p: PublishDiagnosticsParams) => boolean) => {
  while (!last || !ok(last)) await new Promise<void>((r) => (wake = r));
};

(async () => {
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  const uri = 'file:///bench/wide.table.yaml';
  const base = makeSpec(columns);
  const spot = typingSpot(base, columns);
  let t = performance.now();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: base } });
  await until((p) => p.version === 1);
  const open = performance.now() - t;
  const pos = new LineIndex(base).position(spot);
  const times: number[] = [];
  const cpuBefore = serverCpu();
  for (let k = 0; k < strokes; k++) {
    const version = k + 2;
    const range = k % 2 === 0 ? { start: pos, end: pos } : { start: pos, end: { line: pos.line, character: pos.character + 1 } };
    t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: k % 2 === 0 ? '0' : '' }] });
    await until((p) => p.version === version);
    times.push(performance.now() - t);
  }
  const cpuPerStroke = (serverCpu() - cpuBefore) / strokes;
  times.sort((a, b) => a - b);
  console.log(
    `${columns} columns: open ${open.toFixed(1)} ms, didChange → diagnostics median ${times[times.length >> 1]!.toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(2)} ms, ${last!.diagnostics.length} diagnostics, server CPU per keystroke ${cpuPerStroke.toFixed(2)} ms`,
  );
  for (const [m, s] of sent) console.log(`  ${m}: ${s.count} messages, ${s.bytes} bytes`);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((r) => server.on('exit', r));
  conn.dispose();
  if (process.env.PROFILE !== '0') console.log(`profile in ${process.env.PROFILE_DIR ?? '.profiles'}`);
})();
