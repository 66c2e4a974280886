/**
 * `npm run bench:diagnose`: classifies a 200 MB gzipped container log (generated once, kept in the temp
 * folder) in two child processes, and reports each one's peak RSS (getrusage maxrss) and time:
 *   - the built CLI (`tablespec diagnose --log … --format json`), whose bundle alone takes about 65 MB;
 *   - the classifier alone (server/src/runs/classify-log.ts bundled by esbuild), what a caller such as
 *     the language server adds.
 * The target: under 100 MB of memory, whatever the log's size, because the log is read as a stream.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip, constants } from 'node:zlib';
import { buildSync } from 'esbuild';

const TARGET_GZ_BYTES = 200 * 1024 * 1024;
const LIMIT_MB = 100;
const file = join(tmpdir(), 'tablespec-bench-container-200mb.log.gz');
const cli = join(__dirname, '..', 'server', 'out', 'cli.js');

/** A Spark executor's container log: varied INFO lines (ids, sizes, hosts) so that gzip compresses it as it does real logs. */
async function generate(): Promise<void> {
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: constants.Z_BEST_SPEED });
  const out = createWriteStream(partial);
  gzip.pipe(out);
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  let written = 0;
  let t = Date.UTC(2024, 2, 7, 3, 0, 0);
  let oraWritten = false;
  while (statSafe(partial) < TARGET_GZ_BYTES) {
    let chunk = '';
    for (let i = 0; i < 5000; i++) {
      t += Math.floor(rnd() * 40);
      const ts = new Date(t)
        .toISOString()
        .replace('T', ' ')
        .replace('Z', '')
        .slice(2)
        .replace(/-/g, '/')
        .replace(/\.\d+$/, '');
      const tid = Math.floor(rnd() * 100000);
      const r = rnd();
      if (r < 0.4) chunk += `${ts} INFO Executor: Finished task ${tid}.0 in stage ${Math.floor(rnd() * 40)}.0 (TID ${tid}). ${Math.floor(rnd() * 9000) + 1000} bytes result sent to driver\n`;
      else if (r < 0.7)
        chunk += `${ts} INFO ShuffleBlockFetcherIterator: Getting ${Math.floor(rnd() * 400)} (${(rnd() * 900).toFixed(1)} MiB) non-empty blocks including ${Math.floor(rnd() * 40)} (${(rnd() * 90).toFixed(1)} MiB) local and 0 host-local and ${Math.floor(rnd() * 300)} remote blocks\n`;
      else if (r < 0.9)
        chunk += `${ts} INFO MemoryStore: Block broadcast_${tid}_piece0 stored as bytes in memory (estimated size ${(rnd() * 99).toFixed(1)} KiB, free ${(rnd() * 3000).toFixed(1)} MiB)\n`;
      else
        chunk += `${ts} INFO JDBCRDD: closed connection for partition ${Math.floor(rnd() * 256)} on ip-10-20-${Math.floor(rnd() * 255)}-${Math.floor(rnd() * 255)}.ap-northeast-2.compute.internal\n`;
    }
    if (!oraWritten && statSafe(partial) > TARGET_GZ_BYTES * 0.9) {
      chunk += 'Caused by: java.sql.SQLException: ORA-01555: snapshot too old: rollback segment number 14 with name "_SYSSMU14_2841730361$" too small\n';
      oraWritten = true;
    }
    written += chunk.length;
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'close');
  renameSync(partial, file);
  console.log(`generated ${file}: ${(statSync(file).size / 2 ** 20).toFixed(0)} MB gzipped, ${(written / 2 ** 20).toFixed(0)} MB of text`);
}

function statSafe(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0;
  }
}

function measure(label: string, script: string): boolean {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const seconds = (Date.now() - started) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  const [result, usage] = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const peakMb = usage.maxRssKb / 1024;
  console.log(`\n${label}`);
  console.log(`log: ${(statSync(file).size / 2 ** 20).toFixed(0)} MB gzipped, ${(result.bytes / 2 ** 20).toFixed(0)} MB decompressed, ${result.lines} lines`);
  console.log(`diagnoses: ${result.rules.join('; ') || 'none'} (exit ${usage.code})`);
  console.log(`time: ${seconds.toFixed(1)} s (${(result.bytes / 2 ** 20 / seconds).toFixed(0)} MB/s decompressed)`);
  console.log(`peak RSS: ${peakMb.toFixed(1)} MB (limit ${LIMIT_MB} MB) — ${peakMb < LIMIT_MB ? 'OK' : 'OVER'}`);
  return peakMb < LIMIT_MB;
}

async function main(): Promise<void> {
  if (!existsSync(file)) await generate();
  const report = `(j)=>{console.log(JSON.stringify({lines:j.lines,bytes:j.bytes,rules:j.diagnoses.map(d=>d.rule+'@'+d.evidence.map(e=>e.line).join(','))}))}`;
  const cliScript = `require(${JSON.stringify(cli)}).main(['diagnose','--log',${JSON.stringify(file)},'--format','json'],{out:(s)=>(${report})(JSON.parse(s)),err:(s)=>console.error(s)}).then((code)=>console.log(JSON.stringify({code,maxRssKb:process.resourceUsage().maxRSS})))`;
  const bundle = join(tmpdir(), 'tablespec-bench-classify.js');
  buildSync({ entryPoints: [join(__dirname, '..', 'server', 'src', 'runs', 'classify-log.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
  const coreScript = `require(${JSON.stringify(bundle)}).classifyLog(require('node:fs').createReadStream(${JSON.stringify(file)},{highWaterMark:65536})).then((j)=>{(${report})(j);console.log(JSON.stringify({code:j.diagnoses.length?0:1,maxRssKb:process.resourceUsage().maxRSS}))})`;
  const cliOk = measure('tablespec diagnose (the built CLI)', cliScript);
  const coreOk = measure('classifier alone (classify-log.ts)', coreScript);
  if (!cliOk || !coreOk) process.exitCode = 1;
}

void main();
