/**
 * How fast, how big, on a workspace of 1,000 specs of 60 columns (about 4 MB, see make-workspace.ts),
 * side by side in one run:
 * (a) the parse-only floor: a node process that reads the same files and parses them with the `yaml`
 *     package, nothing else;
 * (b) `tablespec check DIR --format json` (the built CLI): wall time and peak RSS;
 * (c) the language server over stdio opening the workspace, to the diagnostics of every spec: time,
 *     and the server's peak RSS (VmHWM);
 * (d) per keystroke, didChange → diagnostics in one spec of that workspace, and in a workspace of one;
 * (e) at 1,000 columns in one spec, per keystroke, against yaml-language-server's validation: a digit typed and
 *     deleted again in a column's type (the column stays where it is), and a word typed into a column's comment
 *     one character after another (the 500 columns after it move with each keystroke, as when typing).
 * Each of (a)–(c) runs BENCH_RUNS times (default 3) and the median is shown: the machine may be shared.
 * Run with `npm run bench:workspace` (it builds first).
 */
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineIndex } from '../server/src/core/line-index';
import { findSpecFiles } from '../server/src/workspace/find-files';
import { LspClient, uriOf } from '../test/helpers/lsp-client';
import { commentSpot, makeSpec, typingSpot } from './make-spec';
import { yamlLanguageServer } from './yaml-reference';
import { makeWorkspace, makeWorkspaceSpec, tableName, workspaceConfig } from './make-workspace';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const specs = Number(process.env.BENCH_SPECS ?? 1000);
const cli = join(__dirname, '..', 'server', 'out', 'cli.js');
const yamlPackage = require.resolve('yaml');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const ms = (x: number) => (x < 10 ? `${x.toFixed(2)} ms` : x < 10_000 ? `${x.toFixed(0)} ms` : `${(x / 1000).toFixed(1)} s`);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

const scratch = mkdtempSync(join(tmpdir(), 'tablespec-bench-tools-'));
// Loaded into each child with --require: prints its peak RSS (worker threads included) as it exits.
const peakRss = join(scratch, 'peak-rss.cjs');
writeFileSync(
  peakRss,
  `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\npeak-rss-kb=' + u.maxRSS + ' cpu-us=' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n`,
);
// The floor: read every spec and parse it with the yaml package, one after the other, and nothing else.
const floor = join(scratch, 'parse-floor.cjs');
writeFileSync(
  floor,
  `const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseDocument } = require(${JSON.stringify(yamlPackage)});
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\\.table\\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
let errors = 0;
for (const file of walk(process.argv[2])) errors += parseDocument(readFileSync(file, 'utf8')).errors.length;
process.stdout.write(String(errors));
`,
);

/** Runs node with `args`; returns its wall time, CPU time (all threads), peak RSS and output. */
function timeNode(args: string[], env: Record<string, string> = {}): Promise<{ ms: number; cpuMs: number; rssKb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', peakRss, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', () => {
      const elapsed = performance.now() - started;
      const rss = /peak-rss-kb=(\d+) cpu-us=(\d+)/.exec(stderr);
      if (!rss) return reject(new Error(`no peak RSS from node ${args.join(' ')}:\n${stderr}`));
      resolve({ ms: elapsed, cpuMs: Number(rss[2]) / 1000, rssKb: Number(rss[1]), stdout });
    });
  });
}

/** The server's CPU time so far (all its threads), from /proc. */
function serverCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // utime and stime, the 14th and 15th fields of stat (12th and 13th after the command), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}
const clockTicks = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;

/** The server's peak resident memory so far. */
function serverPeakKb(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** Types a digit into the text at `spot` and deletes it again, `strokes` times; each time, didChange → that version's diagnostics. */
async function typeInto(client: LspClient, uri: string, text: string, spot: number, strokes: number): Promise<number[]> {
  const pos = new LineIndex(text).position(spot);
  const times: number[] = [];
  for (let k = 0; k < strokes; k++) {
    const insert = k % 2 === 0;
    const range = insert ? { start: pos, end: pos } : { start: pos, end: { line: pos.line, character: pos.character + 1 } };
    const t = performance.now();
    const version = await client.edit(uri, range, insert ? '0' : '');
    await client.diagnosticsFor(uri, (p) => p.version === version, 60_000);
    times.push(performance.now() - t);
  }
  return times;
}

/** Types `word` at `spot`, one character after another; each time, didChange → that version's diagnostics. */
async function typeOn(client: LspClient, uri: string, text: string, spot: number, word: string): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < word.length; k++) {
    const pos = new LineIndex(text).position(spot + k);
    text = text.slice(0, spot + k) + word[k] + text.slice(spot + k);
    const t = performance.now();
    const version = await client.edit(uri, { start: pos, end: pos }, word[k]!);
    await client.diagnosticsFor(uri, (p) => p.version === version, 60_000);
    times.push(performance.now() - t);
  }
  return times;
}

