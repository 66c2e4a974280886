/**
 * How fast the value scan reads a column: 1 million sampled values per column, for columns of each kind
 * of personal data and for clean columns (IDs, amounts, dates, codes, memos), in this process.
 * The bound: within a second per column. Run with `npm run bench:scan`.
 */
import { cpus, loadavg } from 'node:os';
import { scanValues } from '../server/src/privacy/scan-values';
import { scanEndToEnd } from './scan-e2e';
import * as gen from '../test/helpers/pii-values';

const N = Number(process.env.SCAN_BENCH_VALUES ?? 1_000_000);
const r = gen.rng(2026);
const columns: [string, () => string][] = [
  ['rrn', () => gen.rrn(r)],
  ['rrn bare', () => gen.rrn(r, true, false)],
  ['card_no', () => gen.cardNumber(r)],
  ['phone', () => gen.mobile(r)],
  ['account_no', () => gen.account(r)],
  ['email', () => gen.email(r)],
  ['passport', () => gen.passport(r)],
  ['clean id (13 digits)', () => gen.cleanValue(r, 'id13')],
  ['clean id (16 digits)', () => gen.cleanValue(r, 'id16')],
  ['clean amount', () => gen.cleanValue(r, 'amount')],
  ['clean date', () => gen.cleanValue(r, 'date')],
  ['clean memo', () => gen.cleanValue(r, 'memo')],
];

console.log(`Value scan: ${N.toLocaleString('en')} sampled values per column (node ${process.version})\n`);
// Wall-clock time is the bound; CPU time is printed too, as the machines these run on are shared.
console.log('| column | findings | wall time | CPU time | values/s |');
console.log('| --- | --- | ---: | ---: | ---: |');
let worst = 0;
for (const [name, make] of columns) {
  const values = Array.from({ length: N }, make);
  scanValues(values.slice(0, 10_000)); // warm the JIT
  const cpu = process.cpuUsage();
  const t = performance.now();
  const s = scanValues(values);
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  worst = Math.max(worst, ms);
  const found = s.findings.map((f) => `${f.kind} ${f.matched.toLocaleString('en')}`).join(', ') || 'none';
  console.log(`| ${name} | ${found} | ${ms.toFixed(0)} ms | ${cpuMs.toFixed(0)} ms | ${Math.round((N / ms) * 1000).toLocaleString('en')} |`);
}
console.log(`\nSlowest column: ${worst.toFixed(0)} ms (bound: 1000 ms per column). Load average: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs.`);

// End to end: sampling 1,000,000 rows of a 4-column extract with DuckDB, handing them over, validating.
void scanEndToEnd(N).then((e) => {
  console.log(
    `\nEnd to end, \`scan --sample ${N.toLocaleString('en')}\` of a ${N.toLocaleString('en')}-row, ${e.columns}-column CSV extract (local DuckDB): ${e.totalMs.toFixed(0)} ms, ${e.perColumnMs.toFixed(0)} ms per column; CPU time of all threads (DuckDB's included) ${e.cpuMs.toFixed(0)} ms (${e.findings.join('; ')}). Load average: ${loadavg()[0]!.toFixed(1)}.`,
  );
  if (worst > 1000 || e.perColumnMs > 1000) process.exitCode = 1;
});
