/**
 * The packaged extension in a real workbench (code-server + Debian Chromium + playwright-core), on a
 * copy of the example workspace and the local engine: what an engineer sees and does. Polls with
 * deadlines, never sleeps; a failing step leaves a screenshot in test-results/.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser, screenshotOnFailure, startWorkbench, toolsReady, typeInQuickInput, until, type Workbench } from '../helpers/code-server';

const example = join(__dirname, '..', '..', 'examples', 'card-dw');
// In CI the tools are installed first (.ci/run); on a laptop without them, `npm run setup:editor` once.
const skip = !toolsReady() && !process.env.CI ? 'the editor tools are not installed: npm run setup:editor' : false;
/** A scenario: skipped one by one when the tools are missing, so the summary counts each as skipped. */
const scenario = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);

async function openFile(page: Page, name: string): Promise<void> {
  await typeInQuickInput(page, 'Control+P', name);
  await until(`${name} in Quick Open`, async () => (await page.locator('.quick-input-list .monaco-list-row').first().textContent())?.includes(name));
  await page.keyboard.press('Enter');
  await until(`${name} open`, async () => (await page.locator('.tab.active').allTextContents()).some((t) => t.includes(name)));
}

async function runCommand(page: Page, title: string): Promise<void> {
  await typeInQuickInput(page, 'F1', `>${title}`);
  await until(`command ${title}`, async () => (await page.locator('.quick-input-list .monaco-list-row').first().textContent())?.includes(title));
  await page.keyboard.press('Enter');
}

/** TableSpec: Run Query, typed into its own input box (not the palette closing behind it). */
async function runQuery(page: Page, sql: string): Promise<void> {
  await runCommand(page, 'TableSpec: Run Query');
  await until('the query prompt', async () => (await page.locator('.quick-input-widget').innerText()).includes('Run a read-only query'));
  await page.locator('.quick-input-widget input').fill(sql);
  await page.keyboard.press('Enter');
}

async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
}

// Monaco renders spaces as non-breaking spaces.
/** With TABLESPEC_SCREENSHOTS=1, the README's screenshots are taken from this run (docs/screenshots). */
async function illustrate(page: Page, name: string): Promise<void> {
  if (!process.env.TABLESPEC_SCREENSHOTS) return;
  await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'screenshots', `${name}.png`) });
}

interface Session {
  workspace: string;
  workbench: Workbench;
  browser: Browser;
  page: Page;
}

/** A copy of the example workspace, in a workbench of its own, in a fresh browser page. */
async function openSession(trust: boolean, locale?: string): Promise<Session> {
  const workspace = mkdtempSync(join(tmpdir(), 'tablespec-ws-'));
  cpSync(example, workspace, { recursive: true });
  const workbench = await startWorkbench(workspace, { trust, env: { TABLESPEC_HASH_SALT: 'e2e-salt-0123456789' }, ...(locale ? { locale } : {}) });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(workbench.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  return { workspace, workbench, browser, page };
}

async function closeSession(s: Session | undefined): Promise<void> {
  await s?.browser.close();
  await s?.workbench.stop();
  if (s) rmSync(s.workspace, { recursive: true, force: true });
}

// The active editor of the editor area (the Chat view has a Monaco editor of its own).
const editorText = async (page: Page) => (await page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
/** The text of every editor in view (both sides of a diff, every group). */
const visibleText = async (page: Page) => (await page.locator('.part.editor .monaco-editor .view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');

/** The webview frame whose page shows `text` (results tabs are webviews, one iframe each). */
async function webviewWith(page: Page, text: string | RegExp): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const body = await frame
      .locator('body')
      .innerText({ timeout: 1000 })
      .catch(() => '');
    if (typeof text === 'string' ? body.includes(text) : text.test(body)) return frame;
  }
  return undefined;
}

/** Every notification: the toasts, and the centre (a new one does not always pop up while another shows). */
async function notifications(page: Page): Promise<string[]> {
  const toasts = await page.locator('.notification-toast').allInnerTexts();
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) {
    await runCommand(page, 'Notifications: Show Notifications');
    await until('the notification centre', () => center.isVisible(), 10_000);
  }
  const listed = await center.innerText();
  await runCommand(page, 'Notifications: Hide Notifications');
  return [...toasts, ...listed.split('\n')];
}

/**
 * Deploys cust_master, drops a column and retypes another in the spec, and asks for the plan: the diff view
 * opens (deployed ↔ spec) with the DDL beside it, its destructive line marked.
 */
