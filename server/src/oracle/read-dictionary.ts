/**
 * A dictionary export: `ALL_TAB_COLUMNS` rows (CSV, or JSON as SQL Developer exports it), optionally joined
 * with `ALL_COL_COMMENTS` (COMMENTS), `ALL_TAB_COMMENTS` (TABLE_COMMENTS) and the primary key's columns
 * (PK_POSITION). Never throws: bad rows become problems with their line.
 */
import * as l10n from '@vscode/l10n';
import { parse } from 'csv-parse/sync';
import { type ImportProblem, type ImportProblemCode, importProblem } from './import-problem';
import type { SourceColumn, SourceTable } from './source-table';
import { storedFromRow } from './stored-type';

export interface Dictionary {
  tables: Map<string, SourceTable>;
  problems: ImportProblem[];
}

type Row = Record<string, string | number | null | undefined>;

const text = (v: unknown): string | undefined => (v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim());
const int = (v: unknown): number | undefined => {
  const t = text(v);
  return t !== undefined && /^-?\d+$/.test(t) ? Number(t) : undefined;
};

/**
 * The type as DDL writes it, from the dictionary's columns. NUMBER with no precision and scale 0 is
 * INTEGER (not NUMBER(38), whose precision is recorded); with neither, a bare NUMBER. Character lengths follow CHAR_USED: `C` counts
 * characters (CHAR_LENGTH), `B` bytes (DATA_LENGTH).
 */
export function typeFromDictionary(row: Row): string | undefined {
  const type = text(row.DATA_TYPE)?.toUpperCase();
  if (!type) return undefined;
  const length = int(row.DATA_LENGTH);
  const precision = int(row.DATA_PRECISION);
  const scale = int(row.DATA_SCALE);
  const charLength = int(row.CHAR_LENGTH);
  const charUsed = text(row.CHAR_USED)?.toUpperCase();
  switch (type) {
    case 'NUMBER':
      // Precision null with scale 0 is how Oracle records INTEGER (and NUMBER(*,0)): not NUMBER(38).
      if (precision === undefined) return scale === 0 ? 'INTEGER' : scale !== undefined ? `NUMBER(*,${scale})` : 'NUMBER';
      return scale ? `NUMBER(${precision},${scale})` : `NUMBER(${precision})`;
    case 'FLOAT':
      return precision !== undefined ? `FLOAT(${precision})` : 'FLOAT';
    case 'VARCHAR2':
    case 'CHAR':
      if (charUsed === 'C' && charLength) return `${type}(${charLength} CHAR)`;
      return `${type}(${length ?? charLength ?? 1})`;
    case 'NVARCHAR2':
    case 'NCHAR':
      return `${type}(${charLength ?? (length !== undefined ? length / 2 : 1)})`;
    case 'RAW':
      return `RAW(${length ?? 1})`;
    case 'UROWID':
      return length ? `UROWID(${length})` : 'UROWID';
    default:
      // DATE, TIMESTAMP(6) [WITH [LOCAL] TIME ZONE], INTERVAL …, CLOB, BLOB … are written out in DATA_TYPE.
      return type;
  }
}

function rowsOf(source: string, format: 'csv' | 'json'): { rows: Row[]; error?: { code: ImportProblemCode; message: string } } {
  try {
    if (format === 'json') {
      const json = JSON.parse(source) as unknown;
      // SQL Developer writes {"results": [{"items": [...]}]}; a plain array of rows works too.
      const items = Array.isArray(json) ? json : ((json as { results?: { items?: Row[] }[]; items?: Row[] }).results?.[0]?.items ?? (json as { items?: Row[] }).items);
      if (!Array.isArray(items)) return { rows: [], error: { code: 'dictionary-no-rows', message: l10n.t('The JSON holds no rows: expected an array of ALL_TAB_COLUMNS rows.') } };
      return { rows: items.map((r) => Object.fromEntries(Object.entries(r as object).map(([k, v]) => [k.toUpperCase(), v]))) };
    }
    const records = parse(source.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toUpperCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as Row[];
    return { rows: records };
  } catch (err) {
    return { rows: [], error: { code: 'dictionary-unreadable', message: (err as Error).message } };
  }
}

export function readDictionary(source: string, format: 'csv' | 'json' = source.trimStart().startsWith('{') || source.trimStart().startsWith('[') ? 'json' : 'csv'): Dictionary {
  const { rows, error } = rowsOf(source, format);
  const problems: ImportProblem[] = error ? [importProblem(error.code, 1, error.message)] : [];
  const required = ['OWNER', 'TABLE_NAME', 'COLUMN_NAME', 'DATA_TYPE'];
  if (rows.length && required.some((k) => !(k in rows[0]!))) {
    problems.push(importProblem('dictionary-columns-missing', 1, l10n.t('The export needs the columns {0} (from ALL_TAB_COLUMNS); found {1}.', required.join(', '), Object.keys(rows[0]!).join(', '))));
    return { tables: new Map(), problems };
  }
  const tables = new Map<string, SourceTable>();
  const keys = new Map<string, { column: string; position: number }[]>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const owner = text(row.OWNER);
    const name = text(row.TABLE_NAME);
    const column = text(row.COLUMN_NAME);
    const type = typeFromDictionary(row);
    if (!owner || !name || !column || !type) {
      problems.push(importProblem('dictionary-row-incomplete', line, l10n.t('A row without OWNER, TABLE_NAME, COLUMN_NAME or DATA_TYPE was skipped.')));
      return;
    }
    const key = `${owner}.${name}`;
    let table = tables.get(key);
    if (!table) {
      table = { owner, name, columns: [], primaryKey: [] };
      const tc = text(row.TABLE_COMMENTS);
      if (tc) table.comment = tc;
      tables.set(key, table);
    }
    const col: SourceColumn = { name: column, type, stored: storedFromRow(row), nullable: text(row.NULLABLE)?.toUpperCase() !== 'N', position: int(row.COLUMN_ID) ?? table.columns.length + 1 };
    const comment = text(row.COMMENTS);
    if (comment) col.comment = comment;
    table.columns.push(col);
    const pk = int(row.PK_POSITION);
    if (pk !== undefined) keys.set(key, [...(keys.get(key) ?? []), { column, position: pk }]);
  });
  for (const [key, table] of tables) {
    table.columns.sort((a, b) => a.position - b.position);
    table.primaryKey = (keys.get(key) ?? []).sort((a, b) => a.position - b.position).map((k) => k.column);
  }
  return { tables, problems };
}
