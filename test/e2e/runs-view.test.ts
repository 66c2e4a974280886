/**
 * The Runs view in a real workbench (code-server + Chromium), against the emulator's Airflow (v1), EMR and
 * S3 answering from this process: refresh, a failed table with its failed task and diagnosis, and an
 * evidence line that opens the log copied to the workspace at the matched line.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator';
import { launchBrowser, screenshotOnFailure, startWorkbench, toolsReady, typeInQuickInput, until, type Workbench } from '../helpers/code-server';
import { dagRun, runsWorkspace } from '../helpers/runs-workspace';

const skip = !toolsReady() && !process.env.CI ? 'the editor tools are not installed: npm run setup:editor' : false;
const logs = join(__dirname, '..', 'fixtures', 'logs');
const CLUSTER = 'j-3KLMNOPQR5678';
const STEP = 's-2ABCDEFGH1234';

describe('the Runs view in a real editor', { timeout: 300_000 }, () => {
  let aws: AwsEmulator;
  let ws: ReturnType<typeof runsWorkspace>;
  let workbench: Workbench;
  let browser: Browser;
  let page: Page;

  before(async () => {
    if (skip) return;
    aws = await startAwsEmulator();
    ws = runsWorkspace(aws);
    // Without the Oracle connection: the editor would ask to connect to it for the source checks.
    writeFileSync(ws.path('tablespec.yaml'), readFileSync(ws.path('tablespec.yaml'), 'utf8').replace(/\noracle:\n  connect_string: .*\n  user: .*\n/, '\n'));
    mkdirSync(ws.path('.vscode'), { recursive: true });
    writeFileSync(ws.path('.vscode/settings.json'), JSON.stringify({ 'tablespec.environment': 'web' }));
    aws.airflow.users.set('ops', 'ops-password');
    aws.airflow.addRun(dagRun('tablespec__card_dw__card_txn', 7, 'watch_extract', 1, { watch_extract: [readFileSync(join(logs, 'airflow-watch-extract-failed.log'), 'utf8')] }));
    aws.emr.cluster({ Id: CLUSTER, Name: 'card-etl-prod', State: 'WAITING', LogUri: 's3://aws-logs-card/emr/' });
    aws.emr.step(CLUSTER, { Id: STEP, Name: 'card_dw.card_txn extract', State: 'FAILED', ended: Date.now() / 1000 - 3600 });
    aws.s3.put('aws-logs-card', `emr/${CLUSTER}/steps/${STEP}/stderr.gz`, gzipSync(readFileSync(join(logs, 'sqoop-ora-01555.stderr'))));
    workbench = await startWorkbench(ws.root, {
      trust: true,
      env: { TABLESPEC_AWS_ENDPOINT: aws.endpoint, AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'emulator', TABLESPEC_AIRFLOW_USER: 'ops', TABLESPEC_AIRFLOW_PASSWORD: 'ops-password' },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbench.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  });
  after(async () => {
    if (skip) return;
    await browser?.close();
    await workbench?.stop();
    ws?.remove();
    await aws?.stop();
  });

  it('lists the failed run with its diagnosis and opens the log at the evidence line', { skip }, () =>
    screenshotOnFailure(page, 'runs-view', async () => {
      const container = page.locator('.activitybar .action-item a[aria-label^="TableSpec"], .activitybar .action-label[aria-label^="TableSpec"]').first();
      await until('the TableSpec activity', async () => (await container.count()) > 0, 90_000);
      await container.click();
      const view = page.locator('.pane', { hasText: 'Runs' }).first();
      const refresh = view.locator('.monaco-button', { hasText: 'Read the Runs' });
      await until('the Runs view', async () => (await refresh.count()) > 0);
      await refresh.first().click();
      const rows = view.locator('.monaco-list-row');
      await until('the failed table', async () => (await rows.allInnerTexts()).some((t) => t.includes('card_dw.card_txn') && t.includes('failed')), 90_000);
      await until('the failed task and its rule', async () => (await rows.allInnerTexts()).some((t) => t.includes('watch_extract') && t.includes('oracle.snapshot-too-old')));
      await rows.filter({ hasText: 'ORA-01555: Oracle could no longer' }).first().click();
      const evidence = rows.filter({ hasText: 'stderr.gz:35' });
      await until('the evidence line', async () => (await evidence.count()) > 0);
      await evidence.first().click();
      await until('the log open', async () => (await page.locator('.tab.active').allTextContents()).some((t) => t.includes('stderr.log')), 60_000);
      await until('the cursor on line 35', async () => (await page.locator('.statusbar').innerText()).includes('Ln 35'));
      assert.match(readFileSync(ws.path(`.tablespec/logs/aws-logs-card/emr/${CLUSTER}/steps/${STEP}/stderr.log`), 'utf8').split('\n')[34]!, /ORA-01555/);
    }),
  );

  it('writes the DAGs from the palette, saying which specs could not be written', { skip }, () =>
    screenshotOnFailure(page, 'dag-command', async () => {
      await typeInQuickInput(page, 'F1', '>TableSpec: Write Airflow DAGs');
      const input = page.locator('.quick-input-widget input');
      await until('the DAG command', async () => (await page.locator('.quick-input-list .monaco-list-row').first().textContent())?.includes('Write Airflow DAGs'));
      await page.keyboard.press('Enter');
      await until('the folder prompt', async () => (await page.locator('.quick-input-widget').innerText()).includes('Folder to write the DAG files to'));
      await input.fill('dags');
      await page.keyboard.press('Enter');
      await until('the cluster prompt', async () => (await page.locator('.quick-input-widget').innerText()).includes('Name of the EMR cluster'));
      await input.fill('card-etl-prod');
      await page.keyboard.press('Enter');
      // This workspace names no Oracle connection: the source table's DAG cannot run its extract, the mart's is written.
      await until(
        'the result',
        async () => (await page.locator('.notification-toast').allInnerTexts()).some((t) => t.includes('1 DAG files written to dags for web') && t.includes('1 specs could not be written')),
        60_000,
      );
      assert.match(readFileSync(ws.path('dags/tablespec__card_dw__cust_grade.py'), 'utf8'), /dag_id="tablespec__card_dw__cust_grade"/);
    }),
  );
});
