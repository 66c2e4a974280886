/**
 * The results page in the webview: a preview (rows), a profile (per-column figures and charts) or a
 * reconciliation report. Tabulator draws the grid, Chart.js the charts; colours come from the editor's
 * theme (light, dark, high contrast) through its CSS variables.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LogarithmicScale, Tooltip } from 'chart.js';
import { TabulatorFull as Tabulator, type ColumnDefinition } from 'tabulator-tables';
import 'tabulator-tables/dist/css/tabulator_simple.css';
import './main.css';
import type { HistoryEntry, PageMessage, PanelMessage } from '../../server/src/protocol';
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
    rowHeader: {
      formatter: 'rownum',
      headerSort: false,
      resizable: false,
      frozen: true,
      hozAlign: 'right',
      width: widest,
      minWidth: widest,
      ...({ cssClass: 'row-number', headerFilter: false, tooltip: false, maxWidth: false } as object),
    },
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
    const stats = [
      result.stats.state ?? '',
      `${Math.round(result.stats.elapsedMs ?? 0)} ms`,
      shown === total ? rows(total) : say(plural(language, total, text.shownOfOne, text.shownOf), shown.toLocaleString(language), total.toLocaleString(language)),
    ];
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
    button(
      text.exportCsv,
      () =>
        vscode.postMessage({
          type: 'export',
          csv: toCsv(result.columns, (table?.getData('active') ?? []) as Record<string, unknown>[]),
          name: m.title
            .replace(/^.*?: /, '')
            .replace(/"/g, '')
            .replace(/[^\w.-]+/g, '_'),
        }),
      'export',
    ),
  );
  if (result.rows.length >= m.limit) bar.append(button(text.moreRows, () => vscode.postMessage({ type: 'more', limit: m.limit * 10 }), 'more'));
  const host = el('div', { class: 'grid', id: 'grid' });
  content.append(host);
  const columns: ColumnDefinition[] = result.columns.map((c) => ({
    title: c.name,
    field: c.name,
    headerTooltip: c.type,
    sorter: numeric(c.type) ? 'number' : 'string',
    hozAlign: numeric(c.type) ? 'right' : 'left',
    formatter: (cell) => {
      const v = cell.getValue();
      if (v === null || v === undefined) {
        cell.getElement().classList.add('null');
        return 'NULL';
      }
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    },
  }));
  // The row count follows the filters.
  table = grid(host, columns, result.rows, (shown) => (statsEl.textContent = statsText(shown)));
}

function showProfile(m: Extract<Message, { kind: 'profile' }>): void {
  const r = m.result;
  bar.append(
    el('strong', {}, r.table),
    el(
      'span',
      { class: 'stats', id: 'stats' },
      [rows(r.rows), count(r.columns.length, text.columnsOne, text.columns), ...(r.stats.bytesScanned !== undefined ? [say(text.scanned, bytes(r.stats.bytesScanned))] : [])].join(' · '),
    ),
  );
  const charts = el('div', { class: 'charts' });
  const nulls = el('div', { class: 'chart' });
  const distinct = el('div', { class: 'chart' });
  charts.append(nulls, distinct);
  content.append(charts);
  const names = r.columns.map((c) => c.name);
  chart(
    nulls,
    names,
    r.columns.map((c) => (r.rows ? Math.round((c.nulls / r.rows) * 1000) / 10 : 0)),
    text.nullPercent,
  );
  chart(
    distinct,
    names,
    r.columns.map((c) => Math.max(1, c.distinct)),
    text.distinctApprox,
    true,
  );
  const host = el('div', { class: 'grid', id: 'grid' });
  content.append(host);
  table = grid(
    host,
    [
      { title: text.column, field: 'name' },
      { title: text.type, field: 'type' },
      { title: text.nulls, field: 'nulls', sorter: 'number', hozAlign: 'right', formatter: (c) => `${fmt(c.getValue())} (${r.rows ? ((c.getValue() / r.rows) * 100).toFixed(1) : 0}%)` },
      { title: text.distinct, field: 'distinct', sorter: 'number', hozAlign: 'right', formatter: (c) => fmt(c.getValue()) },
      { title: text.min, field: 'min' },
      { title: text.max, field: 'max' },
      { title: text.topValues, field: 'top', formatter: (c) => (c.getValue() as string[]).join(', ') },
    ],
    r.columns,
  );
}

/** A verify report: the verdict per tier, the differences by column, the bytes Athena scanned, the differing values side by side. */
function showVerify(m: Extract<Message, { kind: 'verify' }>): void {
  const r = m.result;
  const verdict = (agree: boolean | undefined) => (agree === undefined ? '—' : agree ? text.agree : text.differ);
  const tiers = [
    say(text.tierCounts, verdict(r.counts.agree)),
    ...(r.checksums ? [say(text.tierChecksums, verdict(r.checksums.agree))] : []),
    ...(r.sample ? [say(text.tierSample, verdict(r.sample.agree))] : []),
  ];
  const scanned = r.scans ? [say(text.scanned, bytes(r.scans.bytesScanned)), `$${r.scans.costUsd.toFixed(6)}`] : [];
  bar.append(
    el('strong', { id: 'verdict', 'data-agree': String(r.agree) }, `${r.table} (${r.environment}) · ${say(text.against, r.source)} · ${r.agree ? text.agree : text.differ}`),
    el('span', { class: 'stats', id: 'stats' }, [...tiers, ...scanned].join(' · ')),
  );
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
  table = grid(
    g,
    [
      { title: text.partition, field: 'partition' },
      { title: text.key, field: 'key' },
      { title: text.difference, field: 'kind' },
      { title: text.column, field: 'column' },
      { title: text.source, field: 'source', formatter: (x) => x.getValue() ?? 'NULL' },
      { title: text.target, field: 'target', formatter: (x) => x.getValue() ?? 'NULL' },
    ],
    differenceLines(r),
  );
}

