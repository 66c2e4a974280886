/**
 * The results page (webview/) on its own in Debian's Chromium: the built page, the words the panel gives it,
 * a dark or light theme's CSS variables, messages posted as the panel posts them. What the grid copies, what
 * it counts and how it is coloured, without starting an editor.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, until } from '../helpers/code-server';

const repo = join(__dirname, '..', '..');
const built = join(repo, 'client', 'out', 'webview');
const skip = !existsSync('/usr/bin/chromium') ? 'Chromium is not installed' : !existsSync(join(built, 'main.js')) ? 'npm run build first' : false;

/** The panel's words, as client/src/results-text.ts gives them in English. */
function words(): Record<string, string> {
  const source = readFileSync(join(repo, 'client', 'src', 'results-text.ts'), 'utf8');
  return Object.fromEntries([...source.matchAll(/(\w+): vscode\.l10n\.t\('([^']*)'\)/g)].map((m) => [m[1]!, m[2]!]));
}

const themes = {
  dark: {
    class: 'vscode-dark',
    vars: {
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-list-inactiveSelectionBackground': '#37373d',
      '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-editorWidget-background': '#202020',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-editor-selectionBackground': '#264f78',
    },
  },
  light: {
    class: 'vscode-light',
    vars: {
      '--vscode-foreground': '#3b3b3b',
      '--vscode-editor-background': '#ffffff',
      '--vscode-list-inactiveSelectionBackground': '#e4e6f1',
      '--vscode-list-activeSelectionBackground': '#e8e8e8',
      '--vscode-editorWidget-background': '#f8f8f8',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-editor-selectionBackground': '#add6ff',
    },
  },
};
const style = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');

/** The panel's words in Korean: each English word through the Korean bundle (l10n/bundle.l10n.ko.json). */
function koreanWords(): Record<string, string> {
  const ko = JSON.parse(readFileSync(join(repo, 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(words()).map(([k, v]) => [k, ko[v] ?? v]));
}

/** The page as the panel writes it (client/src/results-panel.ts), in the dark theme. */
function html(language: 'en' | 'ko' = 'en'): string {
  const text = JSON.stringify(language === 'ko' ? koreanWords() : words())
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;');
  return `<!DOCTYPE html><html lang="${language}" style="${style(themes.dark.vars)}"><head><meta charset="UTF-8"><style>${readFileSync(join(built, 'main.css'), 'utf8')}</style></head>
<body class="${themes.dark.class}" data-text="${text}"><header id="bar"></header><main id="content"></main>
<script>window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m) });
window.copiedText = []; document.addEventListener('copy', (e) => window.copiedText.push(e.clipboardData.getData('text/plain')));</script>
<script>${readFileSync(join(built, 'main.js'), 'utf8').replace(/<\/script/g, '<\\/script')}</script></body></html>`;
}

const preview = (rows: Record<string, unknown>[]) => ({
  kind: 'preview',
  title: 'Preview: card_dw.t',
  limit: 100000,
  result: {
    columns: [
      { name: 'aprv_no', type: 'BIGINT' },
      { name: 'card_no', type: 'VARCHAR' },
      { name: 'amt', type: 'DECIMAL(15,2)' },
    ],
    rows,
    stats: { elapsedMs: 3 },
    sql: 'SELECT * FROM card_dw.t LIMIT 100000',
  },
});
const sample = [
  { aprv_no: 101, card_no: 'A1', amt: 10 },
  { aprv_no: 102, card_no: 'B2', amt: 20 },
  { aprv_no: 103, card_no: 'C3', amt: 30 },
  { aprv_no: 104, card_no: 'A4', amt: 40 },
];

describe('the results page in Chromium', { skip, timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  const post = (m: unknown) => page.evaluate((message) => window.postMessage(message, '*'), m);
  const cell = (row: number, field: string) => page.locator('.tabulator-row').nth(row).locator(`.tabulator-cell[tabulator-field="${field}"]`);
  const lastCopy = () => page.evaluate(() => (window as unknown as { copiedText: string[] }).copiedText.at(-1));

  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    await page.setContent(html());
  });
  after(() => browser?.close());

  it('copies a range with its first column, and says what it copied', async () => {
    await post(preview(sample));
    await until('the rows', async () => (await page.locator('.tabulator-row').count()) === 4, 10_000);
    await cell(0, 'aprv_no').click();
    await cell(1, 'card_no').click({ modifiers: ['Shift'] });
    await page.locator('#copy').click();
    await until('the copied text', lastCopy, 5000);
    assert.equal(await lastCopy(), 'aprv_no\tcard_no\n101\tA1\n102\tB2');
    assert.equal(await page.locator('#copied').innerText(), 'Copied 2 rows, 2 columns.');
  });

  it('copies what the filters keep when nothing is selected, and counts the rows shown', async () => {
    await post(preview(sample));
    await until('the rows', async () => (await page.locator('.tabulator-row').count()) === 4, 10_000);
    assert.equal(await page.locator('#stats').innerText(), '3 ms · 4 rows');
    await page.locator('.tabulator-col[tabulator-field="card_no"] input').pressSequentially('A');
    await until('the filtered count', async () => (await page.locator('#stats').innerText()) === '3 ms · 2 of 4 rows', 5000);
    await page.locator('#copy').click();
    await until('the copied rows', async () => (await lastCopy())?.startsWith('aprv_no\tcard_no\tamt\n101'), 5000);
    assert.equal(await lastCopy(), 'aprv_no\tcard_no\tamt\n101\tA1\t10\n104\tA4\t40');
    assert.equal(await page.locator('#copied').innerText(), 'Copied 2 rows, 3 columns.');
  });

  it('numbers 100,000 rows in a column wide enough for the last number', async () => {
    await post(preview(Array.from({ length: 100000 }, (_, i) => ({ aprv_no: i, card_no: 'x', amt: 1 }))));
    await until('the rows', async () => (await page.locator('#stats').innerText()).includes('100,000 rows'), 20_000);
    await page.locator('.tabulator-tableholder').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator('.tabulator-cell.tabulator-row-header', { hasText: /^100000$/ });
    await until('the last row number', async () => (await last.count()) > 0, 10_000);
    const fits = await last.first().evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.ok(fits, 'the row number 100000 is not cut');
  });

  it('colours the active column header with the dark theme, not a light grey', async () => {
    await post(preview(sample));
    await until('the rows', async () => (await page.locator('.tabulator-row').count()) === 4, 10_000);
    await cell(2, 'amt').click();
    const header = page.locator('.tabulator-col[tabulator-field="amt"]');
    await until('the highlighted header', async () => (await header.getAttribute('class'))?.includes('tabulator-range-highlight'), 5000);
    assert.equal(await header.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(55, 55, 61)');
  });

  it('shows a verify report: the verdict per tier, the differences by column, the bytes per query, the values side by side', async () => {
    const row = (key: string, kind: string, columns: [string, string, string][], rows: [number, number] = [1, 1]) => ({
      partition: { base_dt: '2024-01-01' },
      key: { txn_id: key },
      kind,
      sourceRows: rows[0],
      targetRows: rows[1],
      columns: columns.map(([column, source, target]) => ({ column, source, target })),
    });
    await post({
      kind: 'verify',
      title: 'Verify: card_dw.card_txn',
      result: {
        table: 'card_dw.card_txn',
        environment: 'dev',
        source: 's3://card-raw-dev/card_dw/card_txn/',
        tier: 2,
        agree: false,
        counts: { agree: true, source: 1200, target: 1200, partitions: 3, differing: [] },
        checksums: {
          agree: false,
          partitions: [],
          rows: [row('17', 'differs', [['amt', '6.29', '6.00']]), row('100', 'missing', [], [1, 0]), row('850', 'differs', [['aprv_dt', '2024-01-11', '2024-01-12']])],
          differingRows: 3,
        },
        scans: {
          queries: [
            { side: 'source', tier: 1, what: 'tier 1', bytesScanned: 3 * 1024 ** 2, costUsd: 0.0000476837158203125 },
            { side: 'target', tier: 1, what: 'tier 1', bytesScanned: 1024 ** 2, costUsd: 0.0000476837158203125 },
          ],
          bytesScanned: 4 * 1024 ** 2,
          costUsd: 0.000095367431640625,
        },
      },
    });
    await until('the verify view', async () => (await page.locator('#verdict').count()) === 1, 10_000);
    assert.equal(await page.locator('#verdict').getAttribute('data-agree'), 'false');
    assert.match((await page.locator('#stats').textContent())!, /^tier 1, counts: agree · tier 2, checksums: differ · 4\.0 MB scanned · \$0\.000095$/);
    assert.equal(await page.locator('#differences-chart canvas').count(), 1);
    assert.equal(await page.locator('#scanned-chart canvas').count(), 1);
    await until('the grid', async () => (await page.locator('.tabulator-row').count()) === 3, 5000);
    assert.deepEqual([await cell(0, 'column').textContent(), await cell(0, 'source').textContent(), await cell(0, 'target').textContent()], ['amt', '6.29', '6.00']);
    assert.deepEqual([await cell(1, 'kind').textContent(), await cell(1, 'source').textContent(), await cell(1, 'target').textContent()], ['missing', '1', '0']);
  });

  it('repaints the charts when the theme changes', async () => {
    await post({
      kind: 'profile',
      title: 'Profile: card_dw.t',
      result: { table: 'card_dw.t', rows: 4, columns: [{ name: 'aprv_no', type: 'BIGINT', nulls: 0, distinct: 4, min: '101', max: '104', top: [] }], stats: { elapsedMs: 5 } },
    });
    const canvas = page.locator('canvas').first();
    await until('a chart', async () => (await canvas.getAttribute('data-foreground')) === '#cccccc', 10_000);
    await page.evaluate(
      ({ cls, css }) => {
        document.documentElement.setAttribute('style', css);
        document.body.className = cls;
      },
      { cls: themes.light.class, css: style(themes.light.vars) },
    );
    await until('the light colours', async () => (await canvas.getAttribute('data-foreground')) === '#3b3b3b', 5000);
    assert.equal(await canvas.getAttribute('data-bar'), '#1a85ff');
  });
  const historyEntries = [
    { at: '2026-11-01T01:00:00.000Z', user: 'kim', environment: 'local', operation: 'deploy', table: 'card_dw.branch', result: 'ok', changes: ['create-table card_dw.branch'] },
    {
      at: '2026-11-02T01:00:00.000Z',
      user: 'kim',
      environment: 'local',
      operation: 'load',
      table: 'card_dw.branch',
      result: 'ok',
      rows: 10,
      detail: { staged: 12, failedConversions: { open_dt: 2 }, mode: 'overwrite', matched: true, rejectedSample: '.tablespec/rejected/local/card_dw.branch/x.json' },
    },
    { at: '2026-11-03T01:00:00.000Z', user: 'lee', environment: 'dev', operation: 'load', table: 'card_dw.shop', result: 'failed', error: 'Access denied\nsecond line' },
    { at: '2026-11-04T01:00:00.000Z', user: 'lee', environment: 'local', operation: 'reconcile', table: 'card_dw.branch', result: 'failed', rows: 10, detail: { expected: 12, matched: false } },
  ];
  const column = (field: string) => page.locator(`.tabulator-row .tabulator-cell[tabulator-field="${field}"]`).allInnerTexts();

  it('shows the reconciliation report with the last verify of each table', async () => {
    const report = {
      environment: 'dev',
      generatedAt: '2026-11-28T10:00:00.000Z',
      rows: [
        { table: 'card_dw.branch', source: 12, sourceFrom: 'oracle', target: 12, matched: true, verify: { at: '2026-11-28T09:00:00.000Z', agree: false, tier: 2 } },
        { table: 'card_dw.shop', source: 5, sourceFrom: 'oracle', target: 5, matched: true },
      ],
    };
    await post({ kind: 'report', title: 'Reconciliation: dev', result: report });
    await until('the rows', async () => (await page.locator('.tabulator-row').count()) === 2, 10_000);
    const verify = await column('verify');
    assert.match(verify[0]!, /^differ · tier 2 · 2026-11-28 \d\d:00:00$/);
    assert.equal(verify[1], '—');
  });

  it('shows the history as a table, newest first, filtered and sorted by its headers', async () => {
    await post({ kind: 'history', title: 'TableSpec history', result: { entries: historyEntries } });
    await until('the entries', async () => (await page.locator('.tabulator-row').count()) === 4, 10_000);
    assert.deepEqual(await column('operation'), ['reconcile', 'load', 'load', 'deploy']);
    assert.deepEqual(await column('summary'), ['MISMATCH', 'Access denied', 'did not convert: 2', 'create-table card_dw.branch']);
    assert.equal(await page.locator('#stats').innerText(), '4 entries');
    await page.locator('.tabulator-col[tabulator-field="result"] input').pressSequentially('fail');
    await until('the failed ones', async () => (await page.locator('#stats').innerText()) === '2 of 4 entries', 5000);
    assert.deepEqual(await column('table'), ['card_dw.branch', 'card_dw.shop']);
    await page.locator('.tabulator-col[tabulator-field="result"] input').fill('');
    await page.locator('.tabulator-col[tabulator-field="user"] .tabulator-col-title').click();
    await until('sorted by user', async () => JSON.stringify(await column('user')) === JSON.stringify(['kim', 'kim', 'lee', 'lee']), 5000);
  });

  it("opens an entry's detail, and its rejected values", async () => {
    await post({ kind: 'history', title: 'History: card_dw.branch', result: { entries: historyEntries, table: 'card_dw.branch', environment: 'local' } });
    await until('the entries of one table', async () => (await page.locator('#stats').innerText()) === '3 of 4 entries', 10_000);
    await page.locator('.tabulator-row').nth(1).locator('.tabulator-cell[tabulator-field="table"]').click();
    await until('the detail', () => page.locator('#detail').isVisible(), 5000);
    const terms = await page.locator('#detail dt').allInnerTexts();
    const values = await page.locator('#detail dd').allInnerTexts();
    assert.deepEqual(Object.fromEntries(terms.map((t, i) => [t, values[i]])), {
      when: values[0],
      user: 'kim',
      rows: '10',
      'detail · staged': '12',
      'detail · failedConversions.open_dt': '2',
      'detail · mode': 'overwrite',
      'detail · matched': 'true',
    });
    await page.locator('#rejected').click();
    await until('the request', async () => (await page.evaluate(() => JSON.stringify((window as unknown as { posted: unknown[] }).posted.at(-1))))?.includes('rejected'), 5000);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted.at(-1)), { type: 'rejected', sample: '.tablespec/rejected/local/card_dw.branch/x.json' });
  });

  it('shows rejected values with the failed cells marked and personal columns masked', async () => {
    const rows = [
      { row: 2, values: { brnch_cd: '0002', open_dt: '2020-13-01', mgr_tel: '<8 chars>' }, failed: ['open_dt'] },
      { row: 7, values: { brnch_cd: '0007', open_dt: null, mgr_tel: '<9 chars>' }, failed: ['mgr_tel'] },
    ];
    await post({
      kind: 'rejected',
      title: 'Rejected values: card_dw.branch',
      result: {
        table: 'card_dw.branch',
        environment: 'local',
        at: '2026-11-02T01:00:00.000Z',
        failedConversions: { open_dt: 1, mgr_tel: 1 },
        columns: ['brnch_cd', 'open_dt', 'mgr_tel'],
        masked: ['mgr_tel'],
        limit: 100,
        rows,
      },
    });
    await until('the rows', async () => (await page.locator('.tabulator-row').count()) === 2, 10_000);
    assert.match(await page.locator('#stats').innerText(), /· Rows shown: 2 · values that did not convert: 2 · personal data masked$/);
    assert.deepEqual(await column('row'), ['2', '7']);
    assert.deepEqual(await column('v__open_dt'), ['2020-13-01', 'NULL']);
    const marked = await page.locator('.tabulator-cell.rejected').evaluateAll((els) => els.map((e) => `${e.getAttribute('tabulator-field')}:${e.textContent}`));
    assert.deepEqual(marked, ['v__open_dt:2020-13-01', 'v__mgr_tel:<9 chars>']);
    assert.equal(await page.locator('.tabulator-cell.masked').count(), 2);
  });
  it('says the history and the rejected values in Korean', async () => {
    const ko = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    try {
      await ko.setContent(html('ko'));
      const send = (m: unknown) => ko.evaluate((message) => window.postMessage(message, '*'), m);
      await send({ kind: 'history', title: '이력: card_dw.branch', result: { entries: historyEntries, table: 'card_dw.branch', environment: 'local' } });
      await until('the entries', async () => (await ko.locator('#stats').innerText()) === '4건 중 3건', 10_000);
      assert.deepEqual(
        await ko
          .locator('.tabulator-col .tabulator-col-title')
          .allInnerTexts()
          .then((t) => t.map((x) => x.trim()).filter(Boolean)),
        ['시각', '환경', '작업', 'table', '결과', '행 수', '사용자', '요약'].map((w) => (w === 'table' ? koreanWords().table! : w)),
      );
      assert.deepEqual(await ko.locator('.tabulator-row .tabulator-cell[tabulator-field="operation"]').allInnerTexts(), ['건수 대사', '적재', '배포']);
      assert.deepEqual(await ko.locator('.tabulator-row .tabulator-cell[tabulator-field="result"]').allInnerTexts(), ['실패', '성공', '성공']);
      await ko.locator('.tabulator-row').nth(1).locator('.tabulator-cell[tabulator-field="table"]').click();
      await until('the detail', () => ko.locator('#detail').isVisible(), 5000);
      assert.equal(await ko.locator('#rejected').innerText(), '변환되지 않은 값');
      if (process.env.TABLESPEC_SCREENSHOTS) await ko.screenshot({ path: join(repo, 'docs', 'screenshots', 'history-table.ko.png') });
      const rows = [
        { row: 2, values: { brnch_cd: '0002', open_dt: '2020-13-01', mgr_tel: '<8 chars>' }, failed: ['open_dt'] },
        { row: 7, values: { brnch_cd: '0007', open_dt: null, mgr_tel: '<9 chars>' }, failed: ['mgr_tel'] },
      ];
      await send({
        kind: 'rejected',
        title: '변환되지 않은 값: card_dw.branch',
        result: {
          table: 'card_dw.branch',
          environment: 'local',
          at: '2026-11-02T01:00:00.000Z',
          failedConversions: { open_dt: 1, mgr_tel: 1 },
          columns: ['brnch_cd', 'open_dt', 'mgr_tel'],
          masked: ['mgr_tel'],
          limit: 100,
          rows,
        },
      });
      await until('the rejected rows', async () => (await ko.locator('.tabulator-cell.rejected').count()) === 2, 10_000);
      assert.match(await ko.locator('#stats').innerText(), /· 표시한 행: 2 · 변환되지 않은 값: 2 · 개인정보는 가림$/);
      if (process.env.TABLESPEC_SCREENSHOTS) await ko.screenshot({ path: join(repo, 'docs', 'screenshots', 'rejected-values.ko.png') });
    } finally {
      await ko.close();
    }
  });
});
