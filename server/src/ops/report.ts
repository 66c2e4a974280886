/**
 * One reconciliation report for a whole workspace: per table (and per partition), the source count
 * (a live Oracle count, else `source.row_count`) against the target's, matched or not. As JSON, and as
 * Markdown with a chart for the team's wiki or pull request.
 */
import { dirname } from 'node:path';
import { formatGlueType } from '../glue/glue-type';
import { connectOracle, type OracleSession, type PartitionFormat } from '../backends/oracle/live-oracle';
import { requireHostConfirmation } from '../backends/oracle/oracle-access';
import { nodeAt, str } from '../document/yaml-node';
import { asOperationError } from '../backends/errors';
import { readHistory, type HistoryEntry } from './history';
import { openBackend } from './open-backend';
import { reconcile } from './reconcile';
import { loadSpec, type SpecContext } from './spec-context';
import { openWorkspace, type Workspace } from '../workspace/workspace';
import { findWorkspaceRoot } from '../workspace/find-files';

export interface ReportPartition {
  partition: string;
  source: number | null;
  target: number | null;
  matched: boolean | null;
}

export interface ReportRow {
  table: string;
  source: number | null;
  sourceFrom: 'oracle' | 'source.row_count' | 'none';
  target: number | null;
  matched: boolean | null;
  partitions: ReportPartition[];
  /** The last `tablespec verify` of the table on this environment, from the history. */
  verify?: { at: string; agree: boolean; tier?: number };
  error?: string;
}

export interface Report {
  environment: string;
  generatedAt: string;
  rows: ReportRow[];
}

const partitionKey = (values: unknown[]) => values.map((v) => (v === null || v === undefined ? 'NULL' : String(v))).join(', ');

async function oracleCounts(ctx: SpecContext, session: OracleSession) {
  const object = str(nodeAt(ctx.model.root, ['source', 'object']))!;
  const hint = str(nodeAt(ctx.model.root, ['source', 'extract', 'hint']));
  const parts = ctx.plan.partitionBy.map((p) => {
    const c = ctx.plan.columns.find((x) => x.name === p)!;
    const kind = formatGlueType(c.target);
    const format: PartitionFormat = kind === 'date' ? 'date' : kind === 'timestamp' ? 'timestamp' : 'text';
    return { column: c.source, format };
  });
  return session.count(object, hint, parts);
}

/** `session` stands in for the Oracle connection (tests; a connection opened by the caller). */
export async function workspaceReport(
  files: string[],
  environment: string,
  options: {
    oracle?: boolean;
    signal?: AbortSignal;
    session?: OracleSession /** `--yes`: the Oracle host named by tablespec.yaml is confirmed. */;
    yes?: boolean /** The editor's live workspace; by default each spec's is opened from disk, once. */;
    workspace?: Workspace;
  } = {},
): Promise<Report> {
  const rows: ReportRow[] = [];
  const workspaces = new Map<string, Workspace>();
  const workspaceOf = (file: string) => {
    if (options.workspace) return options.workspace;
    const root = findWorkspaceRoot(file) ?? dirname(file);
    let ws = workspaces.get(root);
    if (!ws) workspaces.set(root, (ws = openWorkspace(root)));
    return ws;
  };
  const histories = new Map<string, HistoryEntry[]>();
  let session: OracleSession | undefined = options.session;
  try {
    for (const file of files) {
      let ctx: SpecContext;
      try {
        ctx = loadSpec(file, environment, workspaceOf(file));
      } catch (e) {
        rows.push({ table: file, source: null, sourceFrom: 'none', target: null, matched: null, partitions: [], error: asOperationError(e).message.split('\n')[0]! });
        continue;
      }
      const table = `${ctx.plan.database}.${ctx.plan.table}`;
      const row: ReportRow = {
        table,
        source: ctx.plan.expectedRows ?? null,
        sourceFrom: ctx.plan.expectedRows !== undefined ? 'source.row_count' : 'none',
        target: null,
        matched: null,
        partitions: [],
      };
      if (!histories.has(ctx.root)) histories.set(ctx.root, readHistory(ctx.root));
      const verified = histories
        .get(ctx.root)!
        .filter((h) => h.operation === 'verify' && h.table === table && h.environment === ctx.environment.name && (h.result === 'ok' || h.detail?.agree === false))
        .at(-1);
      if (verified) row.verify = { at: verified.at, agree: verified.result === 'ok', ...(typeof verified.detail?.tier === 'number' ? { tier: verified.detail.tier } : {}) };
      const sourceParts = new Map<string, number>();
      try {
        if (options.oracle && (ctx.config.oracle || session)) {
          if (!session) requireHostConfirmation(ctx.config.oracle!, options.yes ?? false);
          session ??= await connectOracle(ctx.config.oracle!);
          const counted = await oracleCounts(ctx, session);
          row.source = counted.total;
          row.sourceFrom = 'oracle';
          for (const p of counted.partitions) sourceParts.set(partitionKey(p.values), p.rows);
        }
        const { backend } = await openBackend(ctx.root, ctx.environment);
        try {
          const r = await reconcile(ctx, backend, {}, options.signal);
          row.target = r.actual;
          const keys = new Set([...r.partitions.map((p) => partitionKey(Object.values(p.partition))), ...sourceParts.keys()]);
          const targetParts = new Map(r.partitions.map((p) => [partitionKey(Object.values(p.partition)), p.rows]));
          if (sourceParts.size) {
            row.partitions = [...keys].sort().map((k) => {
              const s = sourceParts.get(k) ?? 0;
              const t = targetParts.get(k) ?? 0;
              return { partition: k, source: s, target: t, matched: s === t };
            });
          } else {
            row.partitions = [...targetParts].map(([k, t]) => ({ partition: k, source: null, target: t, matched: null }));
          }
        } finally {
          await backend.close();
        }
        row.matched = row.source === null ? null : row.source === row.target && row.partitions.every((p) => p.matched !== false);
      } catch (e) {
        row.error = asOperationError(e).message.split('\n')[0]!;
      }
      rows.push(row);
    }
  } finally {
    if (session && session !== options.session) await session.close();
  }
  return { environment, generatedAt: new Date().toISOString(), rows };
}