function showReport(m: Extract<Message, { kind: 'report' }>): void {
  const r = m.result;
  const ok = r.rows.filter((x) => x.matched === true).length;
  const bad = r.rows.filter((x) => x.matched === false).length;
  bar.append(
    el('strong', {}, say(text.reconciliation, r.environment)),
    el('span', { class: 'stats', id: 'stats' }, [count(r.rows.length, text.tablesOne, text.tables), say(text.matchedCount, ok), say(text.mismatchedCount, bad)].join(' · ')),
  );
  const host = el('div', { class: 'charts' });
  const c = el('div', { class: 'chart wide' });
  host.append(c);
  content.append(host);
  const charted = r.rows.filter((x) => x.source && x.target !== null);
  chart(
    c,
    charted.map((x) => x.table),
    charted.map((x) => Math.round(((x.target ?? 0) / (x.source ?? 1)) * 1000) / 10),
    text.targetPercent,
  );
  const g = el('div', { class: 'grid', id: 'grid' });
  content.append(g);
  table = grid(
    g,
    [
      { title: text.table, field: 'table' },
      { title: text.source, field: 'source', sorter: 'number', hozAlign: 'right', formatter: (x) => fmt(x.getValue()) },
      { title: text.target, field: 'target', sorter: 'number', hozAlign: 'right', formatter: (x) => fmt(x.getValue()) },
      {
        title: text.status,
        field: 'matched',
        formatter: (x) => {
          const row = x.getRow().getData() as { matched: boolean | null; error?: string };
          return row.error ? say(text.error, row.error) : row.matched === null ? text.noSourceCount : row.matched ? text.matched : text.mismatch;
        },
      },
      // The last verify of the table on this environment (tier and time), from the history.
      {
        title: text.lastVerify,
        field: 'verify',
        formatter: (x) => {
          const v = x.getValue() as { at: string; agree: boolean; tier?: number } | undefined;
          return v ? `${v.agree ? text.agree : text.differ} · ${say(text.tierN, v.tier ?? '?')} · ${when(v.at)}` : '—';
        },
      },
    ],
    r.rows,
  );
}

