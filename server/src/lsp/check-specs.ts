/**
 * Checking one spec or the workspace file, and publishing its diagnostics. An open document is
 * checked by its own checker (caches kept between keystrokes); a spec on disk once, nothing of its
 * tree kept. Each check updates the spec's entry in its workspace's index.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../config/workspace-config';
import { LineIndex } from '../core/line-index';
import type { Fix, Problem } from '../core/problem';
import { checkSpecFile, indexEntry, withJoins } from '../document/check-spec';
import type { SpecModel } from '../document/spec-model';
import { lastFailureProblems } from '../runs/last-failure';
import { specPattern } from '../workspace/find-files';
import { checkBudgetMs } from './budget';
import { problemKey, toDiagnostic } from './convert';
import { toPath } from './live-workspaces';
import type { ServerContext } from './server-context';
import type { Checked } from './spec-cache';
import { isWorkspaceFile, workspaceFileService } from './workspace-file';

/** Sends a spec's diagnostics; returns what quick fixes need of them. */
export function publish(ctx: ServerContext, uri: string, version: number, text: string, problems: Problem[]) {
  ctx.cache.published.set(
    uri,
    problems.map((p) => ({ code: p.code, severity: p.severity })),
  );
  const lineIndex = new LineIndex(text);
  const fixes = new Map<string, Fix[]>();
  const diagnostics = problems.map((p: Problem) => {
    const d = toDiagnostic(lineIndex, p);
    if (p.fixes) fixes.set(problemKey(p.code, d.range), p.fixes);
    return d;
  });
  void ctx.connection.sendDiagnostics({ uri, version, diagnostics });
  return { index: lineIndex, fixes };
}

/** The spec's problems and the last production failure of its table (the history's incidents), which `tablespec.checks.disabled` silences as it does every other code. */
function withLastFailure(ctx: ServerContext, root: string, path: string, text: string, model: SpecModel, problems: Problem[], disabled: readonly string[]): Problem[] {
  const entry = indexEntry(path, model);
  const failure = entry ? ctx.lastFailureOf(root, `${entry.database}.${entry.table}`) : undefined;
  return failure ? [...problems, ...lastFailureProblems(text, model, failure).filter((p) => !disabled.includes(p.code))] : problems;
}

/**
 * Checks a spec's text and publishes its diagnostics; returns the `database.table` names whose
 * definition changed (for the specs that join to them). `open`: the editor's document, else a file on disk.
 */
export function checkSpec(ctx: ServerContext, uri: string, text: string, version: number, open = true): string[] {
  const settings = ctx.workspaces.knownSettings(uri) ?? defaultSettings;
  const ws = ctx.workspaces.of(uri);
  const path = toPath(uri);
  const values = ctx.cache.valueScans.get(uri);
  const env = { ...ws.environment(settings), ...(values ? { values } : {}) };
  let model: SpecModel;
  if (open) {
    const result = ctx.cache.checkerOf(uri)(text, { ...env, workspace: ws.index.viewFor(path) });
    ctx.cache.checked.set(uri, { version, text, open: { ...publish(ctx, uri, version, text, withLastFailure(ctx, ws.root, path, text, result.model, result.problems, settings.disabled)), result } });
    model = result.model;
  } else {
    // A file on disk: one parse, and nothing of its tree kept.
    const file = checkSpecFile(text, env, { budgetMs: checkBudgetMs });
    publish(ctx, uri, version, text, withLastFailure(ctx, ws.root, path, text, file.model, withJoins(file, ws.index.viewFor(path), settings), settings.disabled));
    ctx.cache.checked.set(uri, { version, text });
    model = file.model;
  }
  const before = ws.index.get(path);
  const after = indexEntry(path, model);
  if (!ws.index.set(path, after)) return [];
  return [before, after].flatMap((e) => (e ? [`${e.database}.${e.table}`] : []));
}

/** Checks a spec already checked once again: the editor's text when it is open, else the last text read. */
export function checkSpecAgain(ctx: ServerContext, uri: string, last: Checked): string[] {
  const doc = ctx.documents.get(uri);
  return checkSpec(ctx, uri, doc?.getText() ?? last.text, doc?.version ?? last.version, !!doc);
}

/** Checks an open document: a spec, or tablespec.yaml (with the YAML service and its schema); returns what checkSpec returns. */
export async function checkDocument(ctx: ServerContext, doc: TextDocument): Promise<string[]> {
  if (isWorkspaceFile(doc.uri)) {
    const bound = ctx.cache.overBound(doc);
    if (bound) {
      void ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [toDiagnostic(new LineIndex(doc.getText()), bound)] });
      return [];
    }
    const diagnostics = await workspaceFileService().doValidation(doc, false);
    void ctx.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    return [];
  }
  if (!specPattern.test(doc.uri)) return [];
  return checkSpec(ctx, doc.uri, doc.getText(), doc.version);
}