async function planDiff(s: Session, shot: string, words: { deploy: string; plan: string; deployed: string; diff: string; destructive: string }): Promise<void> {
  const page = s.page;
  const file = join(s.workspace, 'specs', 'cust_master.table.yaml');
  const saved = readFileSync(file, 'utf8');
  // One editor group, whatever the scenarios before left split: the diff side by side needs the width.
  await runCommand(page, 'View: Close All Editor Groups');
  await runCommand(page, 'View: Single Column Editor Layout');
  await openFile(page, 'cust_master.table.yaml');
  // The extension ready on this spec (its CodeLens shown), so that the palette offers the spec's commands.
  await until('the CodeLens of the spec', async () => (await page.locator('.codelens-decoration').count()) > 0, 90_000);
  await runCommand(page, words.deploy);
  const dialog = page.locator('.monaco-dialog-box');
  await until('the deploy question', async () => (await dialog.innerText()).includes('create-table card_dw.cust_master'), 90_000);
  await dialog
    .locator('.monaco-button')
    .filter({ hasNotText: /Cancel|취소/ })
    .first()
    .click();
  await until('the deployed message', async () => (await page.locator('.notification-toast').allInnerTexts()).some((n) => n.includes(words.deployed)), 60_000);
  // email_rcv_yn dropped (its data with it), cust_grd_cd made a number (the data rewritten).
  writeFileSync(
    file,
    saved
      .replace(/  - name: email_rcv_yn\n    oracle: CHAR\(1\)\n    comment: [^\n]*\n/, '')
      .replace('    oracle: CHAR(2)\n    cleansing: [rtrim]\n', '    oracle: CHAR(2)\n    type: int\n    cleansing: [rtrim]\n'),
  );
  await until('the spec reloaded', async () => !(await editorText(page)).includes('email_rcv_yn'));
  // Room for the diff side by side (the editor shows it inline below 900 px) with the DDL beside it.
  await page.setViewportSize({ width: 1920, height: 1000 });
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'View: Hide Secondary Side Bar');
  await runCommand(page, words.plan);
  await until('the diff view', async () => (await page.locator('.tab .label-name').allInnerTexts()).some((t) => t.includes(words.diff)), 60_000);
  await until('the diff side by side', async () => (await page.locator('.monaco-diff-editor.side-by-side').count()) > 0);
  await until('the DDL beside it', async () => (await visibleText(page)).includes(words.destructive));
  const text = await visibleText(page);
  assert.match(text, /ALTER TABLE "card_dw"\."cust_master" DROP COLUMN "email_rcv_yn";/);
  assert.match(text, /-- REWRITE: retype-column card_dw\.cust_master\.cust_grd_cd: string → int/);
  // The destructive and rewriting lines carry a decoration (a whole-line background).
  await until('the marked lines', async () => (await page.locator('.part.editor .monaco-editor .view-overlays .cdr[class*="TextEditorDecorationType"]').count()) >= 2);
  await illustrate(page, shot);
  await runCommand(page, 'View: Close All Editors');
  await page.setViewportSize({ width: 1400, height: 900 });
  writeFileSync(file, saved);
}

/**
 * A `.sql` file run from its CodeLens into a results tab; the whole file refused once it holds two statements;
 * a selection run into a second tab, the first kept; the query history listing all three.
 */
async function sqlFile(s: Session, shot: string, words: { run: string; runCommand: string; history: string; oneStatement: string }): Promise<void> {
  const page = s.page;
  // The query history of this scenario only: the scenarios before may have run queries of their own.
  rmSync(join(s.workspace, '.tablespec', 'queries.jsonl'), { force: true });
  writeFileSync(join(s.workspace, 'tables.sql'), '-- The tables of the local engine\nSELECT schema_name, table_name, column_count\nFROM duckdb_tables()\nORDER BY 1, 2\n');
  // A file made after the workbench started: the explorer shows it (Quick Open's index may not have it yet).
  await runCommand(page, 'View: Show Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tables.sql' });
  await until('tables.sql in the explorer', async () => (await row.count()) > 0, 30_000);
  await row.first().dblclick();
  await until('tables.sql open', async () => (await page.locator('.tab.active').allTextContents()).some((t) => t.includes('tables.sql')));
  const lens = page.locator('.codelens-decoration a', { hasText: words.run });
  await until('the CodeLens of the .sql file', async () => (await lens.count()) > 0, 60_000);
  await lens.first().click();
  const first = await until('the first results tab', () => webviewWith(page, /column_count[\s\S]*batches/), 60_000);
  assert.match(await first.locator('#stats').innerText(), /SUCCEEDED/);
  await until('the tab named after the file', async () => (await page.locator('.tab .label-name').allInnerTexts()).some((t) => /1: tables\.sql · local/.test(t)));
  // A second statement in the file: the file as a whole is refused, nothing runs.
  await page.locator('.tab', { hasText: 'tables.sql' }).first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(';\nSELECT 42 AS answer');
  await page.keyboard.press('Control+S');
  await lens.first().click();
  await until('the refusal', async () => (await page.locator('.notification-toast').allInnerTexts()).some((n) => n.includes(words.oneStatement)), 30_000);
  // The selection alone runs, into a tab of its own; the first tab stays.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Shift+Home');
  await runCommand(page, words.runCommand);
  await until('the second results tab', () => webviewWith(page, /answer[\s\S]*42/), 60_000);
  const tabs = await page.locator('.tab .label-name').allInnerTexts();
  assert.ok(tabs.some((t) => /1: tables\.sql/.test(t)) && tabs.some((t) => /2: tables\.sql/.test(t)), tabs.join(' | '));
  await illustrate(page, shot);
  await runCommand(page, words.history);
  const list = page.locator('.quick-input-list .monaco-list-row');
  await until('three queries in the history', async () => (await list.count()) === 3, 30_000);
  const rows = await list.allInnerTexts();
  assert.match(rows[0]!, /SELECT 42 AS answer/);
  // The refused one with the reason; the comment lines are left out of the list.
  assert.ok(rows[1]!.includes(words.oneStatement) && /^\S*\s*SELECT schema_name/.test(rows[1]!.trim()), rows[1]);
  assert.match(rows[2]!, /SELECT schema_name/);
  await illustrate(page, `${shot}-history`);
  await page.keyboard.press('Escape');
  await until('the history closed', async () => !(await page.locator('.quick-input-widget').isVisible()), 10_000);
  await runCommand(page, 'View: Close All Editors');
}

