/** The palette and CodeLens commands: each asks the server, shows progress, and shows the result where it belongs. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { importSummary, loadMessage, overwriteQuestion, rowsText } from './client-text';
import { logChannel, log } from './log';
import { newSpec } from './new-spec';
import { ResultsPanel } from './results-panel';
import { RunsView } from './runs-view';
import { runServerCommand } from './server-command';
import type { EnvironmentInfo, EnvironmentStatus } from './status-bar';

interface Change {
  kind: string;
  target: string;
  detail: string;
  safety: 'safe' | 'rewrite' | 'destructive';
}

const saltKey = 'tablespec.hashSalt';

function specUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && /\.table\.ya?ml$/.test(doc.fileName)) return doc.uri;
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a *.table.yaml spec first.'));
  return undefined;
}

function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('This workspace is in Restricted Mode: the checks run, but deploy, load and queries wait until you trust it.'), vscode.l10n.t('Manage Workspace Trust')).then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

function describePlan(changes: Change[]): string {
  if (!changes.length) return vscode.l10n.t('No changes: the deployed table matches the spec.');
  const mark = { safe: '✓', rewrite: '⟳', destructive: '✗' } as const;
  return changes.map((c) => `${mark[c.safety]} ${c.kind} ${c.target}: ${c.detail}`).join('\n');
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, status: EnvironmentStatus): void {
  let lastPreview: vscode.Uri | undefined;
  const panel = new ResultsPanel(context.extensionUri, (limit) => lastPreview && void preview(lastPreview, limit));
  const env = () => status.current();
  const run = <T>(command: string, uri: vscode.Uri, title: string, extra: Record<string, unknown> = {}, retry?: Parameters<typeof runServerCommand>[4]) => runServerCommand<T>(client, command, { uri: uri.toString(), environment: env(), ...extra }, title, retry);

  async function salt(): Promise<string | undefined> {
    return context.secrets.get(saltKey);
  }

  async function askSalt(): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({ title: vscode.l10n.t('Hash salt'), prompt: vscode.l10n.t('The secret salt of sha256 columns (16 characters or more). It is kept in the editor\'s secret storage, never in a file.'), password: true, ignoreFocusOut: true, validateInput: (v) => (v.length >= 16 ? undefined : vscode.l10n.t('At least 16 characters.')) });
    if (value) await context.secrets.store(saltKey, value);
    return value;
  }

  async function preview(uri: vscode.Uri, limit?: number): Promise<void> {
    lastPreview = uri;
    const rows = limit ?? vscode.workspace.getConfiguration('tablespec').get<number>('preview.rows', 1000);
    const r = await run<{ result: { columns: { name: string; type: string }[]; rows: Record<string, unknown>[]; stats: Record<string, unknown>; sql: string } }>('tablespec.server.preview', uri, vscode.l10n.t('Preview of {0}', vscode.workspace.asRelativePath(uri)), { limit: rows });
    if (r) panel.show({ kind: 'preview', title: vscode.l10n.t('Preview: {0}', r.result.sql.replace(/^SELECT \* FROM /, '').replace(/ LIMIT \d+$/, '')), result: r.result, limit: rows });
  }

  const runs = new RunsView(client, env);
  context.subscriptions.push(vscode.window.registerTreeDataProvider('tablespec.runs', runs));

  const commands: Record<string, (arg?: unknown) => unknown> = {
    'tablespec.refreshRuns': async () => {
      if (trusted()) await runs.refresh();
    },
    'tablespec.openRunLog': (node) => runs.open(node as Parameters<RunsView['open']>[0]),
    'tablespec.dag': async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder || !trusted()) return;
      const out = await vscode.window.showInputBox({ title: vscode.l10n.t('Airflow DAGs'), prompt: vscode.l10n.t('Folder to write the DAG files to (relative to the workspace).'), value: 'dags', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Name a folder.')) });
      if (!out) return;
      const emrCluster = await vscode.window.showInputBox({ title: vscode.l10n.t('Airflow DAGs'), prompt: vscode.l10n.t('Name of the EMR cluster the DAGs run their steps on.'), ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Name the cluster.')) });
      if (!emrCluster) return;
      const r = await runServerCommand<{ files: string[]; errors: string[] }>(client, 'tablespec.server.dag', { uri: vscode.Uri.joinPath(folder, 'tablespec.yaml').toString(), environment: env(), out: out.trim(), emrCluster: emrCluster.trim() }, vscode.l10n.t('Writing the DAGs…'));
      if (!r) return;
      for (const e of r.errors) log(e);
      const text = vscode.l10n.t('{0} DAG files written to {1} for {2}.', String(r.files.length), out.trim(), env());
      if (r.errors.length) void vscode.window.showWarningMessage(`${text} ${vscode.l10n.t('{0} specs could not be written: see the log.', String(r.errors.length))}`);
      else void vscode.window.showInformationMessage(text);
    },
    'tablespec.newSpec': () => newSpec(),
    'tablespec.showLog': () => logChannel().show(),
    'tablespec.plan': async (arg) => {
      const uri = specUri(arg);
      if (!uri) return;
      const r = await run<{ result: { changes: Change[]; table: string } }>('tablespec.server.plan', uri, vscode.l10n.t('Planning…'));
      if (r) void vscode.window.showInformationMessage(vscode.l10n.t('Plan for {0} on {1}', r.result.table, env()), { modal: true, detail: describePlan(r.result.changes) });
    },
    'tablespec.deploy': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const plan = await run<{ result: { changes: Change[]; table: string } }>('tablespec.server.plan', uri, vscode.l10n.t('Planning…'));
      if (!plan) return;
      if (!plan.result.changes.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} on {1}: nothing to deploy.', plan.result.table, env()));
        return;
      }
      // The plan first: what will change, and what destroys or rewrites data.
      const destructive = plan.result.changes.some((c) => c.safety !== 'safe');
      const go: vscode.MessageItem = { title: vscode.l10n.t('Deploy') };
      // A dialog's default button (Enter) is its first item; a close affordance is moved out to the Cancel place.
      // So when the plan destroys or rewrites data, the first item is a safe one: review the plan, deploy nothing.
      const review: vscode.MessageItem = { title: vscode.l10n.t('Review the Plan') };
      const cancel: vscode.MessageItem = { title: vscode.l10n.t('Cancel'), isCloseAffordance: true };
      const detail = describePlan(plan.result.changes) + (destructive ? `\n\n${vscode.l10n.t('✗ destroys data, ⟳ rewrites it.')}` : '');
      const question = vscode.l10n.t('Deploy {0} to {1}?', plan.result.table, env());
      const answer = destructive ? await vscode.window.showWarningMessage(question, { modal: true, detail }, review, go, cancel) : await vscode.window.showWarningMessage(question, { modal: true, detail }, go);
      if (answer === review) {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${question}\n\n${detail}\n` }));
        return;
      }
      if (answer !== go) return;
      const r = await run<{ text: string }>('tablespec.server.deploy', uri, vscode.l10n.t('Deploying {0}…', plan.result.table), { confirmation: { yes: true } });
      if (r) {
        log(r.text);
        void vscode.window.showInformationMessage(vscode.l10n.t('Deployed {0} to {1}.', plan.result.table, env()));
      }
    },
    'tablespec.load': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const stored = await salt();
      // Hashed columns without a salt are refused by the server: ask for it once, keep it in the secret storage, retry.
      const r = await run<{ text: string; result: { failedConversions: Record<string, number>; reconcile?: { matched: boolean | null } } }>('tablespec.server.load', uri, vscode.l10n.t('Loading {0}…', vscode.workspace.asRelativePath(uri)), stored ? { salt: stored } : {}, async (err) => {
        if (!/TABLESPEC_HASH_SALT/.test(err.message)) return undefined;
        const s = await askSalt();
        return s ? { salt: s } : undefined;
      });
      if (!r) return;
      log(r.text);
      const failed = Object.entries(r.result.failedConversions);
      const message = loadMessage(vscode, r.text.split('\n')[0]!, failed);
      if (failed.length || r.result.reconcile?.matched === false) void vscode.window.showWarningMessage(message, vscode.l10n.t('Show Log')).then((c) => c && logChannel().show());
      else void vscode.window.showInformationMessage(message);
    },
    'tablespec.reconcile': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const r = await run<{ text: string; result: { matched: boolean | null } }>('tablespec.server.reconcile', uri, vscode.l10n.t('Counting rows…'));
      if (!r) return;
      log(r.text);
      // A mismatch is something to act on: a warning, not an information toast.
      if (r.result.matched === false) void vscode.window.showWarningMessage(r.text.split('\n')[0]!, vscode.l10n.t('Show Log')).then((c) => c && logChannel().show());
      else void vscode.window.showInformationMessage(r.text.split('\n')[0]!);
    },
    'tablespec.verify': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const stored = await salt();
      // The source side hashes as the load does: the same salt, asked for once like the load asks.
      const r = await run<{ text: string; result: { agree: boolean; table: string } }>('tablespec.server.verify', uri, vscode.l10n.t('Verifying {0}…', vscode.workspace.asRelativePath(uri)), stored ? { salt: stored } : {}, async (err) => {
        if (!/TABLESPEC_HASH_SALT/.test(err.message)) return undefined;
        const s = await askSalt();
        return s ? { salt: s } : undefined;
      });
      if (!r) return;
      log(r.text);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: r.text + '\n' }));
      const message = r.result.agree ? vscode.l10n.t('{0} agrees with its source.', r.result.table) : vscode.l10n.t('{0} differs from its source.', r.result.table);
      if (r.result.agree) void vscode.window.showInformationMessage(message);
      else void vscode.window.showWarningMessage(message);
    },
    'tablespec.preview': async (arg) => {
      const uri = specUri(arg);
      if (uri && trusted()) await preview(uri);
    },
    'tablespec.profile': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const r = await run<{ result: { table: string } }>('tablespec.server.profile', uri, vscode.l10n.t('Profiling…'));
      if (r) panel.show({ kind: 'profile', title: vscode.l10n.t('Profile: {0}', r.result.table), result: r.result });
    },
    'tablespec.scanValues': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      // The server reads the sample and keeps the values; only counts and masked examples come back, and
      // its findings appear as diagnostics on the spec (with the pii/encrypt quick fix).
      const r = await run<{ table: string; rows: number; findings: { column: string; kind: string; matched: number; sampled: number; example: string; declared: boolean }[] }>('tablespec.server.scan', uri, vscode.l10n.t('Scanning values for personal data…'));
      if (!r) return;
      const open = r.findings.filter((f) => !f.declared);
      for (const f of r.findings) log(`${r.table}.${f.column}: ${f.kind} ${f.matched}/${f.sampled} (${f.example})${f.declared ? ' declared' : ''}`);
      if (open.length) void vscode.window.showWarningMessage(vscode.l10n.t('{0}: personal data in {1} column(s) the spec does not declare ({2} rows sampled). See the Problems view for the quick fix.', r.table, new Set(open.map((f) => f.column)).size, r.rows), vscode.l10n.t('Show Log')).then((c) => c && logChannel().show());
      else void vscode.window.showInformationMessage(vscode.l10n.t('{0}: no undeclared personal data in {1} sampled rows.', r.table, r.rows));
    },
    'tablespec.query': async (arg) => {
      const uri = specUri(arg) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!uri || !trusted()) return;
      const sql = await vscode.window.showInputBox({ title: vscode.l10n.t('Run a read-only query on {0}', env()), placeHolder: 'SELECT * FROM card_dw.cust_master LIMIT 100', ignoreFocusOut: true });
      if (!sql) return;
      const r = await run<{ columns: { name: string; type: string }[]; rows: Record<string, unknown>[]; stats: Record<string, unknown>; sql: string }>('tablespec.server.query', uri, vscode.l10n.t('Running the query…'), { sql, limit: 100000 });
      if (r) panel.show({ kind: 'preview', title: vscode.l10n.t('Query'), result: r, limit: r.rows.length });
    },
    'tablespec.switchEnvironment': async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) return;
      const r = await runServerCommand<{ environments: EnvironmentInfo[] }>(client, 'tablespec.server.environments', { uri: vscode.Uri.joinPath(folder, 'tablespec.yaml').toString() }, vscode.l10n.t('Reading environments…'));
      if (r) await status.pick(r.environments);
    },
    'tablespec.refreshCatalog': async (arg) => {
      const uri = specUri(arg) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!uri || !trusted()) return;
      const r = await run<{ state: string; source?: string; error?: string }>('tablespec.server.refreshCatalog', uri, vscode.l10n.t('Refreshing the catalog…'));
      if (r) {
        status.setCatalog(r.state, r.source ?? '');
        void vscode.window.showInformationMessage(r.error ? vscode.l10n.t('Catalog offline: {0}', r.error) : vscode.l10n.t('Catalog: {0}', r.state));
      }
    },
    'tablespec.showHistory': async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) return;
      const h = await runServerCommand<{ at: string; user: string; environment: string; operation: string; table: string; result: string; rows?: number; error?: string }[]>(client, 'tablespec.server.history', { uri: vscode.Uri.joinPath(folder, 'tablespec.yaml').toString() }, vscode.l10n.t('Reading history…'));
      if (!h) return;
      const pick = await vscode.window.showQuickPick(
        [...h].reverse().map((e) => ({ label: `${e.result === 'ok' ? '$(pass)' : e.result === 'skipped' ? '$(debug-step-over)' : '$(error)'} ${e.operation} ${e.table}`, description: `${e.environment} · ${e.at.replace('T', ' ').slice(0, 19)} · ${e.user}`, detail: e.error ?? (e.rows !== undefined ? rowsText(vscode, e.rows) : undefined), entry: e })),
        { title: vscode.l10n.t('TableSpec history'), matchOnDescription: true },
      );
      if (pick) void vscode.window.showInformationMessage(pick.label.replace(/^\$\([^)]+\) /, ''), { modal: true, detail: JSON.stringify(pick.entry, null, 2) });
    },
    'tablespec.import': async (arg) => {
      const folder = (arg instanceof vscode.Uri ? arg : undefined) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) return;
      const files = await vscode.window.showOpenDialog({ title: vscode.l10n.t('An Oracle dictionary export (CSV, JSON) or DDL scripts (SQL)'), canSelectMany: true, filters: { [vscode.l10n.t('Dictionary or DDL')]: ['csv', 'json', 'sql', 'ddl'] } });
      if (!files?.length) return;
      const ddl = files.every((f) => /\.(sql|ddl)$/i.test(f.fsPath));
      const args = { uri: vscode.Uri.joinPath(folder, 'tablespec.yaml').toString(), out: 'specs', ...(ddl ? { ddl: files.map((f) => f.fsPath) } : { dictionary: files[0]!.fsPath }) };
      type Result = { files: { path: string; status: string; diff?: string }[]; problems: string[] };
      let r = await runServerCommand<Result>(client, 'tablespec.server.import', args, vscode.l10n.t('Importing…'));
      if (!r) return;
      const changed = r.files.filter((f) => f.status === 'changed');
      if (changed.length) {
        for (const f of changed) log(f.diff ?? '');
        const overwrite = vscode.l10n.t('Overwrite');
        const answer = await vscode.window.showWarningMessage(overwriteQuestion(vscode, changed.length), { modal: true, detail: changed.map((f) => vscode.workspace.asRelativePath(f.path)).join('\n') }, overwrite);
        if (answer === overwrite) r = (await runServerCommand<Result>(client, 'tablespec.server.import', { ...args, overwrite: true }, vscode.l10n.t('Importing…'))) ?? r;
      }
      for (const p of r.problems) log(p);
      // Says what was written: a cancelled overwrite left the changed specs as they were.
      void vscode.window.showInformationMessage(importSummary(vscode, r.files));
    },
    'tablespec.report': async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder || !trusted()) return;
      const r = await runServerCommand<{ report: unknown; markdown: string }>(client, 'tablespec.server.report', { uri: vscode.Uri.joinPath(folder, 'tablespec.yaml').toString(), environment: env() }, vscode.l10n.t('Counting every table…'));
      if (r) panel.show({ kind: 'report', title: vscode.l10n.t('Reconciliation: {0}', env()), result: r.report });
    },
    'tablespec.extract': async (arg) => {
      const uri = specUri(arg);
      if (!uri) return;
      const r = await run<{ table: string; sqoop: string; spark: unknown; notes: string[] }>('tablespec.server.extract', uri, vscode.l10n.t('Writing the extract configuration…'));
      if (!r) return;
      const content = `# ${r.table}\n\n## Sqoop\n\n\`\`\`sh\n${r.sqoop}\n\`\`\`\n\n## Spark JDBC\n\n\`\`\`json\n${JSON.stringify(r.spark, null, 2)}\n\`\`\`\n${r.notes.length ? `\n## Notes\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content }));
    },
  };
  for (const [name, handler] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(name, handler));
}
