/**
 * The words of the results page, in the editor's language. The page cannot call vscode.l10n, so the
 * panel hands them over in its HTML; `{0}` marks where the page puts a number or a name.
 */
import * as vscode from 'vscode';

export function resultsText() {
  return {
    noRows: vscode.l10n.t('No rows'),
    filter: vscode.l10n.t('filter'),
    copy: vscode.l10n.t('Copy'),
    exportCsv: vscode.l10n.t('Export CSV'),
    moreRows: vscode.l10n.t('More rows'),
    rowsOne: vscode.l10n.t('1 row'),
    rows: vscode.l10n.t('{0} rows'),
    shownOfOne: vscode.l10n.t('{0} of 1 row'),
    shownOf: vscode.l10n.t('{0} of {1} rows'),
    columnsOne: vscode.l10n.t('1 column'),
    columns: vscode.l10n.t('{0} columns'),
    copied: vscode.l10n.t('Copied {0}, {1}.'),
    scanned: vscode.l10n.t('{0} scanned'),
    tablesOne: vscode.l10n.t('1 table'),
    tables: vscode.l10n.t('{0} tables'),
    matchedCount: vscode.l10n.t('{0} matched'),
    mismatchedCount: vscode.l10n.t('{0} mismatched'),
    reconciliation: vscode.l10n.t('Reconciliation · {0}'),
    nullPercent: vscode.l10n.t('NULL %'),
    distinctApprox: vscode.l10n.t('distinct (approx.)'),
    targetPercent: vscode.l10n.t('target rows, % of source'),
    column: vscode.l10n.t('column'),
    type: vscode.l10n.t('type'),
    nulls: vscode.l10n.t('nulls'),
    distinct: vscode.l10n.t('distinct'),
    min: vscode.l10n.t('min'),
    max: vscode.l10n.t('max'),
    topValues: vscode.l10n.t('top values'),
    table: vscode.l10n.t('table'),
    source: vscode.l10n.t('source'),
    target: vscode.l10n.t('target'),
    status: vscode.l10n.t('status'),
    error: vscode.l10n.t('error: {0}'),
    noSourceCount: vscode.l10n.t('no source count'),
    matched: vscode.l10n.t('matched'),
    mismatch: vscode.l10n.t('MISMATCH'),
    agree: vscode.l10n.t('agree'),
    differ: vscode.l10n.t('differ'),
    against: vscode.l10n.t('against {0}'),
    tierCounts: vscode.l10n.t('tier 1, counts: {0}'),
    tierChecksums: vscode.l10n.t('tier 2, checksums: {0}'),
    tierSample: vscode.l10n.t('tier 3, sampled rows: {0}'),
    missing: vscode.l10n.t('missing rows'),
    extra: vscode.l10n.t('extra rows'),
    duplicate: vscode.l10n.t('duplicated rows'),
    differencesByColumn: vscode.l10n.t('differences by column'),
    megabytesScanned: vscode.l10n.t('MB scanned per query'),
    partition: vscode.l10n.t('partition'),
    key: vscode.l10n.t('key'),
    difference: vscode.l10n.t('difference'),
  };
}

export type ResultsText = ReturnType<typeof resultsText>;

/** For an HTML attribute value in double quotes. */
export function attributeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