/** A time of the history in the page's language and time zone: `2026-11-02 09:05:07`. */
function when(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

const resultWord = (r: string) => ({ ok: text.resultOk, failed: text.resultFailed, cancelled: text.resultCancelled, skipped: text.resultSkipped })[r] ?? r;
const operationWord = (o: string) => ({ deploy: text.opDeploy, load: text.opLoad, reconcile: text.opReconcile, verify: text.opVerify, purge: text.opPurge, incident: text.opRun })[o] ?? o;

/** The values that did not convert in a load entry, summed over its columns. */
function rejectedOf(e: HistoryEntry): number {
  const failed = e.detail?.failedConversions as Record<string, number> | undefined;
  return failed ? Object.values(failed).reduce((n, v) => n + (typeof v === 'number' ? v : 0), 0) : 0;
}

/** The one-line summary of an entry: its error, its changes, or what did not convert. */
function summary(e: HistoryEntry): string {
  if (e.error) return e.error.split('\n')[0]!;
  if (e.changes?.length) return e.changes.join(', ');
  const rejected = rejectedOf(e);
  if (rejected) return say(text.rejectedCount, rejected.toLocaleString(language));
  if (e.detail && 'matched' in e.detail && e.detail.matched === false) return text.mismatch;
  return '';
}

/** A nested detail as `key.sub: value` lines. */
function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || typeof value !== 'object') return [[prefix, value === null || value === undefined ? 'NULL' : String(value)]];
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`)) : [[prefix, '—']];
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length ? entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)) : [[prefix, '—']];
}

/** An entry's detail, under the grid: every field in its own line, the error whole. */
function showEntry(host: HTMLElement, e: HistoryEntry): void {
  host.replaceChildren();
  host.hidden = false;
  const head = el('div', { class: 'detail-head' });
  head.append(el('strong', {}, `${operationWord(e.operation)} · ${e.table} · ${e.environment}`), el('span', { class: `result ${e.result}` }, resultWord(e.result)));
  const sample = e.detail?.rejectedSample;
  if (typeof sample === 'string') head.append(button(text.rejectedValues, () => vscode.postMessage({ type: 'rejected', sample }), 'rejected'));
  head.append(button(text.close, () => (host.hidden = true), 'close-detail'));
  host.append(head);
  const list = el('dl');
  const add = (term: string, value: string, cls?: string) => {
    list.append(el('dt', {}, term), el('dd', cls ? { class: cls } : {}, value));
  };
  add(text.when, when(e.at));
  add(text.user, e.user);
  if (e.rows !== undefined) add(text.rowsColumn, e.rows.toLocaleString(language));
  if (e.bytesScanned !== undefined) add(text.bytesScanned, bytes(e.bytesScanned));
  if (e.changes?.length) add(text.changes, e.changes.join('\n'), 'pre');
  for (const [k, v] of flatten(e.detail ?? {})) if (k && k !== 'rejectedSample') add(`${text.detail} · ${k}`, v);
  if (e.error) add(text.errorLabel, e.error, 'pre error');
  host.append(list);
}

function showHistory(m: Extract<Message, { kind: 'history' }>): void {
  // Newest first; the headers sort and filter.
  const entries = [...m.result.entries].reverse().map((e, i) => ({ ...e, id: i, when: when(e.at), summary: summary(e) }));
  const total = entries.length;
  const statsText = (shown: number) => (shown === total ? count(total, text.entriesOne, text.entries) : say(text.shownOfEntries, shown.toLocaleString(language), total.toLocaleString(language)));
  const statsEl = el('span', { class: 'stats', id: 'stats' }, statsText(total));
  bar.append(el('strong', {}, text.history), statsEl);
  const note = el('span', { class: 'copied', id: 'copied', role: 'status' });
  note.hidden = true;
  const columns: Column[] = ['when', 'environment', 'operation', 'table', 'result', 'rows', 'user', 'summary'].map((name) => ({ name, type: name === 'rows' ? 'BIGINT' : 'VARCHAR' }));
  bar.append(
    button(text.copy, copy, 'copy'),
    note,
    button(text.exportCsv, () => vscode.postMessage({ type: 'export', csv: toCsv(columns, (table?.getData('active') ?? []) as Record<string, unknown>[]), name: 'history' }), 'export'),
  );
  const host = el('div', { class: 'grid', id: 'grid' });
  const detail = el('section', { class: 'detail', id: 'detail' });
  detail.hidden = true;
  content.append(host, detail);
  table = grid(
    host,
    [
      { title: text.when, field: 'when', sorter: 'string' },
      { title: text.environment, field: 'environment' },
      {
        title: text.operation,
        field: 'operation',
        formatter: (c) => operationWord(String(c.getValue())),
        headerFilterFunc: (term: string, value: string) => operationWord(value).toLowerCase().includes(term.toLowerCase()) || value.includes(term.toLowerCase()),
      },
      { title: text.table, field: 'table' },
      {
        title: text.result,
        field: 'result',
        formatter: (c) => {
          const v = String(c.getValue());
          c.getElement().classList.add('result', v);
          return resultWord(v);
        },
        headerFilterFunc: (term: string, value: string) => resultWord(value).toLowerCase().includes(term.toLowerCase()) || value.includes(term.toLowerCase()),
      },
      { title: text.rowsColumn, field: 'rows', sorter: 'number', hozAlign: 'right', formatter: (c) => (c.getValue() === undefined ? '' : fmt(c.getValue())) },
      { title: text.user, field: 'user' },
      { title: text.summary, field: 'summary', widthGrow: 2 },
    ],
    entries,
    (shown) => (statsEl.textContent = statsText(shown)),
  );
  // A row opens its detail.
  table.on('rowClick', (_e: UIEvent, row: { getData(): unknown }) => {
    const { id } = row.getData() as { id: number };
    showEntry(detail, entries.find((x) => x.id === id)!);
  });
  const t = table;
  t.on('tableBuilt', () => {
    if (m.result.table) t.setHeaderFilterValue('table', m.result.table);
    if (m.result.environment) t.setHeaderFilterValue('environment', m.result.environment);
  });
}

function showRejected(m: Extract<Message, { kind: 'rejected' }>): void {
  const r = m.result;
  const total = Object.values(r.failedConversions).reduce((n, v) => n + v, 0);
  bar.append(
    el('strong', {}, say(text.rejectedTitle, r.table)),
    el('span', { class: 'stats', id: 'stats' }, `${r.environment} · ${when(r.at)} · ${say(text.rejectedNote, r.rows.length.toLocaleString(language), total.toLocaleString(language))}`),
  );
  const host = el('div', { class: 'grid', id: 'grid' });
  content.append(host);
  const columns: ColumnDefinition[] = [
    { title: text.line, field: 'row', sorter: 'number', hozAlign: 'right' },
    ...r.columns.map(
      (name): ColumnDefinition => ({
        title: name,
        field: `v__${name}`,
        headerTooltip: r.masked.includes(name) ? '🔒' : '',
        formatter: (cell) => {
          const row = cell.getRow().getData() as { failed: string[] };
          const e = cell.getElement();
          if (row.failed.includes(name)) e.classList.add('rejected');
          if (r.masked.includes(name)) e.classList.add('masked');
          const v = cell.getValue() as string | null;
          if (v === null || v === undefined) {
            e.classList.add('null');
            return 'NULL';
          }
          return v;
        },
      }),
    ),
  ];
  const data = r.rows.map((x) => ({ row: x.row, failed: x.failed, ...Object.fromEntries(r.columns.map((c) => [`v__${c}`, x.values[c] ?? null])) }));
  table = grid(host, columns, data);
}

window.addEventListener('message', (event: MessageEvent<Message>) => {
  reset();
  const m = event.data;
  document.title = m.title;
  if (m.kind === 'preview') showPreview(m);
  else if (m.kind === 'profile') showProfile(m);
  else if (m.kind === 'verify') showVerify(m);
  else if (m.kind === 'history') showHistory(m);
  else if (m.kind === 'rejected') showRejected(m);
  else showReport(m);
});
vscode.postMessage({ type: 'ready' });
