/**
 * The Runs view: each table with the state of its DAG's newest run; under a failed one, its failed tasks
 * with their diagnosis (rule, meaning, remedy), and under each rule the evidence lines, which open the
 * log at the matched line (the server copies the log to .tablespec/logs first). Read on demand (the
 * view's refresh): it calls Airflow and reads logs, which costs time and AWS calls.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { runServerCommand } from './server-command';

import type { RunEvidence as Evidence, RunFinding as Finding, RunIncident as IncidentInfo, TableRunsInfo as TableInfo } from '../../server/src/protocol';

type Node =
  | { kind: 'table'; table: TableInfo }
  | { kind: 'task'; table: TableInfo; incident: IncidentInfo }
  | { kind: 'finding'; incident: IncidentInfo; finding: Finding }
  | { kind: 'evidence'; incident: IncidentInfo; finding: Finding; evidence: Evidence }
  | { kind: 'note'; text: string };

const FAILED = ['failed', 'upstream_failed', 'up_for_retry'];

function stateIcon(state: string | undefined): vscode.ThemeIcon {
  if (!state) return new vscode.ThemeIcon('circle-outline');
  if (FAILED.includes(state)) return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  if (state === 'success') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (state === 'running' || state === 'queued') return new vscode.ThemeIcon('sync');
  return new vscode.ThemeIcon('circle-outline');
}

export class RunsView implements vscode.TreeDataProvider<Node> {
  private tables: TableInfo[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly environment: () => string,
  ) {}

  /** Asks the server for every table's runs and the diagnosis of the failed tasks. */
  async refresh(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) return;
    const r = await runServerCommand(
      this.client,
      'tablespec.server.runs',
      { uri: vscode.Uri.joinPath(folder, 'tablespec.yaml').toString(), environment: this.environment(), logs: true },
      vscode.l10n.t('Reading the runs on {0}…', this.environment()),
    );
    if (!r) return;
    this.tables = r.tables;
    this.changed.fire();
  }

  /** Copies the log to the workspace and opens it at the evidence line. */
  async open(node: Node): Promise<void> {
    if (node.kind !== 'evidence') return;
    if (!node.finding.log.startsWith('airflow:') && !node.finding.log.startsWith('s3://')) {
      // FailureDetails: not a log, its text is the evidence.
      void vscode.window.showInformationMessage(node.evidence.text);
      return;
    }
    const table = this.tables.find((t) => t.dagId === node.incident.dagId);
    if (!table) return;
    const r = await runServerCommand(
      this.client,
      'tablespec.server.runLog',
      { uri: vscode.Uri.file(table.file).toString(), environment: this.environment(), dagId: node.incident.dagId, runId: node.incident.runId, log: node.finding.log },
      vscode.l10n.t('Reading {0}…', node.finding.log),
    );
    if (!r) return;
    const line = Math.max(0, node.evidence.line - 1);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(r.path), { preview: true, selection: new vscode.Range(line, 0, line, 0) });
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.tables.map((table) => ({ kind: 'table', table }));
    if (node.kind === 'table') {
      if (node.table.error) return [{ kind: 'note', text: node.table.error }];
      return (node.table.incidents ?? []).map((incident) => ({ kind: 'task', table: node.table, incident }));
    }
    if (node.kind === 'task') {
      const seen = new Set<string>();
      const findings: Node[] = node.incident.findings
        .filter((f) => !seen.has(`${f.rule} ${f.log}`) && seen.add(`${f.rule} ${f.log}`))
        .map((finding) => ({ kind: 'finding', incident: node.incident, finding }));
      return [...findings, ...node.incident.notes.map((text): Node => ({ kind: 'note', text }))];
    }
    if (node.kind === 'finding') return node.finding.evidence.map((evidence) => ({ kind: 'evidence', incident: node.incident, finding: node.finding, evidence }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'table') {
      const run = node.table.runs[0];
      const item = new vscode.TreeItem(
        `${node.table.database}.${node.table.table}`,
        node.table.incidents?.length || node.table.error ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      item.description = node.table.error ? vscode.l10n.t('cannot read') : run ? `${run.state}${run.startDate ? ` · ${run.startDate.slice(0, 16).replace('T', ' ')}` : ''}` : vscode.l10n.t('no runs');
      item.iconPath = node.table.error ? new vscode.ThemeIcon('warning') : stateIcon(run?.state);
      item.resourceUri = vscode.Uri.file(node.table.file);
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Spec'), arguments: [vscode.Uri.file(node.table.file)] };
      item.contextValue = 'tablespec.runs.table';
      return item;
    }
    if (node.kind === 'task') {
      const item = new vscode.TreeItem(node.incident.taskId, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.incident.findings[0]?.rule ?? vscode.l10n.t('no known cause');
      item.tooltip = `${node.incident.runId} · ${vscode.l10n.t('try {0}', String(node.incident.tryNumber))}`;
      item.iconPath = stateIcon('failed');
      return item;
    }
    if (node.kind === 'finding') {
      const item = new vscode.TreeItem(node.finding.rule, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = node.finding.meaning;
      item.tooltip = new vscode.MarkdownString().appendText(`${node.finding.meaning}\n\n${node.finding.remedy}`);
      item.iconPath = new vscode.ThemeIcon('lightbulb');
      return item;
    }
    if (node.kind === 'evidence') {
      const item = new vscode.TreeItem(`${node.finding.log.split('/').pop()}:${node.evidence.line}`);
      item.description = node.evidence.text;
      item.tooltip = `${node.finding.log}:${node.evidence.line}\n${node.evidence.text}`;
      item.iconPath = new vscode.ThemeIcon('go-to-file');
      item.command = { command: 'tablespec.openRunLog', title: vscode.l10n.t('Open Log at Line'), arguments: [node] };
      return item;
    }
    const item = new vscode.TreeItem(node.text);
    item.iconPath = new vscode.ThemeIcon('info');
    return item;
  }
}
