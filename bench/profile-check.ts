/**
 * The per-keystroke check in process, for a CPU profile: `node --cpu-prof --import tsx bench/profile-check.ts` (COLUMNS, STROKES).
 * By default a digit is typed and deleted again in the middle column's type; TYPE_ON=1 types one digit after
 * another there instead, so that every column after it moves with each keystroke.
 */
import { defaultConfig, defaultSettings } from '../server/src/config/workspace-config';
import { createSpecChecker, indexEntry } from '../server/src/document/check-spec';
import { SpecIndex } from '../server/src/document/workspace-index';
import { makeSpec, typingSpot } from './make-spec';

const columns = Number(process.env.COLUMNS ?? 1000);
const strokes = Number(process.env.STROKES ?? 400);
const base = makeSpec(columns);
const spot = typingSpot(base, columns);
const check = createSpecChecker();
const index = new SpecIndex();
const env = { config: defaultConfig, settings: defaultSettings, workspace: index.viewFor('/w.table.yaml') };
check(base, env);
let text = base;
const times: number[] = [];
const cpu = process.cpuUsage();
for (let k = 0; k < strokes; k++) {
  text = process.env.TYPE_ON ? text.slice(0, spot + k) + '0' + text.slice(spot + k) : k % 2 === 0 ? text.slice(0, spot) + '0' + text.slice(spot) : text.slice(0, spot) + text.slice(spot + 1);
  const t = performance.now();
  const r = check(text, env);
  index.set('/w.table.yaml', indexEntry('/w.table.yaml', r.model));
  times.push(performance.now() - t);
}
const used = process.cpuUsage(cpu);
times.sort((a, b) => a - b);
console.log(
  `${columns} columns: check + index median ${times[times.length >> 1]!.toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(2)} ms, CPU per keystroke ${((used.user + used.system) / 1000 / strokes).toFixed(2)} ms`,
);