describe('TableSpec in a real editor', { timeout: 600_000 }, () => {
  let session: Session;
  let page: Page;
  const spec = () => readFileSync(join(session.workspace, 'specs', 'card_aprv_hist.table.yaml'), 'utf8');
  /** The 1-based line of the saved spec holding `text` (the last one). */
  const lineOf = (text: string) =>
    spec()
      .split('\n')
      .reduce((found, line, i) => (line.includes(text) ? i + 1 : found), 0);

  before(async () => {
    if (skip) return;
    session = await openSession(true);
    page = session.page;
  });
  after(() => (skip ? undefined : closeSession(session)));

  scenario('shows the problems of a spec as squiggles and in the Problems panel', () =>
    screenshotOnFailure(page, 'problems', async () => {
      await openFile(page, 'card_aprv_hist.table.yaml');
      await until('squiggles', async () => (await page.locator('.squiggly-warning').count()) >= 3, 90_000);
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await until('the Problems entries', async () => (await panel.innerText()).includes('looks like a card number'));
      const text = await panel.innerText();
      assert.match(text, /Overwriting 400 GB on every load rewrites the whole table/);
      assert.match(text, /An Oracle DATE holds a time of day/);
      await illustrate(page, 'problems');
      await page.keyboard.press('Control+Shift+M');
    }),
  );

  scenario('applies a quick fix from the light bulb', () =>
    screenshotOnFailure(page, 'quick-fix', async () => {
      await goTo(page, lineOf('name: card_no'), 13);
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Mark as `pii: card_no` and `encrypt: sha256`' });
      // The light bulb's actions arrive a moment after the cursor does: ask again until they are there.
      await until('the quick fix', async () => {
        if ((await fix.count()) === 0) await page.keyboard.press('Control+.');
        return (await fix.count()) > 0;
      });
      await fix.first().click();
      await until('the fixed text', async () => (await editorText(page)).includes('encrypt: sha256'));
      await page.keyboard.press('Control+S');
      await until('the fix saved', async () => /- name: card_no\n    oracle: VARCHAR2\(16\)\n    pii: card_no\n    encrypt: sha256\n/.test(spec()));
    }),
  );

  scenario('completes Oracle types and explains them on hover', () =>
    screenshotOnFailure(page, 'completion-hover', async () => {
      await goTo(page, lineOf('oracle: NUMBER'), 13); // fee_rt's bare NUMBER, the last one
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('oracle: ');
      await page.keyboard.press('Control+Space');
      const suggest = page.locator('.suggest-widget');
      await until('Oracle types in the suggestions, most used first', async () => (await suggest.innerText()).replace(/\u00a0/g, ' ').startsWith('NUMBER(p)'));
      await page.keyboard.type('VARCH');
      await until('the suggestions filtered', async () => (await suggest.innerText()).includes('VARCHAR2(n CHAR)'));
      await page.keyboard.press('Escape');
      // Replace what was typed with a precise type: the warning on the bare NUMBER goes away.
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('oracle: NUMBER(7,4)');
      await page.keyboard.press('Control+S');
      await until('the type saved', async () => spec().includes('oracle: NUMBER(7,4)'));
      await goTo(page, lineOf('oracle: NUMBER(18)'), 15);
      await runCommand(page, 'Show or Focus Hover');
      await until('the hover', async () => {
        return (await page.locator('.monaco-hover-content').allTextContents()).some((t) => t.replace(/\s+/g, ' ').includes('NUMBER(18) → bigint'));
      });
      await page.keyboard.press('Escape');
    }),
  );

  scenario('completes inside a type without corrupting it, and offers no whole type inside parentheses', () =>
    screenshotOnFailure(page, 'completion-range', async () => {
      const suggest = page.locator('.suggest-widget');
      await goTo(page, lineOf('oracle: VARCHAR2(200)'), 13);
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      // The editor closes the parenthesis; CHAR is completed inside it, replacing only what was typed of it.
      await page.keyboard.type('oracle: VARCHAR2(50 CH');
      await page.keyboard.press('Control+Space');
      await until('CHAR and BYTE only', async () => {
        const t = (await suggest.innerText()).replace(/\u00a0/g, ' ');
        return t.includes('CHAR') && !t.includes('NUMBER(p)') && !t.includes('CHAR(n)');
      });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+S');
      await until('the completed type', async () => spec().includes('\n    oracle: VARCHAR2(50 CHAR)\n'));
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('oracle: NUMBER(15,');
      await page.keyboard.press('Control+Space');
      // The editor's own word suggestions may show (it offers them when no provider has any); no Oracle type does.
      await until('the suggestions inside NUMBER(15,', () => suggest.isVisible(), 15_000);
      const inside = (await suggest.innerText()).replace(/\u00a0/g, ' ');
      assert.ok(!/NUMBER\(p|VARCHAR2\(n|TIMESTAMP\(f/.test(inside), inside);
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('oracle: VARCHAR2(200)');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+S');
      await until('the spec as it was', async () => spec().includes('oracle: VARCHAR2(200)\n') && !spec().includes('NUMBER(15,)'));
      await page.keyboard.press('Control+Home'); // the CodeLens in view again
    }),
  );

  scenario('offers the spec snippets in spec files only, not in every YAML file', () =>
    screenshotOnFailure(page, 'snippets', async () => {
      await openFile(page, 'tablespec.yaml');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('tablespec-');
      await page.keyboard.press('Control+Space');
      const suggest = page.locator('.suggest-widget');
      await until('the suggestions', () => suggest.isVisible(), 15_000);
      // Whatever else is offered, the table snippet is not: it belongs to *.table.yaml files.
      await until('the suggestions settled', async () => (await suggest.innerText()).length > 0, 10_000);
      assert.ok(!(await suggest.innerText()).includes('tablespec-table'), await suggest.innerText());
      await page.keyboard.press('Escape');
      await runCommand(page, 'File: Revert File');
      await openFile(page, 'card_aprv_hist.table.yaml');
      await page.keyboard.press('Control+Home');
    }),
  );

  scenario('deploys from the CodeLens after showing the plan', () =>
    screenshotOnFailure(page, 'deploy', async () => {
      await page.locator('.codelens-decoration a', { hasText: 'Deploy' }).first().click();
      const dialog = page.locator('.monaco-dialog-box');
      await until('the plan', async () => (await dialog.innerText()).includes('create-table card_dw.card_aprv_hist'));
      await illustrate(page, 'deploy-plan');
      await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).click();
      await until('the deployed message', async () => (await notifications(page)).some((n) => n.includes('Deployed card_dw.card_aprv_hist to local')));
    }),
  );

  scenario('loads after asking, and says what it loaded', () =>
    screenshotOnFailure(page, 'load', async () => {
      await page.locator('.codelens-decoration a', { hasText: 'Load' }).first().click();
      const dialog = page.locator('.monaco-dialog-box');
      await until('the confirmation', async () => (await dialog.innerText()).includes('replace every row of card_dw.card_aprv_hist'));
      assert.ok(!(await dialog.innerText()).includes('--yes'), 'the dialog asks without the command-line flag');
      await dialog.locator('.monaco-button', { hasText: 'Yes, go ahead' }).click();
      await until('the load report', async () => (await notifications(page)).some((n) => n.includes('4 rows staged')));
    }),
  );

  scenario('makes the safe choice the default of a destructive deploy', () =>
    screenshotOnFailure(page, 'destructive-deploy', async () => {
      const saved = spec();
      // mrch_nm dropped from the spec: the plan drops a column of the deployed table.
      writeFileSync(join(session.workspace, 'specs', 'card_aprv_hist.table.yaml'), saved.replace(/  - name: mrch_nm\n    oracle: [^\n]*\n/, ''));
      await until('the spec reloaded', async () => !(await editorText(page)).includes('mrch_nm'));
      await page.locator('.codelens-decoration a', { hasText: 'Deploy' }).first().click();
      const dialog = page.locator('.monaco-dialog-box');
      await until('the destructive plan', async () => (await dialog.innerText()).includes('drop-column card_dw.card_aprv_hist.mrch_nm'));
      // Enter presses the focused button: the safe one.
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Review the Plan');
      const buttons = await dialog.locator('.monaco-button').allInnerTexts();
      assert.deepEqual(buttons.map((b) => b.trim()).sort(), ['Cancel', 'Deploy', 'Review the Plan']);
      await page.keyboard.press('Enter');
      // Review opens the plan: the deployed definition beside the spec's, and the DDL with the destructive line marked.
      await until('the plan in the diff view', async () => (await visibleText(page)).includes('-- DESTRUCTIVE: drop-column card_dw.card_aprv_hist.mrch_nm'));
      await runCommand(page, 'View: Close All Editors');
      writeFileSync(join(session.workspace, 'specs', 'card_aprv_hist.table.yaml'), saved);
      await openFile(page, 'card_aprv_hist.table.yaml');
      await until('the spec back', async () => (await editorText(page)).includes('mrch_nm'));
    }),
  );

  scenario('warns when a reconcile does not match', () =>
    screenshotOnFailure(page, 'reconcile-mismatch', async () => {
      const saved = spec();
      writeFileSync(join(session.workspace, 'specs', 'card_aprv_hist.table.yaml'), saved.replace('  size_gb: 400\n', '  size_gb: 400\n  row_count: 5\n'));
      await until('the spec reloaded', async () => (await editorText(page)).includes('row_count: 5'));
      await runCommand(page, 'TableSpec: Reconcile');
      const toast = page.locator('.notification-toast', { hasText: 'MISMATCH' });
      await until('the mismatch toast', async () => (await toast.count()) > 0);
      assert.equal(await toast.first().locator('.codicon-warning').count(), 1, 'a warning, not an information toast');
      writeFileSync(join(session.workspace, 'specs', 'card_aprv_hist.table.yaml'), saved);
      await until('the spec back', async () => !(await editorText(page)).includes('row_count: 5'));
    }),
  );

  scenario('previews the rows in the grid', () =>
    screenshotOnFailure(page, 'preview', async () => {
      await page.locator('.codelens-decoration a', { hasText: 'Preview' }).first().click();
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await until('rows in the grid', async () => (await frame.locator('.tabulator-cell').allInnerTexts()).includes('202401310000001'), 60_000);
      assert.match(await frame.locator('#stats').innerText(), /4 rows/);
      const header = await frame.locator('.tabulator-col:not(.tabulator-row-header) .tabulator-col-title').allInnerTexts();
      assert.deepEqual(header.slice(0, 3), ['aprv_no', 'card_no', 'aprv_amt']);
      await illustrate(page, 'preview-grid');
      // Export CSV proposes the workspace folder and the table's name, not the filesystem's root.
      await frame.locator('#export').click();
      const input = page.locator('.quick-input-widget input');
      await until('the save dialog', async () => (await input.inputValue()).endsWith('.csv'), 20_000);
      assert.equal(await input.inputValue(), join(session.workspace, 'card_dw.card_aprv_hist.csv'));
      await page.keyboard.press('Escape');
    }),
  );

  scenario('repaints the profile charts when the theme changes', () =>
    screenshotOnFailure(page, 'chart-theme', async () => {
      await openFile(page, 'card_aprv_hist.table.yaml');
      await page.keyboard.press('Control+Home');
      await page.locator('.codelens-decoration a', { hasText: 'Profile' }).first().click();
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const canvas = frame.locator('canvas').first();
      const before = await until('a chart', () => canvas.getAttribute('data-foreground'), 60_000);
      await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      const after = await until(
        'the chart repainted',
        async () => {
          const now = await canvas.getAttribute('data-foreground');
          return now !== before && now;
        },
        20_000,
      );
      assert.equal(after, await frame.locator('body').evaluate(() => getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim()));
      await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await until('the chart back', async () => (await canvas.getAttribute('data-foreground')) === before, 20_000);
    }),
  );

  scenario('scrolls through 100,000 rows in the grid', () =>
    screenshotOnFailure(page, 'many-rows', async () => {
      await runQuery(page, 'SELECT range AS n, md5(CAST(range AS VARCHAR)) AS h FROM range(100000)');
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await until('100,000 rows', async () => (await frame.locator('#stats').innerText()).includes('100,000 rows'), 60_000);
      // Virtual scrolling: only the rows in view are in the page, and the last row is there once scrolled to.
      assert.ok((await frame.locator('.tabulator-row').count()) < 200);
      await frame.locator('.tabulator-tableholder').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await until('the last row', async () => (await frame.locator('.tabulator-cell').allInnerTexts()).includes('99999'), 10_000);
    }),
  );

  scenario('cancels a long query', () =>
    screenshotOnFailure(page, 'cancel', async () => {
      await openFile(page, 'cust_master.table.yaml');
      await runQuery(page, 'SELECT count(*) FROM range(1000000000000) a');
      const cancel = page.locator('.notification-toast .monaco-button', { hasText: 'Cancel' });
      await until('the progress notification', async () => (await cancel.count()) > 0);
      await cancel.first().click();
      await until('the cancelled message', async () => (await notifications(page)).some((n) => n.includes('Cancelled')));
    }),
  );

  scenario('shows the plan as a diff: deployed ↔ spec, with the DDL and its destructive lines marked', () =>
    screenshotOnFailure(page, 'plan-diff', async () => {
      await planDiff(session, 'plan-diff', {
        deploy: 'TableSpec: Deploy',
        plan: 'TableSpec: Plan',
        deployed: 'Deployed card_dw.cust_master to local',
        diff: 'cust_master on local: deployed ↔ spec',
        destructive: '-- DESTRUCTIVE: drop-column card_dw.cust_master.email_rcv_yn',
      });
    }),
  );

  scenario('runs a .sql file and a selection, each into its own results tab, and keeps the history', () =>
    screenshotOnFailure(page, 'sql-file', async () => {
      await sqlFile(session, 'sql-file', { run: '▶ Run on local', runCommand: 'TableSpec: Run SQL File or Selection', history: 'TableSpec: Query History', oneStatement: 'one statement at a time' });
    }),
  );

  scenario('opens the walkthrough, its pages read from the manifest', () =>
    screenshotOnFailure(page, 'walkthrough', async () => {
      await runCommand(page, 'Welcome: Open Walkthrough');
      await page.locator('.quick-input-widget input').fill('Get started with TableSpec');
      await until('the walkthrough in the list', async () => (await page.locator('.quick-input-list .monaco-list-row').first().textContent())?.includes('Get started with TableSpec'));
      await page.keyboard.press('Enter');
      // The step's page is markdown (its path comes from package.nls.json), rendered in a webview of its own.
      const shown = async () => {
        for (const frame of page.frames())
          if (
            (
              await frame
                .locator('body')
                .innerText()
                .catch(() => '')
            ).includes('A spec per table')
          )
            return true;
        return false;
      };
      await until('the first page', shown, 30_000);
    }),
  );
});

describe('TableSpec in Korean', { timeout: 300_000 }, () => {
  let session: Session;

  before(async () => {
    if (skip) return;
    session = await openSession(true, 'ko');
  });
  after(() => (skip ? undefined : closeSession(session)));

  // The extension's own words in Korean (the workbench's stay English without a language pack).
  scenario('shows the plan as a diff, in Korean', () =>
    screenshotOnFailure(session?.page, 'plan-diff-ko', async () => {
      await planDiff(session, 'plan-diff-ko', {
        deploy: 'TableSpec: 배포',
        plan: 'TableSpec: 변경 계획',
        deployed: 'card_dw.cust_master을(를) local 환경에 배포했습니다',
        diff: 'local의 card_dw.cust_master: 배포된 정의 ↔ 스펙',
        destructive: '-- DESTRUCTIVE: drop-column card_dw.cust_master.email_rcv_yn',
      });
    }),
  );

  scenario('runs a .sql file, in Korean', () =>
    screenshotOnFailure(session?.page, 'sql-file-ko', async () => {
      await sqlFile(session, 'sql-file-ko', { run: '▶ local에서 실행', runCommand: 'TableSpec: SQL 파일 또는 선택 영역 실행', history: 'TableSpec: 쿼리 이력', oneStatement: '한 번에 문장 하나만' });
    }),
  );
});

describe('TableSpec in Restricted Mode', { timeout: 300_000 }, () => {
  let session: Session;
  let page: Page;

  before(async () => {
    if (skip) return;
    session = await openSession(false);
    page = session.page;
  });
  after(() => (skip ? undefined : closeSession(session)));

  scenario('checks, but offers nothing that runs', () =>
    screenshotOnFailure(page, 'restricted', async () => {
      await openFile(page, 'card_aprv_hist.table.yaml');
      await until('squiggles', async () => (await page.locator('.squiggly-warning').count()) >= 3, 90_000);
      await until('the CodeLens', async () => (await page.locator('.codelens-decoration').count()) > 0);
      assert.equal((await page.locator('.codelens-decoration').first().innerText()).trim(), 'Plan');
      await typeInQuickInput(page, 'F1', '>TableSpec: Deploy');
      await until('the palette', async () => (await page.locator('.quick-input-list').count()) > 0);
      const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      assert.ok(!rows.some((r) => /TableSpec: Deploy/.test(r)), rows.join(' | '));
      await page.keyboard.press('Escape');
    }),
  );
});

/** The TableSpec view's rows in the side bar, as `label description` lines. */
async function viewRows(page: Page): Promise<string[]> {
  return page
    .locator('.part.sidebar .monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => `${r.querySelector('.label-name')?.textContent ?? ''} ${r.querySelector('.label-description')?.textContent ?? ''}`.trim()));
}

/** A row of the TableSpec view by the table's (or environment's) name. */
const viewRow = (page: Page, name: string) => page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) });

