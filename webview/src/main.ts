/**
 * The results page in the webview: a preview (rows), a profile (per-column figures and charts) or a
 * reconciliation report. Tabulator draws the grid, Chart.js the charts; colours come from the editor's
 * theme (light, dark, high contrast) through its CSS variables.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';
import { TabulatorFull as Tabulator, type ColumnDefinition } from 'tabulator-tables';
import 'tabulator-tables/dist/css/tabulator_simple.css';
import './main.css';
import type { ResultsText } from '../../client/src/results-text';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LogarithmicScale, Tooltip, Legend);

declare function acquireVsCodeApi(): { postMessage(m: unknown): void };
const vscode = acquireVsCodeApi();

type Column = { name: string; type: string };
type Message =
  | { kind: 'preview'; title: string; result: { columns: Column[]; rows: Record<string, unknown>[]; stats: { state?: string; elapsedMs?: number; bytesScanned?: number; costUsd?: number }; sql: string }; limit: number }
  | { kind: 'profile'; title: string; result: { table: string; rows: number; columns: { name: string; type: string; nulls: number; distinct: number; min: string | null; max: string | null; top: string[] }[]; stats: { elapsedMs?: number; bytesScanned?: number; costUsd?: number } } }
  | { kind: 'report'; title: string; result: { environment: string; generatedAt: string; rows: { table: string; source: number | null; target: number | null; matched: boolean | null; sourceFrom: string; error?: string }[] } };

// The words, in the editor's language, from the panel (client/src/results-text.ts).
const text = JSON.parse(document.body.dataset.text ?? '{}') as ResultsText;
/** A word with its `{0}` filled in. */
const say = (template: string, value: string | number) => template.replace('{0}', String(value));

const bar = document.getElementById('bar')!;
const content = document.getElementById('content')!;
let table: Tabulator | undefined;
const charts: Chart[] = [];

const css = (name: string, fallback: string) => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
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

function grid(host: HTMLElement, columns: ColumnDefinition[], data: Record<string, unknown>[]): Tabulator {
  return new Tabulator(host, {
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
    clipboardCopyConfig: { columnHeaders: true, rowHeaders: false },
    clipboardCopyRowRange: 'range',
    columnDefaults: { resizable: true, headerFilter: 'input', headerFilterPlaceholder: text.filter, maxWidth: 480, tooltip: true },
  });
}

function chart(host: HTMLElement, labels: string[], values: number[], label: string, log = false): void {
  const canvas = el('canvas');
  host.append(canvas);
  const color = css('--vscode-charts-blue', '#3794ff');
  const fg = css('--vscode-foreground', '#cccccc');
  const grid = css('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
  charts.push(
    new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [{ label, data: values, backgroundColor: color }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { labels: { color: fg } } },
        scales: { x: { ticks: { color: fg }, grid: { color: grid } }, y: { type: log ? 'logarithmic' : 'linear', ticks: { color: fg }, grid: { color: grid } } },
      },
    }),
  );
}

function showPreview(m: Extract<Message, { kind: 'preview' }>): void {
  const { result } = m;
  const stats = [result.stats.state ?? '', `${Math.round(result.stats.elapsedMs ?? 0)} ms`, say(text.rows, result.rows.length.toLocaleString())];
  if (result.stats.bytesScanned !== undefined) stats.push(say(text.scanned, bytes(result.stats.bytesScanned)), `$${(result.stats.costUsd ?? 0).toFixed(4)}`);
  bar.append(el('code', { class: 'sql', title: result.sql }, result.sql), el('span', { class: 'stats', id: 'stats' }, stats.filter(Boolean).join(' · ')));
  bar.append(
    button(text.copy, () => table?.copyToClipboard('active'), 'copy'),
    button(text.exportCsv, () => vscode.postMessage({ type: 'export', csv: toCsv(result.columns, (table?.getData('active') ?? []) as Record<string, unknown>[]), name: m.title.replace(/^.*?: /, '').replace(/[^\w.-]+/g, '_') }), 'export'),
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
  table = grid(host, columns, result.rows);
}

function showProfile(m: Extract<Message, { kind: 'profile' }>): void {
  const r = m.result;
  bar.append(el('strong', {}, r.table), el('span', { class: 'stats', id: 'stats' }, [say(text.rows, r.rows.toLocaleString()), say(text.columns, r.columns.length), ...(r.stats.bytesScanned !== undefined ? [say(text.scanned, bytes(r.stats.bytesScanned))] : [])].join(' · ')));
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

function showReport(m: Extract<Message, { kind: 'report' }>): void {
  const r = m.result;
  const ok = r.rows.filter((x) => x.matched === true).length;
  const bad = r.rows.filter((x) => x.matched === false).length;
  bar.append(el('strong', {}, say(text.reconciliation, r.environment)), el('span', { class: 'stats', id: 'stats' }, [say(text.tables, r.rows.length), say(text.matchedCount, ok), say(text.mismatchedCount, bad)].join(' · ')));
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
  else showReport(m);
});
vscode.postMessage({ type: 'ready' });