const fmt = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'));
const status = (r: { matched: boolean | null; error?: string }) => (r.error ? '⚠️ error' : r.matched === null ? '— no source count' : r.matched ? '✅ matched' : '❌ mismatch');

export function reportMarkdown(report: Report): string {
  const ok = report.rows.filter((r) => r.matched === true).length;
  const bad = report.rows.filter((r) => r.matched === false).length;
  const unknown = report.rows.length - ok - bad;
  const lines = [
    `# Reconciliation report — ${report.environment}`,
    '',
    `Generated ${report.generatedAt}. ${report.rows.length} tables: **${ok} matched**, **${bad} mismatched**, ${unknown} without a source count or with an error.`,
    '',
  ];
  const charted = report.rows.filter((r) => r.source && r.target !== null);
  if (charted.length) {
    // A mermaid chart renders on GitHub, GitLab and most wikis: target rows as a percentage of the source's.
    const pct = charted.map((r) => Math.round(((r.target ?? 0) / (r.source ?? 1)) * 1000) / 10);
    lines.push(
      '```mermaid',
      'xychart-beta',
      '  title "Target rows, % of source"',
      `  x-axis [${charted.map((r) => `"${r.table.split('.')[1]}"`).join(', ')}]`,
      `  y-axis "%" 0 --> ${Math.max(100, ...pct)}`,
      `  bar [${pct.join(', ')}]`,
      '```',
      '',
    );
  }
  lines.push('| table | source | target | difference | status | last verify |', '| --- | ---: | ---: | ---: | --- | --- |');
  for (const r of report.rows) {
    const diff = r.source !== null && r.target !== null ? (r.target - r.source).toLocaleString('en-US') : '—';
    lines.push(
      `| ${r.table} | ${fmt(r.source)}${r.sourceFrom === 'source.row_count' ? ' (spec)' : ''} | ${fmt(r.target)} | ${diff} | ${status(r)}${r.error ? `: ${r.error.replace(/\|/g, '\\|')}` : ''} | ${r.verify ? `${r.verify.agree ? '✅ agree' : '❌ differ'} (tier ${r.verify.tier ?? '?'}, ${r.verify.at.slice(0, 16).replace('T', ' ')})` : '—'} |`,
    );
  }
  for (const r of report.rows.filter((x) => x.partitions.some((p) => p.matched === false))) {
    lines.push('', `## ${r.table}: partitions that differ`, '', '| partition | source | target | difference |', '| --- | ---: | ---: | ---: |');
    for (const p of r.partitions.filter((x) => x.matched === false))
      lines.push(`| ${p.partition} | ${fmt(p.source)} | ${fmt(p.target)} | ${((p.target ?? 0) - (p.source ?? 0)).toLocaleString('en-US')} |`);
  }
  return lines.join('\n') + '\n';
}
