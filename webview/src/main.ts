/**
 * The results page in the webview: a preview (rows), a profile (per-column figures and charts) or a
 * reconciliation report. Tabulator draws the grid, Chart.js the charts; colours come from the editor's
 * theme (light, dark, high contrast) through its CSS variables.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';
import { TabulatorFull as Tabulator, type ColumnDefinition } from 'tabulator-tables';
import 'tabulator-tables/dist/css/tabulator_simple.css';
import './main.css';
import type { PageMessage, PanelMessage } from '../../server/src/protocol';
import type { ResultsText } from '../../client/src/results-text';
import { plural } from '../../client/src/plural';
import { differenceLines, differencesByColumn, scannedPerQuery } from './verify-chart';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend);

declare function acquireVsCodeApi(): { postMessage(m: PanelMessage): void };
const vscode = acquireVsCodeApi();

type Column = { name: string; type: string };
/** What the panel posts (server/src/protocol/results-page.ts). */
type Message = PageMessage;

// The words, in the editor's language, from the panel (client/src/results-text.ts).
const text = JSON.parse(document.body.dataset.text ?? '{}') as ResultsText;
/** A word with its `{0}` (and `{1}`) filled in. */
const say = (template: string, value: string | number, other: string | number = '') => template.replace('{0}', String(value)).replace('{1}', String(other));
const language = document.documentElement.lang || 'en';
/** A count in the sentence its language's plural rule picks: `1 row`, `2 rows`. */
const count = (n: number, one: string, other: string) => say(plural(language, n, one, other), n.toLocaleString(language));
const rows = (n: number) => count(n, text.rowsOne, text.rows);

const bar = document.getElementById('bar')!;
const content = document.getElementById('content')!;
let table: Tabulator | undefined;
const charts: Chart[] = [];

const css = (name: string, fallback: string) => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

/** The chart colours of the editor's current theme. */
function chartColors() {
  return { bar: css('--vscode-charts-blue', '#3794ff'), fg: css('--vscode-foreground', '#cccccc'), grid: css('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)') };
}

/** Paints a chart in the theme's colours; the canvas keeps them in data- attributes, for whoever checks. */
function paint(c: Chart): void {
  const { bar, fg, grid } = chartColors();
  const o = c.options as { plugins: { legend: { labels: { color: string } } }; scales: Record<string, { ticks: { color: string }; grid: { color: string } }> };
  o.plugins.legend.labels.color = fg;
  for (const axis of Object.values(o.scales)) {
    axis.ticks.color = fg;
    axis.grid.color = grid;
  }
  for (const d of c.data.datasets) d.backgroundColor = bar;
  c.canvas.dataset.foreground = fg;
  c.canvas.dataset.bar = bar;
  c.update('none');
}

