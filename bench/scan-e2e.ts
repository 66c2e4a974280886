/** End to end: `scan` of a 1,000,000-row extract with --sample 1000000 on the local engine, per column. */
import { openSync, writeSync, closeSync } from 'node:fs';
import { openBackend } from '../server/src/ops/open-backend';
import { scan } from '../server/src/ops/scan';
import { loadSpec } from '../server/src/ops/spec-context';
import * as gen from '../test/helpers/pii-values';
import { tempWorkspace } from '../test/helpers/temp-workspace';

export async function scanEndToEnd(rows: number): Promise<{ columns: number; totalMs: number; perColumnMs: number; cpuMs: number; findings: string[] }> {
  const spec = `table: e2e\ndatabase: card_dw\nkind: source\nsource: { object: CARD.E2E }\nload: { mode: overwrite }\ncolumns:\n  - { name: ref_no, oracle: VARCHAR2(14) }\n  - { name: card_ref, oracle: VARCHAR2(19) }\n  - { name: memo, oracle: VARCHAR2(200) }\n  - { name: amt, oracle: NUMBER(15) }\n`;
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'e2e.table.yaml': spec, 'data/.keep': '' });
  try {
    const r = gen.rng(5);
    const fd = openSync(ws.path('data/e2e.csv'), 'w');
    let chunk = 'REF_NO,CARD_REF,MEMO,AMT\n';
    for (let i = 0; i < rows; i++) {
      chunk += `${gen.rrn(r)},${gen.cardNumber(r)},"${gen.cleanValue(r, 'memo')}",${gen.cleanValue(r, 'amount')}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    closeSync(fd);
    const ctx = loadSpec(ws.path('e2e.table.yaml'), 'local');
    const { backend } = await openBackend(ctx.root, ctx.environment);
    try {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const report = await scan(ctx, backend, { rows });
      const totalMs = performance.now() - t;
      const used = process.cpuUsage(cpu);
      return {
        columns: 4,
        totalMs,
        perColumnMs: totalMs / 4,
        cpuMs: (used.user + used.system) / 1000,
        findings: report.findings.map((f) => `${f.column}: ${f.kind} ${f.matched.toLocaleString('en')}`),
      };
    } finally {
      await backend.close();
    }
  } finally {
    ws.remove();
  }
}
