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
    history: vscode.l10n.t('History'),
    entriesOne: vscode.l10n.t('1 entry'),
    entries: vscode.l10n.t('{0} entries'),
    when: vscode.l10n.t('when'),
    environment: vscode.l10n.t('environment'),
    operation: vscode.l10n.t('operation'),
    result: vscode.l10n.t('result'),
    user: vscode.l10n.t('user'),
    summary: vscode.l10n.t('summary'),
    close: vscode.l10n.t('Close'),
    rejectedValues: vscode.l10n.t('Rejected values'),
    rejectedCount: vscode.l10n.t('did not convert: {0}'),
    changes: vscode.l10n.t('changes'),
    detail: vscode.l10n.t('detail'),
    bytesScanned: vscode.l10n.t('bytes scanned'),
    resultOk: vscode.l10n.t('ok'),
    resultFailed: vscode.l10n.t('failed'),
    resultCancelled: vscode.l10n.t('cancelled'),
    resultSkipped: vscode.l10n.t('skipped'),
    opDeploy: vscode.l10n.t('deploy'),
    opLoad: vscode.l10n.t('load'),
    opReconcile: vscode.l10n.t('reconcile'),
    opVerify: vscode.l10n.t('verify'),
    opPurge: vscode.l10n.t('purge'),
    opRun: vscode.l10n.t('run'),
    rejectedTitle: vscode.l10n.t('Rejected values · {0}'),
    rejectedNote: vscode.l10n.t('Rows shown: {0} · values that did not convert: {1} · personal data masked'),
    line: vscode.l10n.t('row'),
    rowsColumn: vscode.l10n.t('rows'),
    shownOfEntries: vscode.l10n.t('{0} of {1} entries'),
    errorLabel: vscode.l10n.t('error'),
  };
}

export type ResultsText = ReturnType<typeof resultsText>;

/** For an HTML attribute value in double quotes. */
export function attributeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
