/** The palette and CodeLens commands: each asks the server, shows progress, and shows the result where it belongs. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandError, CommandName, CommandParams } from '../../server/src/protocol';
import { importSummary, loadMessage, overwriteQuestion } from './client-text';
import { logChannel, log } from './log';
import { newSpec } from './new-spec';
import { PlanDocuments } from './plan-view';
import { ResultsPanel } from './results-panel';
import { RunsView } from './runs-view';
import { runServerCommand } from './server-command';
import type { EnvironmentStatus } from './status-bar';

const saltKey = 'tablespec.hashSalt';

function specUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  // A table of the TableSpec view: its spec.
  if (arg instanceof vscode.TreeItem && arg.resourceUri) return arg.resourceUri;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && /\.table\.ya?ml$/.test(doc.fileName)) return doc.uri;
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a *.table.yaml spec first.'));
  return undefined;
}

function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(vscode.l10n.t('This workspace is in Restricted Mode: the checks run, but deploy, load and queries wait until you trust it.'), vscode.l10n.t('Manage Workspace Trust'))
    .then((c) => c && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, status: EnvironmentStatus): void {
  let lastPreview: vscode.Uri | undefined;
  const planDocuments = new PlanDocuments(context);
  const panel = new ResultsPanel(
    context.extensionUri,
    (limit) => lastPreview && void preview(lastPreview, limit),
    (sample) => void showRejected(sample),
  );

  /** A load's rejected values in the grid, from the sample its history entry names. */
  async function showRejected(sample: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) return;
    const r = await runServerCommand(client, 'tablespec.server.rejected', { uri: workspaceFile(folder), sample }, vscode.l10n.t('Reading the rejected values…'));
    if (r) panel.show({ kind: 'rejected', title: vscode.l10n.t('Rejected values: {0}', r.table), result: r });
  }
  const env = () => status.current();
  /** A command on one spec, on the environment of the status bar. */
  const run = <C extends CommandName>(
    command: C,
    uri: vscode.Uri,
    title: string,
    extra: Omit<CommandParams<C>, 'uri'>,
    retry?: (err: CommandError) => Promise<Partial<CommandParams<C>> | undefined>,
  ) => runServerCommand(client, command, { uri: uri.toString(), environment: env(), ...extra } as CommandParams<C>, title, retry);
  /** A command on the whole workspace: its tablespec.yaml names it. */
  const workspaceFile = (folder: vscode.Uri) => vscode.Uri.joinPath(folder, 'tablespec.yaml').toString();

  async function salt(): Promise<string | undefined> {
    return context.secrets.get(saltKey);
  }

  async function askSalt(): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Hash salt'),
      prompt: vscode.l10n.t("The secret salt of sha256 columns (16 characters or more). It is kept in the editor's secret storage, never in a file."),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.length >= 16 ? undefined : vscode.l10n.t('At least 16 characters.')),
    });
    if (value) await context.secrets.store(saltKey, value);
    return value;
  }

  async function preview(uri: vscode.Uri, limit?: number): Promise<void> {
    lastPreview = uri;
    const rows = limit ?? vscode.workspace.getConfiguration('tablespec').get<number>('preview.rows', 1000);
    const r = await run('tablespec.server.preview', uri, vscode.l10n.t('Preview of {0}', vscode.workspace.asRelativePath(uri)), { limit: rows });
    if (r) panel.show({ kind: 'preview', title: vscode.l10n.t('Preview: {0}', r.table), result: r.result, limit: rows });
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
      const out = await vscode.window.showInputBox({
        title: vscode.l10n.t('Airflow DAGs'),
        prompt: vscode.l10n.t('Folder to write the DAG files to (relative to the workspace).'),
        value: 'dags',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Name a folder.')),
      });
      if (!out) return;
      const emrCluster = await vscode.window.showInputBox({
        title: vscode.l10n.t('Airflow DAGs'),
        prompt: vscode.l10n.t('Name of the EMR cluster the DAGs run their steps on.'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Name the cluster.')),
      });
      if (!emrCluster) return;
      const r = await runServerCommand(
        client,
        'tablespec.server.dag',
        { uri: vscode.Uri.joinPath(folder, 'tablespec.yaml').toString(), environment: env(), out: out.trim(), emrCluster: emrCluster.trim() },
        vscode.l10n.t('Writing the DAGs…'),
      );
      if (!r) return;
      for (const e of r.errors) log(e);
      const text = vscode.l10n.t('{0} DAG files written to {1} for {2}.', String(r.files.length), out.trim(), env());
      if (r.errors.length) void vscode.window.showWarningMessage(`${text} ${vscode.l10n.t('{0} specs could not be written: see the log.', String(r.errors.length))}`);
      else void vscode.window.showInformationMessage(text);
    },
    'tablespec.newSpec': () => newSpec(client),
    'tablespec.showLog': () => logChannel().show(),
    'tablespec.plan': async (arg) => {
      const uri = specUri(arg);
      if (!uri) return;
      // The plan in the editor's diff view: deployed ↔ spec, and the DDL and Glue input the deploy sends.
      const r = await run('tablespec.server.planText', uri, vscode.l10n.t('Planning…'), {});
      if (r) await planDocuments.showPlan(r);
    },
    'tablespec.deploy': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const texts = await run('tablespec.server.planText', uri, vscode.l10n.t('Planning…'), {});
      if (!texts) return;
      const plan = { result: { changes: texts.changes, table: texts.table } };
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
      const detail = texts.detail;
      const question = vscode.l10n.t('Deploy {0} to {1}?', plan.result.table, env());
      const answer = destructive
        ? await vscode.window.showWarningMessage(question, { modal: true, detail }, review, go, cancel)
        : await vscode.window.showWarningMessage(question, { modal: true, detail }, go);
      if (answer === review) {
        await planDocuments.showPlan(texts);
        return;
      }
      if (answer !== go) return;
      const r = await run('tablespec.server.deploy', uri, vscode.l10n.t('Deploying {0}…', plan.result.table), { confirmation: { yes: true } });
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
      const r = await run('tablespec.server.load', uri, vscode.l10n.t('Loading {0}…', vscode.workspace.asRelativePath(uri)), stored ? { salt: stored } : {}, async (err) => {
        if (err.data?.kind !== 'needs-salt') return undefined;
        const s = await askSalt();
        return s ? { salt: s } : undefined;
      });
      if (!r) return;
      log(r.text);
      const failed = Object.entries(r.result.failedConversions);
      const message = loadMessage(vscode, r.summary, failed);
      const rejected = r.result.rejected;
      const showRejected = vscode.l10n.t('Rejected Values');
      const showLog = vscode.l10n.t('Show Log');
      const actions = rejected ? [showRejected, showLog] : [showLog];
      if (failed.length || r.result.reconcile?.matched === false) {
        void vscode.window.showWarningMessage(message, ...actions).then((c) => {
          if (c === showLog) logChannel().show();
          else if (c === showRejected && rejected)
            panel.show({
              kind: 'rejected',
              title: vscode.l10n.t('Rejected values: {0}', r.result.table),
              result: { ...rejected, table: r.result.table, environment: r.result.environment, at: new Date().toISOString(), failedConversions: r.result.failedConversions },
            });
        });
      } else void vscode.window.showInformationMessage(message);
    },
    'tablespec.reconcile': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const r = await run('tablespec.server.reconcile', uri, vscode.l10n.t('Counting rows…'), {});
      if (!r) return;
      log(r.text);
      // A mismatch is something to act on: a warning, not an information toast.
      if (r.result.matched === false) void vscode.window.showWarningMessage(r.summary, vscode.l10n.t('Show Log')).then((c) => c && logChannel().show());
      else void vscode.window.showInformationMessage(r.summary);
    },
    'tablespec.verify': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      const stored = await salt();
      // The source side hashes as the load does: the same salt, asked for once like the load asks.
      const r = await run('tablespec.server.verify', uri, vscode.l10n.t('Verifying {0}…', vscode.workspace.asRelativePath(uri)), stored ? { salt: stored } : {}, async (err) => {
        if (err.data?.kind !== 'needs-salt') return undefined;
        const s = await askSalt();
        return s ? { salt: s } : undefined;
      });
      if (!r) return;
      log(r.text);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: r.text + '\n' }));
      // Beside the Markdown, the results panel: the differences by column, the bytes scanned, the rows side by side.
      panel.show({ kind: 'verify', title: vscode.l10n.t('Verify: {0}', r.result.table), result: r.result });
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
      const r = await run('tablespec.server.profile', uri, vscode.l10n.t('Profiling…'), {});
      if (r) panel.show({ kind: 'profile', title: vscode.l10n.t('Profile: {0}', r.result.table), result: r.result });
    },
    'tablespec.scanValues': async (arg) => {
      const uri = specUri(arg);
      if (!uri || !trusted()) return;
      // The server reads the sample and keeps the values; only counts and masked examples come back, and
      // its findings appear as diagnostics on the spec (with the pii/encrypt quick fix).
      const r = await run('tablespec.server.scan', uri, vscode.l10n.t('Scanning values for personal data…'), {});
      if (!r) return;
      const open = r.findings.filter((f) => !f.declared);
      for (const f of r.findings) log(`${r.table}.${f.column}: ${f.kind} ${f.matched}/${f.sampled} (${f.example})${f.declared ? ' declared' : ''}`);
      if (open.length)
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t(
              '{0}: personal data in {1} column(s) the spec does not declare ({2} rows sampled). See the Problems view for the quick fix.',
              r.table,
              new Set(open.map((f) => f.column)).size,
              r.rows,
            ),
            vscode.l10n.t('Show Log'),
          )
          .then((c) => c && logChannel().show());
      else void vscode.window.showInformationMessage(vscode.l10n.t('{0}: no undeclared personal data in {1} sampled rows.', r.table, r.rows));
    },
    'tablespec.query': async (arg) => {
      const uri = specUri(arg) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!uri || !trusted()) return;
      const sql = await vscode.window.showInputBox({ title: vscode.l10n.t('Run a read-only query on {0}', env()), placeHolder: 'SELECT * FROM card_dw.cust_master LIMIT 100', ignoreFocusOut: true });
      if (!sql) return;
      const r = await run('tablespec.server.query', uri, vscode.l10n.t('Running the query…'), { sql, limit: 100000 });
      if (r) panel.show({ kind: 'preview', title: vscode.l10n.t('Query'), result: r, limit: r.rows.length });
    },
    'tablespec.switchEnvironment': async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) return;
      const r = await runServerCommand(client, 'tablespec.server.environments', { uri: workspaceFile(folder) }, vscode.l10n.t('Reading environments…'));
      if (r) await status.pick(r.environments);
    },
    'tablespec.refreshCatalog': async (arg) => {
      const uri = specUri(arg) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!uri || !trusted()) return;
      const r = await run('tablespec.server.refreshCatalog', uri, vscode.l10n.t('Refreshing the catalog…'), {});
      if (r) {
        status.setCatalog(r.state, r.source ?? '');
        void vscode.window.showInformationMessage(r.error ? vscode.l10n.t('Catalog offline: {0}', r.error) : vscode.l10n.t('Catalog: {0}', r.state));
      }
    },
    'tablespec.showHistory': async (arg) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) return;
      const h = await runServerCommand(client, 'tablespec.server.history', { uri: workspaceFile(folder) }, vscode.l10n.t('Reading history…'));
      if (!h) return;
      // From a table of the TableSpec view: its history on that environment (the headers' filters, cleared at will).
      const item = arg as { node?: { database?: string; table?: string }; environment?: { name?: string } } | undefined;
      const table = item?.node?.database && item.node.table ? `${item.node.database}.${item.node.table}` : undefined;
      const environment = table ? item?.environment?.name : undefined;
      panel.show({
        kind: 'history',
        title: table ? vscode.l10n.t('History: {0}', table) : vscode.l10n.t('TableSpec history'),
        result: { entries: h, ...(table ? { table } : {}), ...(environment ? { environment } : {}) },
      });
    },
    'tablespec.showRejected': async (arg) => {
      // From a table of the TableSpec view whose last load kept rejected values.
      const sample = (arg as { node?: { lastLoad?: { rejectedSample?: string } } } | undefined)?.node?.lastLoad?.rejectedSample;
      if (sample) await showRejected(sample);
      else void vscode.window.showInformationMessage(vscode.l10n.t('No rejected values: open the history and pick a load that had some.'));
    },
    'tablespec.import': async (arg) => {
      const folder = (arg instanceof vscode.Uri ? arg : undefined) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) return;
      const files = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('An Oracle dictionary export (CSV, JSON) or DDL scripts (SQL)'),
        canSelectMany: true,
        filters: { [vscode.l10n.t('Dictionary or DDL')]: ['csv', 'json', 'sql', 'ddl'] },
      });
      if (!files?.length) return;
      const ddl = files.every((f) => /\.(sql|ddl)$/i.test(f.fsPath));
      const args = { uri: workspaceFile(folder), out: 'specs', ...(ddl ? { ddl: files.map((f) => f.fsPath) } : { dictionary: files[0]!.fsPath }) };
      let r = await runServerCommand(client, 'tablespec.server.import', args, vscode.l10n.t('Importing…'));
      if (!r) return;
      const changed = r.files.filter((f) => f.status === 'changed');
      if (changed.length) {
        for (const f of changed) log(f.diff ?? '');
        const overwrite = vscode.l10n.t('Overwrite');
        // The safe choice first (Enter): see what would change, in the diff view, before anything is written.
        const reviewChanges = vscode.l10n.t('Review Changes');
        const detail = changed.map((f) => vscode.workspace.asRelativePath(f.path)).join('\n');
        let answer = await vscode.window.showWarningMessage(overwriteQuestion(vscode, changed.length), { modal: true, detail }, reviewChanges, overwrite);
        if (answer === reviewChanges) {
          // A few diffs side by side; the rest are in the log, as the whole diff of each is.
          for (const f of changed.slice(0, 10)) if (f.proposed !== undefined) await planDocuments.showImport(vscode.Uri.file(f.path), f.proposed);
          answer = await vscode.window.showWarningMessage(overwriteQuestion(vscode, changed.length), { detail }, overwrite);
        }
        if (answer === overwrite) r = (await runServerCommand(client, 'tablespec.server.import', { ...args, overwrite: true }, vscode.l10n.t('Importing…'))) ?? r;
      }
      for (const p of r.problems) log(p);
      // Says what was written: a cancelled overwrite left the changed specs as they were.
      void vscode.window.showInformationMessage(importSummary(vscode, r.files));
    },
    'tablespec.report': async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder || !trusted()) return;
      const r = await runServerCommand(client, 'tablespec.server.report', { uri: workspaceFile(folder), environment: env() }, vscode.l10n.t('Counting every table…'));
      if (r) panel.show({ kind: 'report', title: vscode.l10n.t('Reconciliation: {0}', env()), result: r.report });
    },
    'tablespec.extract': async (arg) => {
      const uri = specUri(arg);
      if (!uri) return;
      const r = await run('tablespec.server.extract', uri, vscode.l10n.t('Writing the extract configuration…'), {});
      if (!r) return;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: r.markdown }));
    },
  };
  for (const [name, handler] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(name, handler));
}
