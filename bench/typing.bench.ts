/**
 * How fast the squiggles follow the keystrokes. Prints, for 500 and 5,000 columns:
 * - validation per keystroke by yaml-language-server with the same schema (the baseline), and by
 *   TableSpec's checker in the same process, and their ratio;
 * - over LSP (the built server over stdio): didChange → publishDiagnostics, open → first diagnostics,
 *   and completion.
 * Run with `npm run bench` (it builds first).
 */
import { defaultConfig, defaultSettings } from '../server/src/config/workspace-config';
import { createSpecChecker } from '../server/src/document/check-spec';
import { emptyWorkspace } from '../server/src/document/workspace-index';
import { LineIndex } from '../server/src/core/line-index';
import { LspClient } from '../test/helpers/lsp-client';
import { makeSpec, typingSpot } from './make-spec';
import { yamlLanguageServer } from './yaml-reference';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/** The texts of a typing session: digits typed into a column's precision and deleted again. */
function keystrokes(base: string, spot: number, count: number): string[] {
  const out: string[] = [];
  let text = base;
  for (let k = 0; k < count; k++) {
    text = k % 2 === 0 ? text.slice(0, spot) + '0' + text.slice(spot) : text.slice(0, spot) + text.slice(spot + 1);
    out.push(text);
  }
  return out;
}

function tableSpec(base: string, texts: string[]): number[] {
  const check = createSpecChecker();
  const env = { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace };
  check(base, env);
  return texts.map((text) => {
    const t = performance.now();
    check(text, env);
    return performance.now() - t;
  });
}

async function overProtocol(base: string, spot: number, strokes: number) {
  const client = new LspClient();
  await client.initialize();
  const uri = 'file:///bench/wide.table.yaml';
  let t = performance.now();
  await client.open(uri, base);
  await client.diagnosticsFor(uri, undefined, 60_000);
  const open = performance.now() - t;
  const index = new LineIndex(base);
  const pos = index.position(spot);
  const change: number[] = [];
  for (let k = 0; k < strokes; k++) {
    const insert = k % 2 === 0;
    const range = insert ? { start: pos, end: pos } : { start: pos, end: { line: pos.line, character: pos.character + 1 } };
    t = performance.now();
    const version = await client.edit(uri, range, insert ? '0' : '');
    await client.diagnosticsFor(uri, (p) => p.version === version, 60_000);
    change.push(performance.now() - t);
  }
  const complete: number[] = [];
  const oraclePos = { line: pos.line, character: pos.character - 'NUMBER(15'.length };
  for (let k = 0; k < 30; k++) {
    t = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position: oraclePos });
    complete.push(performance.now() - t);
  }
  await client.stop();
  return { open, change, complete };
}

async function run(columns: number, strokes: number) {
  const base = makeSpec(columns);
  const spot = typingSpot(base, columns);
  const texts = keystrokes(base, spot, strokes);
  const yls = await yamlLanguageServer(texts);
  const ours = tableSpec(base, texts);
  const lsp = await overProtocol(base, spot, strokes);
  const kb = (base.length / 1024).toFixed(0);
  console.log(`\n${columns} columns (${kb} KB), ${strokes} keystrokes`);
  console.log(`  yaml-language-server validation   median ${ms(median(yls))}   p95 ${ms(p95(yls))}`);
  console.log(`  TableSpec check (in process)      median ${ms(median(ours))}   p95 ${ms(p95(ours))}`);
  console.log(`  TableSpec didChange → diagnostics median ${ms(median(lsp.change))}   p95 ${ms(p95(lsp.change))}   (over stdio)`);
  console.log(`  ratio, TableSpec over stdio / yaml-language-server: ${(median(lsp.change) / median(yls)).toFixed(3)} (target ≤ 0.2)`);
  console.log(`  completion                        median ${ms(median(lsp.complete))}   p95 ${ms(p95(lsp.complete))}`);
  console.log(`  open → first diagnostics          ${ms(lsp.open)}`);
  return { columns, yls: median(yls), ours: median(ours), change: median(lsp.change), complete: median(lsp.complete), open: lsp.open };
}

(async () => {
  console.log(`TableSpec typing benchmark, node ${process.version}, ${require('node:os').cpus().length} cores`);
  const small = await run(500, 60);
  const large = await run(5000, 20);
  const verdicts = [
    ['500 columns: didChange → diagnostics ≤ 1/5 of yaml-language-server', small.change <= small.yls / 5],
    ['500 columns: didChange → diagnostics median < 30 ms', small.change < 30],
    ['5,000 columns: ≤ 1/5 of yaml-language-server', large.change <= large.yls / 5],
    ['500 columns: completion < 20 ms', small.complete < 20],
    ['500 columns: open → first diagnostics < 150 ms', small.open < 150],
  ] as const;
  console.log('\nTargets:');
  for (const [what, ok] of verdicts) console.log(`  ${ok ? 'met ' : 'MISSED'}  ${what}`);
})();