// The editor changes theme by changing the body's class (vscode-light, vscode-dark …) and the CSS variables in
// the style of <html>: the charts follow at once, without running the profile again.
new MutationObserver(() => charts.forEach(paint)).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
new MutationObserver(() => charts.forEach(paint)).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
const numeric = (type: string) => /int|decimal|double|float|real|numeric|bigint/i.test(type);
const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString());
const bytes = (b?: number) => (b === undefined ? '' : b > 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(2)} GB` : b > 1024 ** 2 ? `${(b / 1024 ** 2).toFixed(1)} MB` : `${b} B`);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, onClick: () => void, id: string): HTMLButtonElement {
  const b = el('button', { id, type: 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** RFC 4180 CSV of what the grid shows (filtered and sorted). */
function toCsv(columns: Column[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => cell(c.name)).join(','), ...rows.map((r) => columns.map((c) => cell(r[c.name])).join(','))].join('\r\n') + '\r\n';
}

function reset(): void {
  table?.destroy();
  table = undefined;
  for (const c of charts.splice(0)) c.destroy();
  bar.replaceChildren();
  content.replaceChildren();
}

/** The width, in pixels, of a text in the grid's font: the row numbers' column fits the largest one. */
function textWidth(sample: string, within: HTMLElement): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return sample.length * 9;
  ctx.font = getComputedStyle(within).font || '13px monospace';
  return Math.ceil(ctx.measureText(sample).width);
}

function grid(host: HTMLElement, columns: ColumnDefinition[], data: Record<string, unknown>[], onCount?: (shown: number) => void): Tabulator {
  // The row numbers are a column of their own (Tabulator's row header): range selection reads the first
  // column as the row header otherwise, and leaves the first data column out of what it copies.
  const widest = textWidth('0'.repeat(String(Math.max(1, data.length)).length), host) + 20;
  const t = new Tabulator(host, {
    data,
    columns,
    layout: 'fitDataFill',
    height: '100%',
    renderVertical: 'virtual',
    movableColumns: true,
    resizableColumnFit: false,
    placeholder: text.noRows,
    clipboard: 'copy',
    clipboardCopyStyled: false,
    selectableRange: 1,
    selectableRangeColumns: true,
    selectableRangeRows: true,
    // No filter box, no tooltip (the column defaults would give it both); its width fits the largest number.
    rowHeader: { formatter: 'rownum', headerSort: false, resizable: false, frozen: true, hozAlign: 'right', width: widest, minWidth: widest, ...({ cssClass: 'row-number', headerFilter: false, tooltip: false, maxWidth: false } as object) },
    clipboardCopyConfig: { columnHeaders: true, rowHeaders: false },
    clipboardCopyRowRange: 'range',
    columnDefaults: { resizable: true, headerFilter: 'input', headerFilterPlaceholder: text.filter, maxWidth: 480, tooltip: true },
  });
  // A selection made by the engineer (a click or a drag on the cells or a header, the arrow keys): Copy copies
  // it, not the whole grid. Tabulator keeps a range from the start and moves it itself, so its events do not say.
  host.addEventListener('mousedown', (e) => {
    if ((e.target as HTMLElement).closest('.tabulator-cell:not(.tabulator-row-header), .tabulator-col-title, .tabulator-col-content') && !(e.target as HTMLElement).closest('input')) selected = true;
  });
  host.addEventListener('keydown', (e) => {
    if (/^Arrow|^Page|^Home$|^End$/.test(e.key) && !(e.target as HTMLElement).closest('input')) selected = true;
  });
  t.on('clipboardCopied', () => copied());
  if (onCount) t.on('dataFiltered', (_filters: unknown, shown: unknown[]) => onCount(shown.length));
  selected = false;
  return t;
}

let selected = false;
let copyScope: 'range' | 'active' = 'range';

/** Says what was copied, next to the Copy button, for a few seconds. */
function copied(): void {
  const note = document.getElementById('copied');
  if (!note || !table) return;
  let rowCount: number;
  let columnCount: number;
  if (copyScope === 'range') {
    const data = (table.getRangesData() as Record<string, unknown>[][]).flat();
    rowCount = data.length;
    columnCount = data[0] ? Object.keys(data[0]).length : 0;
  } else {
    rowCount = table.getDataCount('active');
    columnCount = table.getColumns().filter((c) => c.getField() && c.isVisible()).length;
  }
  copyScope = 'range';
  note.textContent = say(text.copied, rows(rowCount), count(columnCount, text.columnsOne, text.columns));
  note.hidden = false;
  clearTimeout(Number(note.dataset.timer));
  note.dataset.timer = String(setTimeout(() => (note.hidden = true), 4000));
}

/** The Copy button: the selection when there is one, else every row the filters keep. */
function copy(): void {
  if (!table) return;
  copyScope = selected && table.getRanges().length ? 'range' : 'active';
  table.copyToClipboard(copyScope);
}

function chart(host: HTMLElement, labels: string[], values: number[], label: string, log = false): void {
  const canvas = el('canvas');
  host.append(canvas);
  const c = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { labels: {} } },
      scales: { x: { ticks: {}, grid: {} }, y: { type: log ? 'logarithmic' : 'linear', ticks: {}, grid: {} } },
    },
  });
  charts.push(c);
  paint(c);
}

function showPreview(m: Extract<Message, { kind: 'preview' }>): void {
  const { result } = m;
  const total = result.rows.length;
  const statsText = (shown: number) => {
    const stats = [result.stats.state ?? '', `${Math.round(result.stats.elapsedMs ?? 0)} ms`, shown === total ? rows(total) : say(plural(language, total, text.shownOfOne, text.shownOf), shown.toLocaleString(language), total.toLocaleString(language))];
    if (result.stats.bytesScanned !== undefined) stats.push(say(text.scanned, bytes(result.stats.bytesScanned)), `$${(result.stats.costUsd ?? 0).toFixed(4)}`);
    return stats.filter(Boolean).join(' · ');
  };
  const statsEl = el('span', { class: 'stats', id: 'stats' }, statsText(total));
  bar.append(el('code', { class: 'sql', title: result.sql }, result.sql), statsEl);
  const note = el('span', { class: 'copied', id: 'copied', role: 'status' });
  note.hidden = true;
  bar.append(
    button(text.copy, copy, 'copy'),
    note,
    button(text.exportCsv, () => vscode.postMessage({ type: 'export', csv: toCsv(result.columns, (table?.getData('active') ?? []) as Record<string, unknown>[]), name: m.title.replace(/^.*?: /, '').replace(/"/g, '').replace(/[^\w.-]+/g, '_') }), 'export'),
  );
  if (result.rows.length >= m.limit) bar.append(button(text.moreRows, () => vscode.postMessage({ type: 'more', limit: m.limit * 10 }), 'more'));
  const host = el('div', { class: 'grid', id: 'grid' });
  content.append(host);
  const columns: ColumnDefinition[] = result.columns.map((c) => ({ title: c.name, field: c.name, headerTooltip: c.type, sorter: numeric(c.type) ? 'number' : 'string', hozAlign: numeric(c.type) ? 'right' : 'left', formatter: (cell) => {
    const v = cell.getValue();
    if (v === null || v === undefined) {
      cell.getElement().classList.add('null');
      return 'NULL';
    }
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  } }));
  // The row count follows the filters.
  table = grid(host, columns, result.rows, (shown) => (statsEl.textContent = statsText(shown)));
}

function showProfile(m: Extract<Message, { kind: 'profile' }>): void {
  const r = m.result;
  bar.append(el('strong', {}, r.table), el('span', { class: 'stats', id: 'stats' }, [rows(r.rows), count(r.columns.length, text.columnsOne, text.columns), ...(r.stats.bytesScanned !== undefined ? [say(text.scanned, bytes(r.stats.bytesScanned))] : [])].join(' · ')));
  const charts = el('div', { class: 'charts' });
  const nulls = el('div', { class: 'chart' });
  const distinct = el('div', { class: 'chart' });
  charts.append(nulls, distinct);
  content.append(charts);
  const names = r.columns.map((c) => c.name);
  chart(nulls, names, r.columns.map((c) => (r.rows ? Math.round((c.nulls / r.rows) * 1000) / 10 : 0)), text.nullPercent);
  chart(distinct, names, r.columns.map((c) => Math.max(1, c.distinct)), text.distinctApprox, true);
  const host = el('div', { class: 'grid', id: 'grid' });
  content.append(host);
  table = grid(host, [
    { title: text.column, field: 'name' },
    { title: text.type, field: 'type' },
    { title: text.nulls, field: 'nulls', sorter: 'number', hozAlign: 'right', formatter: (c) => `${fmt(c.getValue())} (${r.rows ? ((c.getValue() / r.rows) * 100).toFixed(1) : 0}%)` },
    { title: text.distinct, field: 'distinct', sorter: 'number', hozAlign: 'right', formatter: (c) => fmt(c.getValue()) },
    { title: text.min, field: 'min' },
    { title: text.max, field: 'max' },
    { title: text.topValues, field: 'top', formatter: (c) => (c.getValue() as string[]).join(', ') },
  ], r.columns);
}

/** A verify report: the verdict per tier, the differences by column, the bytes Athena scanned, the differing values side by side. */
function showVerify(m: Extract<Message, { kind: 'verify' }>): void {
  const r = m.result;
  const verdict = (agree: boolean | undefined) => (agree === undefined ? '—' : agree ? text.agree : text.differ);
  const tiers = [say(text.tierCounts, verdict(r.counts.agree)), ...(r.checksums ? [say(text.tierChecksums, verdict(r.checksums.agree))] : []), ...(r.sample ? [say(text.tierSample, verdict(r.sample.agree))] : [])];
  const scanned = r.scans ? [say(text.scanned, bytes(r.scans.bytesScanned)), `$${r.scans.costUsd.toFixed(6)}`] : [];
  bar.append(el('strong', { id: 'verdict', 'data-agree': String(r.agree) }, `${r.table} (${r.environment}) · ${say(text.against, r.source)} · ${r.agree ? text.agree : text.differ}`), el('span', { class: 'stats', id: 'stats' }, [...tiers, ...scanned].join(' · ')));
  const host = el('div', { class: 'charts' });
  content.append(host);
  const byColumn = differencesByColumn(r, { missing: text.missing, extra: text.extra, duplicate: text.duplicate });
  if (byColumn.labels.length) {
    const c = el('div', { class: 'chart', id: 'differences-chart' });
    host.append(c);
    chart(c, byColumn.labels, byColumn.values, text.differencesByColumn);
  }
  const perQuery = scannedPerQuery(r);
  if (perQuery.labels.length) {
    const c = el('div', { class: 'chart', id: 'scanned-chart' });
    host.append(c);
    chart(c, perQuery.labels, perQuery.values, text.megabytesScanned);
  }
  const g = el('div', { class: 'grid', id: 'grid' });
  content.append(g);
  table = grid(g, [
    { title: text.partition, field: 'partition' },
    { title: text.key, field: 'key' },
    { title: text.difference, field: 'kind' },
    { title: text.column, field: 'column' },
    { title: text.source, field: 'source', formatter: (x) => x.getValue() ?? 'NULL' },
    { title: text.target, field: 'target', formatter: (x) => x.getValue() ?? 'NULL' },
  ], differenceLines(r));
}

function showReport(m: Extract<Message, { kind: 'report' }>): void {
  const r = m.result;
  const ok = r.rows.filter((x) => x.matched === true).length;
  const bad = r.rows.filter((x) => x.matched === false).length;
  bar.append(el('strong', {}, say(text.reconciliation, r.environment)), el('span', { class: 'stats', id: 'stats' }, [count(r.rows.length, text.tablesOne, text.tables), say(text.matchedCount, ok), say(text.mismatchedCount, bad)].join(' · ')));
  const host = el('div', { class: 'charts' });
  const c = el('div', { class: 'chart wide' });
  host.append(c);
  content.append(host);
  const charted = r.rows.filter((x) => x.source && x.target !== null);
  chart(c, charted.map((x) => x.table), charted.map((x) => Math.round(((x.target ?? 0) / (x.source ?? 1)) * 1000) / 10), text.targetPercent);
  const g = el('div', { class: 'grid', id: 'grid' });
  content.append(g);
  table = grid(g, [
    { title: text.table, field: 'table' },
    { title: text.source, field: 'source', sorter: 'number', hozAlign: 'right', formatter: (x) => fmt(x.getValue()) },
    { title: text.target, field: 'target', sorter: 'number', hozAlign: 'right', formatter: (x) => fmt(x.getValue()) },
    { title: text.status, field: 'matched', formatter: (x) => {
      const row = x.getRow().getData() as { matched: boolean | null; error?: string };
      return row.error ? say(text.error, row.error) : row.matched === null ? text.noSourceCount : row.matched ? text.matched : text.mismatch;
    } },
  ], r.rows);
}

window.addEventListener('message', (event: MessageEvent<Message>) => {
  reset();
  const m = event.data;
  document.title = m.title;
  if (m.kind === 'preview') showPreview(m);
  else if (m.kind === 'profile') showProfile(m);
  else if (m.kind === 'verify') showVerify(m);
  else showReport(m);
});
vscode.postMessage({ type: 'ready' });