/**
 * Runs `action` from a table's context menu in the TableSpec view, and waits until `started` says it
 * did. The view refreshes as diagnostics and history arrive, and a refresh closes an open context menu
 * without running its item: then the menu is opened again.
 */
async function rowAction(page: Page, name: string, action: string, started: () => Promise<boolean>): Promise<void> {
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: action });
  for (let attempt = 1; ; attempt++) {
    await viewRow(page, name).click({ button: 'right' });
    await until(`${action} in the context menu`, async () => (await item.count()) > 0, 10_000);
    // The menu takes the item hovered, then Enter (a click right after it opens can be taken for the right-click's release).
    await item.first().hover();
    await until(`${action} focused`, async () => (await item.first().getAttribute('class'))?.includes('focused'), 5000);
    await page.keyboard.press('Enter');
    await until('the context menu closed', async () => (await page.locator('.context-view .monaco-menu').count()) === 0, 5000);
    try {
      await until(`${action} on ${name} started`, started, 15_000);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Opens the TableSpec view from the activity bar. */
async function openTablesView(page: Page, tableLabel = 'cust_master'): Promise<void> {
  await page.locator('.activitybar .action-item a[aria-label^="TableSpec"]').first().click();
  await until('the tables in the TableSpec view', async () => (await viewRows(page)).some((r) => r.startsWith(tableLabel)), 90_000);
}

/** The results panel's page. */
const resultsFrame = (page: Page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

describe('TableSpec view, history table and rejected values in a real editor', { timeout: 600_000 }, () => {
  let session: Session;
  let page: Page;

  before(async () => {
    if (skip) return;
    session = await openSession(true);
    page = session.page;
  });
  after(() => (skip ? undefined : closeSession(session)));

  scenario('lists the environments, databases and tables with their state in the TableSpec view', () =>
    screenshotOnFailure(page, 'tables-view', async () => {
      await openTablesView(page);
      const rows = await viewRows(page);
      assert.deepEqual(rows.slice(0, 2), ['local duckdb · current', 'card_dw 4 tables']);
      assert.deepEqual(
        rows.filter((r) => /^(dev|prod) /.test(r)),
        ['dev athena · ap-northeast-2', 'prod athena · ap-northeast-2 · protected'],
      );
      // Nothing deployed on the local engine yet (no database file, no catalog): the checks only.
      assert.deepEqual(
        rows.slice(2, 6).map((r) => r.replace(/⚠\d+/, '⚠n')),
        ['card_aprv_hist ⚠n', 'cust_card_master', 'cust_master', 'mart_card_sales ⚠n'],
      );
    }),
  );

  scenario('deploys and loads from a table of the view, which then shows the load and its rejected values', () =>
    screenshotOnFailure(page, 'tables-view-load', async () => {
      const dialog = page.locator('.monaco-dialog-box');
      await rowAction(page, 'cust_master', 'Deploy', async () => (await dialog.innerText({ timeout: 1000 })).includes('create-table card_dw.cust_master'));
      await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).click();
      await until(
        'cust_master deployed, the others not',
        async () =>
          (await viewRows(page))
            .slice(2, 6)
            .map((r) => r.replace(/⚠\d+ · /, ''))
            .join('|') === 'card_aprv_hist not deployed|cust_card_master not deployed|cust_master deployed|mart_card_sales not deployed',
        60_000,
      );
      await rowAction(page, 'cust_master', 'Load', async () => (await dialog.innerText({ timeout: 1000 })).includes('replace every row of card_dw.cust_master'));
      await dialog.locator('.monaco-button', { hasText: 'Yes, go ahead' }).click();
      await until('the load in the view', async () => (await viewRows(page)).some((r) => /^cust_master deployed · load ✓ 6 \d\d-\d\d \d\d:\d\d · 1 rejected$/.test(r)), 60_000);
      // The toast offers the rejected values: the row of the extract, the name masked, the date that did not convert marked.
      const toast = page.locator('.notification-toast', { hasText: 'Values that did not convert: join_dt 1' });
      await until('the load warning', async () => (await toast.count()) > 0, 30_000);
      await toast.first().locator('.monaco-button', { hasText: 'Rejected Values' }).click();
      const frame = resultsFrame(page);
      await until('the rejected row', async () => (await frame.locator('.tabulator-cell.rejected').allInnerTexts()).includes('not a date'), 60_000);
      const cells = await frame.locator('.tabulator-row').first().locator('.tabulator-cell:not(.tabulator-row-header)').allTextContents();
      assert.deepEqual(cells, ['5', '100000000005', '<9 chars>', 'B ', 'Y', 'not a date']);
      assert.match(await frame.locator('#stats').innerText(), /Rows shown: 1 · values that did not convert: 1 · personal data masked/);
      await illustrate(page, 'rejected-values');
    }),
  );

  scenario('filters the view to the tables that need attention', () =>
    screenshotOnFailure(page, 'tables-view-attention', async () => {
      // card_aprv_hist deployed as its spec says: nothing to look at (warnings are not a reason).
      const dialog = page.locator('.monaco-dialog-box');
      await rowAction(page, 'card_aprv_hist', 'Deploy', async () => (await dialog.innerText({ timeout: 1000 })).includes('create-table card_dw.card_aprv_hist'));
      await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).click();
      await until('card_aprv_hist deployed', async () => (await viewRows(page)).some((r) => /^card_aprv_hist (⚠\d+ · )?deployed$/.test(r)), 60_000);
      await page.locator('.part.sidebar .action-label[aria-label="Show Only What Needs Attention"]:visible').first().click();
      await until('only what needs attention', async () => !(await viewRows(page)).some((r) => r.startsWith('card_aprv_hist ')), 20_000);
      const tables = (await viewRows(page)).map((r) => r.split(' ')[0]!).filter((n) => /^(card_aprv|cust_|mart_)/.test(n));
      assert.deepEqual(tables, ['cust_card_master', 'cust_master', 'mart_card_sales']);
      await viewRow(page, 'cust_master').hover();
      await illustrate(page, 'tables-view');
      await page.locator('.part.sidebar .action-label[aria-label="Show All Tables"]:visible').first().click();
      await until('every table again', async () => (await viewRows(page)).some((r) => r.startsWith('card_aprv_hist ')), 20_000);
    }),
  );

  scenario("shows a table's history as a table, an entry's detail and its rejected values", () =>
    screenshotOnFailure(page, 'history-table', async () => {
      const frame = resultsFrame(page);
      await rowAction(page, 'cust_master', 'Show History', async () => (await frame.locator('#stats').innerText({ timeout: 1000 })) === '2 of 3 entries');
      const column = (field: string) => frame.locator(`.tabulator-row .tabulator-cell[tabulator-field="${field}"]`).allInnerTexts();
      assert.deepEqual(await column('operation'), ['load', 'deploy']);
      assert.deepEqual(await column('summary'), ['did not convert: 1', 'create-table card_dw.cust_master']);
      await frame.locator('.tabulator-row').first().locator('.tabulator-cell[tabulator-field="table"]').click();
      await until("the entry's detail", () => frame.locator('#detail').isVisible(), 10_000);
      assert.match(await frame.locator('#detail').innerText(), /detail · failedConversions\.join_dt\s+1/);
      await illustrate(page, 'history-table');
      await frame.locator('#rejected').click();
      await until('the rejected values from the history', async () => (await frame.locator('.tabulator-cell.rejected').allInnerTexts()).includes('not a date'), 30_000);
    }),
  );

  scenario('links a problem code to its page', () =>
    screenshotOnFailure(page, 'code-link', async () => {
      await openFile(page, 'card_aprv_hist.table.yaml');
      // The shortcut goes where the focus is: in the editor, not in a view or a results page left focused.
      await page.locator('.part.editor .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Shift+M');
      await until('the Problems panel', () => page.locator('.markers-panel').first().isVisible(), 30_000);
      const link = page.locator('.markers-panel .monaco-list-row a', { hasText: 'overwrite-large-table' });
      await until('the code as a link', async () => (await link.count()) > 0, 60_000);
      await link.first().click();
      await until('the page open', async () => (await page.locator('.tab.active').allTextContents()).some((t) => t.includes('overwrite-large-table.md')), 30_000);
      // The tab is active before its text is drawn: wait for the text.
      await until('the page text', async () => /# `overwrite-large-table`/.test(await editorText(page)), 30_000);
    }),
  );
});

describe('TableSpec view, history and rejected values in Korean', { timeout: 600_000 }, () => {
  let session: Session;
  let page: Page;

  before(async () => {
    if (skip) return;
    session = await openSession(true, 'ko');
    page = session.page;
  });
  after(() => (skip ? undefined : closeSession(session)));

  scenario('says the view, the history and the rejected values in Korean', () =>
    screenshotOnFailure(page, 'tables-view-ko', async () => {
      await openTablesView(page);
      const rows = await viewRows(page);
      assert.deepEqual(rows.slice(0, 2), ['local duckdb · 현재', 'card_dw 4개 테이블']);
      assert.ok(rows.includes('prod athena · ap-northeast-2 · 보호됨'), rows.join(' | '));
      const dialog = page.locator('.monaco-dialog-box');
      await rowAction(page, 'cust_master', '배포', async () => (await dialog.innerText({ timeout: 1000 })).includes('create-table card_dw.cust_master'));
      await dialog.locator('.monaco-button', { hasText: /^배포$/ }).click();
      await until('cust_master deployed', async () => (await viewRows(page)).includes('cust_master 배포됨'), 60_000);
      await rowAction(page, 'cust_master', '적재', async () => (await dialog.innerText({ timeout: 1000 })).includes('card_dw.cust_master'));
      await dialog.locator('.monaco-button', { hasText: '예, 진행합니다' }).click();
      await until('the load in the view', async () => (await viewRows(page)).some((r) => /^cust_master 배포됨 · 적재 ✓ 6 \d\d-\d\d \d\d:\d\d · 변환 실패 1$/.test(r)), 60_000);
      await viewRow(page, 'cust_master').hover();
      await illustrate(page, 'tables-view.ko');
      const frame = resultsFrame(page);
      await rowAction(page, 'cust_master', '이력 보기', async () => (await frame.locator('#stats').innerText({ timeout: 1000 })) === '2건');
      assert.deepEqual(await frame.locator('.tabulator-row .tabulator-cell[tabulator-field="operation"]').allInnerTexts(), ['적재', '배포']);
      await frame.locator('.tabulator-row').first().locator('.tabulator-cell[tabulator-field="table"]').click();
      await until('the detail', () => frame.locator('#detail').isVisible(), 10_000);
      await frame.locator('#rejected').click();
      await until('the rejected values', async () => (await frame.locator('.tabulator-cell.rejected').allInnerTexts()).includes('not a date'), 30_000);
      assert.match(await frame.locator('#stats').innerText(), /표시한 행: 1 · 변환되지 않은 값: 1 · 개인정보는 가림/);
    }),
  );
});
