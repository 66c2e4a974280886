/**
 * Runs inside VS Code: the scenarios of the real-editor suite through the VS Code API. The server's
 * commands (`tablespec.server.*`) are registered by the language client, so the operations run as the
 * CodeLens runs them, with the confirmation given up front.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const scenarios: [string, () => Promise<void>][] = [];
const scenario = (name: string, run: () => Promise<void>) => scenarios.push([name, run]);

let doc: vscode.TextDocument;

scenario('problems of a spec', async () => {
  const [uri] = await vscode.workspace.findFiles('specs/card_aprv_hist.table.yaml');
  doc = await vscode.workspace.openTextDocument(uri!);
  await vscode.window.showTextDocument(doc);
  const diagnostics = await until('diagnostics', () => {
    const d = vscode.languages.getDiagnostics(doc.uri);
    return d.length >= 3 && d;
  });
  assert.ok(diagnostics.some((d) => d.code === 'pii-not-encrypted' && d.range.start.line === 14));
  assert.ok(diagnostics.some((d) => d.code === 'overwrite-large-table'));
});

scenario('a quick fix', async () => {
  const d = vscode.languages.getDiagnostics(doc.uri).find((x) => x.code === 'pii-not-encrypted')!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
  const fix = actions.find((a) => a.title.startsWith('Mark as `pii: card_no`'))!;
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  assert.match(doc.getText(), /pii: card_no\n {4}encrypt: sha256/);
  await doc.save();
});

scenario('completion and hover', async () => {
  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => l.includes('oracle: NUMBER(18)'));
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 12));
  assert.equal(list.items[0]!.label as string, 'NUMBER(p)');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 14));
  assert.match((hovers[0]!.contents[0] as vscode.MarkdownString).value, /\*\*NUMBER\(18\)\*\* → \*\*bigint\*\*/);
});

scenario('the CodeLens', async () => {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
  assert.deepEqual(
    lenses.map((l) => l.command?.title),
    ['Plan', 'Deploy', 'Load', 'Preview', 'Profile'],
  );
});

scenario('deploy, load and preview on the local engine', async () => {
  const args = { uri: doc.uri.toString(), environment: 'local', confirmation: { yes: true } };
  await vscode.commands.executeCommand('tablespec.server.deploy', args);
  const load = await vscode.commands.executeCommand<{ result: { staged: number } }>('tablespec.server.load', args);
  assert.equal(load.result.staged, 4);
  const preview = await vscode.commands.executeCommand<{ result: { rows: Record<string, unknown>[] } }>('tablespec.server.preview', { ...args, limit: 10 });
  assert.equal(preview.result.rows[0]!.aprv_no, 202401310000001);
});

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, fn] of scenarios) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
      console.log(`not ok - ${name}: ${(err as Error).message}`);
    }
  }
  console.log(`${scenarios.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(failures.join('\n'));
}
