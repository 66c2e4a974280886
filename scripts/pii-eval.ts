/**
 * Precision and recall of the personal-data detector over the labelled column list
 * (test/fixtures/pii/labelled-columns.tsv). Prints a Markdown table (kept in the README) and the misses;
 * exits 1 when a trap (a near miss that must stay quiet) raises anything. Run with `npm run pii:eval`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePii, readLabelled } from '../test/helpers/pii-labelled';

const file = join(import.meta.dirname, '..', 'test', 'fixtures', 'pii', 'labelled-columns.tsv');
const rows = readLabelled(readFileSync(file, 'utf8'));
const r = evaluatePii(rows);
const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)} %`);
console.log(`${rows.length} labelled columns (${r.positives} personal data, ${rows.length - r.positives} not; ${r.traps} traps)\n`);
console.log('| kind | labelled | reported | correct | precision | recall |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const k of r.kinds) console.log(`| ${k.kind} | ${k.labelled} | ${k.reported} | ${k.correct} | ${pct(k.precision)} | ${pct(k.recall)} |`);
console.log(`| **any personal data** | ${r.positives} | ${r.reportedAny} | ${r.correctAny} | ${pct(r.precisionAny)} | ${pct(r.recallAny)} |`);
console.log(`| **exact kind** | ${r.positives} | ${r.reportedAny} | ${r.correctKind} | ${pct(r.precisionKind)} | ${pct(r.recallKind)} |`);
console.log(`\nFalse alarms on traps: ${r.trapAlarms.length}`);
for (const m of r.mistakes)
  console.log(`  ${m.expected.padEnd(14)} got ${m.got.padEnd(14)} ${m.row.name}${m.row.source ? ` (source ${m.row.source})` : ''}${m.row.comment ? ` "${m.row.comment}"` : ''} [${m.row.group}]`);
if (r.trapAlarms.length) process.exitCode = 1;
