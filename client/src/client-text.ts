/**
 * Sentences of the client that depend on counts, written apart from the vscode API so that they are tested
 * without an editor: `vscode` is the editor's API or a stand-in with `l10n.t` (which formats `{0}`) and
 * `env.language`. The calls read `vscode.vscode.l10n.t(...)` so that `npm run l10n` finds their strings.
 */
// Type only: the extractor of `npm run l10n` reads `vscode.l10n.t` calls in files that import 'vscode'.
import type * as vscode from 'vscode';
import { plural } from './plural';

/** What these sentences use of the editor's API. */
export interface Api {
  l10n: { t(message: string, ...args: (string | number | boolean)[]): string };
  env: Pick<typeof vscode.env, 'language'>;
}

/** What an import did: new specs written, changed ones overwritten or left as they were. */
export function importSummary(vscode: Api, files: { status: string }[]): string {
  const imported = files.filter((f) => f.status === 'new' || f.status === 'written').length;
  const kept = files.filter((f) => f.status === 'changed').length;
  const keptText = kept ? plural(vscode.env.language, kept, vscode.l10n.t('1 changed spec was left as it was.'), vscode.l10n.t('{0} changed specs were left as they were.', kept)) : '';
  if (!imported) return kept ? `${vscode.l10n.t('Nothing imported.')} ${keptText}` : vscode.l10n.t('Nothing to import: the specs are up to date.');
  const done = plural(vscode.env.language, imported, vscode.l10n.t('Imported 1 table into specs/.'), vscode.l10n.t('Imported {0} tables into specs/.', imported));
  return kept ? `${done} ${keptText}` : done;
}

/** The question before overwriting changed specs. */
export function overwriteQuestion(vscode: Api, changed: number): string {
  return plural(
    vscode.env.language,
    changed,
    vscode.l10n.t('1 existing spec would change (the diff is in the log).'),
    vscode.l10n.t('{0} existing specs would change (the diffs are in the log).', changed),
  );
}

/** A load's summary line, and the columns whose values did not convert when there are some. */
export function loadMessage(vscode: Api, summary: string, failed: [string, number][]): string {
  if (!failed.length) return summary;
  return vscode.l10n.t('{0}. Values that did not convert: {1}.', summary.replace(/[.。]$/, ''), failed.map(([c, n]) => `${c} ${n}`).join(', '));
}

/**
 * An error for a notification, which shows one paragraph: the lines under the first one (the errors of a
 * refused spec, the columns of a mismatched header) joined after it instead of dropped.
 */
export function toastText(message: string): string {
  const [first, ...rest] = message.split('\n');
  const more = rest.map((l) => l.trim()).filter(Boolean);
  return more.length ? `${first} ${more.join(' · ')}` : first!;
}
