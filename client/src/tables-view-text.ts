/**
 * What the TableSpec view says of a table, apart from the vscode API so that it is tested without an
 * editor (see client-text.ts for why `vscode` is a parameter).
 */
import type * as vscode from 'vscode';
import type { AttentionReason, HistoryMark, TableNode } from '../../server/src/protocol/tables-view';
import type { Api } from './client-text';
import { plural } from './plural';

/** What these sentences use of the editor's API (the editor's own, or a stand-in in tests). */
export type ViewApi = Api & Partial<Pick<typeof vscode, 'version'>>;

/** A date of the history as the engineer reads it: `11-02 10:00` in the editor's time zone. */
export function when(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

const resultMark = (m: HistoryMark) => (m.result === 'ok' ? '✓' : m.result === 'skipped' ? '–' : '✗');

/** The one line after a table's name: checks, catalog, last load, reconcile, verify and run. */
export function tableDescription(vscode: ViewApi, t: TableNode): string {
  const parts: string[] = [];
  if (t.checks.errors) parts.push(`✗${t.checks.errors}`);
  if (t.checks.warnings) parts.push(`⚠${t.checks.warnings}`);
  const catalog = catalogText(vscode, t.catalog);
  if (catalog) parts.push(catalog);
  if (t.lastLoad) {
    const rows = t.lastLoad.rows !== undefined ? ` ${t.lastLoad.rows.toLocaleString(vscode.env.language)}` : '';
    parts.push(vscode.l10n.t('load {0}{1} {2}', resultMark(t.lastLoad), rows, when(t.lastLoad.at)));
    if (t.lastLoad.rejected) parts.push(vscode.l10n.t('{0} rejected', t.lastLoad.rejected.toLocaleString(vscode.env.language)));
  }
  if (t.lastReconcile) parts.push(vscode.l10n.t('reconcile {0}', t.lastReconcile.matched === false ? '✗' : resultMark(t.lastReconcile)));
  if (t.lastVerify) parts.push(vscode.l10n.t('verify {0}', resultMark(t.lastVerify)));
  if (t.lastRun) parts.push(vscode.l10n.t('run {0}', resultMark(t.lastRun)));
  return parts.join(' · ');
}

/** The catalog state in words; nothing when unknown. */
export function catalogText(vscode: ViewApi, state: TableNode['catalog']): string {
  if (state === 'deployed') return vscode.l10n.t('deployed');
  if (state === 'drifted') return vscode.l10n.t('drifted');
  if (state === 'not-deployed') return vscode.l10n.t('not deployed');
  return '';
}

/** Why a table needs attention, in words. */
export function reasonText(vscode: ViewApi, reason: AttentionReason): string {
  const words: Record<AttentionReason, () => string> = {
    errors: () => vscode.l10n.t('the spec has errors'),
    'not-deployed': () => vscode.l10n.t('not deployed in this environment'),
    drifted: () => vscode.l10n.t('the deployed table differs from the spec'),
    'load-failed': () => vscode.l10n.t('the last load failed'),
    'rejected-values': () => vscode.l10n.t('the last load had values that did not convert'),
    'reconcile-mismatch': () => vscode.l10n.t('the row counts did not match'),
    'verify-failed': () => vscode.l10n.t('the last verify found differences'),
    'run-failed': () => vscode.l10n.t('the last run failed'),
  };
  return words[reason]();
}

/** The hover of a table: each fact on its line. Plain text (no Markdown: names and users are not markup). */
export function tableTooltip(vscode: ViewApi, t: TableNode, environment: string): string {
  const lines = [`${t.database}.${t.table} · ${environment}`];
  lines.push(vscode.l10n.t('Checks: errors {0}, warnings {1}, notes {2}', t.checks.errors, t.checks.warnings, t.checks.infos));
  const catalog = catalogText(vscode, t.catalog);
  if (catalog) lines.push(vscode.l10n.t('Catalog: {0}', catalog + (t.drift?.length ? ` (${t.drift.join(', ')})` : '')));
  const line = (label: string, m: HistoryMark | undefined, extra = '') =>
    m &&
    lines.push(
      `${label}: ${resultMark(m)} ${m.result} · ${when(m.at)} · ${m.user}${m.rows !== undefined ? ` · ${plural(vscode.env.language, m.rows, vscode.l10n.t('1 row'), vscode.l10n.t('{0} rows', m.rows.toLocaleString(vscode.env.language)))}` : ''}${extra}`,
    );
  line(vscode.l10n.t('Last deploy'), t.lastDeploy);
  line(vscode.l10n.t('Last load'), t.lastLoad, t.lastLoad?.rejected ? ` · ${vscode.l10n.t('{0} rejected', t.lastLoad.rejected)}` : '');
  line(vscode.l10n.t('Last reconcile'), t.lastReconcile);
  line(vscode.l10n.t('Last verify'), t.lastVerify);
  line(vscode.l10n.t('Last run'), t.lastRun);
  if (t.attention.length) lines.push(vscode.l10n.t('Needs attention: {0}', t.attention.map((r) => reasonText(vscode, r)).join('; ')));
  return lines.join('\n');
}

/** The line after an environment's name. */
export function environmentDescription(vscode: ViewApi, e: { engine: string; region?: string; protected: boolean; current: boolean }): string {
  return [e.engine, e.region, e.protected ? vscode.l10n.t('protected') : undefined, e.current ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · ');
}
