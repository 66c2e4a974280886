/**
 * What goes wrong reading an Oracle definition to import: a stable code (listed in the README with the
 * checker's codes, never changing meaning), the line of the export or script, and a message. Tests and
 * callers match the code, never the wording.
 */
export type ImportProblemCode =
  /** The export is not CSV or JSON that parses. */
  | 'dictionary-unreadable'
  /** The JSON parses but holds no array of rows. */
  | 'dictionary-no-rows'
  /** The header lacks OWNER, TABLE_NAME, COLUMN_NAME or DATA_TYPE: nothing is read. */
  | 'dictionary-columns-missing'
  /** A row without one of those values: that row is skipped. */
  | 'dictionary-row-incomplete'
  /** `CREATE TABLE name` with no owner, and no `--owner`. */
  | 'ddl-owner-missing'
  /** `CREATE TABLE … AS SELECT`: no column list to read. */
  | 'ddl-column-list-missing'
  /** A statement the reader failed on. */
  | 'ddl-statement-unreadable'
  /** `--tables` names a table that none of the inputs defines. */
  | 'import-table-not-found';

export interface ImportProblem {
  code: ImportProblemCode;
  severity: 'error';
  /** 1-based line in the input; 0 when the problem is about the inputs as a whole. */
  line: number;
  message: string;
}

export const importProblem = (code: ImportProblemCode, line: number, message: string): ImportProblem => ({ code, severity: 'error', line, message });

/** The compiler-style line `tablespec import` prints (and the editor logs): `file:line: error code message`. */
export function importProblemLine(file: string, p: ImportProblem): string {
  return `${file}${p.line ? `:${p.line}` : ''}: ${p.severity} ${p.code} ${p.message}`;
}