/** Where the typing goes in a generated spec: into the precision of its first amount column. */
function workspaceSpot(text: string): number {
  return text.indexOf('NUMBER(15', text.indexOf('name: amt_10\n')) + 'NUMBER(15'.length;
}

/** Starts a server on `root`, waits for the diagnostics of every spec there; returns the time and the client (still running). */
async function openWorkspace(root: string): Promise<{ ms: number; client: LspClient }> {
  const uris = findSpecFiles([root]).map(uriOf);
  const client = new LspClient();
  const t = performance.now();
  await client.initialize(root);
  for (const uri of uris) await client.diagnosticsFor(uri, undefined, 300_000);
  return { ms: performance.now() - t, client };
}

(async () => {
  const root = makeWorkspace(specs, 60);
  const files = findSpecFiles([root]);
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  console.log(
    `TableSpec workspace benchmark, node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`${files.length} specs of 60 columns, ${(bytes / 1048576).toFixed(1)} MB, in ${root}; medians of ${runs} runs`);

  // (a) and (b), alternated so that both see the same load.
  const floorRuns: { ms: number; cpuMs: number; rssKb: number }[] = [];
  const cliRuns: { ms: number; cpuMs: number; rssKb: number }[] = [];
  let problems = 0;
  for (let r = 0; r < runs; r++) {
    floorRuns.push(await timeNode([floor, root]));
    const c = await timeNode([cli, 'check', root, '--format', 'json']);
    problems = (JSON.parse(c.stdout) as unknown[]).length;
    cliRuns.push(c);
  }
  const floorMs = median(floorRuns.map((r) => r.ms));
  const cliMs = median(cliRuns.map((r) => r.ms));
  const cliKb = median(cliRuns.map((r) => r.rssKb));
  const floorCpu = median(floorRuns.map((r) => r.cpuMs));
  const cliCpu = median(cliRuns.map((r) => r.cpuMs));
  console.log(`\n(a) parse-only floor (yaml package)     ${ms(floorMs)}   CPU ${ms(floorCpu)}   ${mb(median(floorRuns.map((r) => r.rssKb)))}   runs: ${floorRuns.map((r) => ms(r.ms)).join(', ')}`);
  console.log(`(b) tablespec check --format json       ${ms(cliMs)}   CPU ${ms(cliCpu)}   ${mb(cliKb)}   runs: ${cliRuns.map((r) => ms(r.ms)).join(', ')}   (${problems} problems)`);
  console.log(`    ratio to the floor: ${(cliMs / floorMs).toFixed(2)}`);

  // (c) the language server opening the workspace; (d) typing in one of its specs.
  const openRuns: number[] = [];
  const openKb: number[] = [];
  const openCpu: number[] = [];
  let inBig: number[] = [];
  const typed = join(root, 'specs', tableName(501).replace(/_\d+$/, ''), `${tableName(501)}.table.yaml`);
  const typedText = readFileSync(typed, 'utf8');
  for (let r = 0; r < runs; r++) {
    const { ms: opened, client } = await openWorkspace(root);
    openRuns.push(opened);
    openKb.push(serverPeakKb(client.pid));
    openCpu.push(serverCpuMs(client.pid));
    if (r === runs - 1) {
      const uri = uriOf(typed);
      await client.open(uri, typedText);
      await client.diagnosticsFor(uri, (p) => p.version === 1, 60_000);
      inBig = await typeInto(client, uri, typedText, workspaceSpot(typedText), 60);
    }
    await client.stop();
  }
  console.log(`(c) language server, open → all diagnostics   ${ms(median(openRuns))}   server CPU ${ms(median(openCpu))}   server peak ${mb(median(openKb))}   runs: ${openRuns.map(ms).join(', ')}`);

  const alone = mkdtempSync(join(tmpdir(), 'tablespec-bench-one-'));
  writeFileSync(join(alone, 'tablespec.yaml'), workspaceConfig);
  writeFileSync(join(alone, `${tableName(501)}.table.yaml`), makeWorkspaceSpec(501));
  const one = await openWorkspace(alone);
  const uriAlone = uriOf(join(alone, `${tableName(501)}.table.yaml`));
  await one.client.open(uriAlone, typedText);
  await one.client.diagnosticsFor(uriAlone, (p) => p.version === 1, 60_000);
  const inOne = await typeInto(one.client, uriAlone, typedText, workspaceSpot(typedText), 60);
  await one.client.stop();
  console.log(`(d) typing in one spec, ${files.length} specs   median ${ms(median(inBig))}   p95 ${ms(p95(inBig))}`);
  console.log(`    typing in one spec, workspace of one  median ${ms(median(inOne))}   p95 ${ms(p95(inOne))}`);

  // (e) 1,000 columns in one spec against yaml-language-server.
  const wide = makeSpec(1000);
  const spot = typingSpot(wide, 1000);
  const texts: string[] = [];
  let text = wide;
  for (let k = 0; k < 40; k++) texts.push((text = k % 2 === 0 ? text.slice(0, spot) + '0' + text.slice(spot) : text.slice(0, spot) + text.slice(spot + 1)));
  const yls = await yamlLanguageServer(texts);
  // A word typed into the middle column's comment: the same texts for yaml-language-server.
  const word = ' balance at month end, in KRW';
  const at = commentSpot(wide, 1000);
  const words: string[] = [];
  for (let k = 1; k <= word.length; k++) words.push(wide.slice(0, at) + word.slice(0, k) + wide.slice(at));
  const ylsWord = await yamlLanguageServer(words);
  const wideDir = mkdtempSync(join(tmpdir(), 'tablespec-bench-wide-'));
  writeFileSync(join(wideDir, 'tablespec.yaml'), workspaceConfig);
  const wideClient = new LspClient();
  await wideClient.initialize(wideDir);
  const wideUri = uriOf(join(wideDir, 'wide.table.yaml'));
  await wideClient.open(wideUri, wide);
  await wideClient.diagnosticsFor(wideUri, (p) => p.version === 1, 60_000);
  const ours = await typeInto(wideClient, wideUri, wide, spot, 40);
  // Back to the text as opened (the 40 strokes typed and deleted 20 digits each), then the word.
  const oursWord = await typeOn(wideClient, wideUri, wide, at, word);
  await wideClient.stop();
  console.log(`(e) 1,000 columns: yaml-language-server validation   median ${ms(median(yls))}   p95 ${ms(p95(yls))}`);
  console.log(`    1,000 columns: TableSpec didChange → diagnostics  median ${ms(median(ours))}   p95 ${ms(p95(ours))}   ratio ${(median(ours) / median(yls)).toFixed(3)}`);
  console.log(
    `    typing a word into a comment: yaml-language-server median ${ms(median(ylsWord))}; TableSpec median ${ms(median(oursWord))}   p95 ${ms(p95(oursWord))}   ratio ${(median(oursWord) / median(ylsWord)).toFixed(3)}`,
  );

  const verdicts: [string, string, string, string, boolean][] = [
    ['CLI check, wall time (CPU time, all threads)', `${ms(floorMs)} (${ms(floorCpu)})`, `${ms(cliMs)} (${ms(cliCpu)})`, '≤ 1.5× floor', cliMs <= 1.5 * floorMs],
    ['CLI check, peak RSS', '', mb(cliKb), '< 250 MB', cliKb < 250 * 1024],
    ['LSP open → all diagnostics (server CPU time)', '', `${ms(median(openRuns))} (${ms(median(openCpu))})`, '< 3 s', median(openRuns) < 3000],
    ['LSP server peak RSS', '', mb(median(openKb)), '< 250 MB', median(openKb) < 250 * 1024],
    ['typing, 1,000-spec workspace (median)', ms(median(inOne)), ms(median(inBig)), 'as in a workspace of one', median(inBig) <= median(inOne) * 1.2 + 0.5],
    ['1,000 columns, a digit typed and deleted (median)', ms(median(yls)), ms(median(ours)), '≤ 1/10 of yaml-language-server', median(ours) <= median(yls) / 10],
    ['1,000 columns, a digit typed and deleted (p95)', '', ms(p95(ours)), '< 50 ms', p95(ours) < 50],
    ['1,000 columns, typing a word into a comment (median)', ms(median(ylsWord)), ms(median(oursWord)), '≤ 1/10 of yaml-language-server', median(oursWord) <= median(ylsWord) / 10],
    ['1,000 columns, typing a word into a comment (p95)', '', ms(p95(oursWord)), '< 50 ms', p95(oursWord) < 50],
  ];
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (on ${cpus().length} cores)`,
  );
  console.log('\n| measure | floor / reference | TableSpec | target | met? |\n|---|---|---|---|---|');
  for (const [what, ref, ours_, target, ok] of verdicts) console.log(`| ${what} | ${ref} | ${ours_} | ${target} | ${ok ? 'yes' : 'NO'} |`);
  for (const dir of [root, alone, wideDir, scratch]) rmSync(dir, { recursive: true, force: true });
})();
