/**
 * A column type as Oracle records it in ALL_TAB_COLUMNS (DATA_TYPE, DATA_PRECISION, DATA_SCALE, CHAR_USED,
 * CHAR_LENGTH / DATA_LENGTH), so that two writings Oracle stores alike compare equal: `VARCHAR(10)` and
 * `VARCHAR2(10 BYTE)`, `INTEGER` and `NUMBER(*,0)`, `FLOAT` and `FLOAT(126)`, `TIMESTAMP` and `TIMESTAMP(6)`.
 *
 * Fields follow the Oracle Database Reference, "ALL_TAB_COLUMNS": DATA_PRECISION is decimal for NUMBER,
 * binary for FLOAT, null otherwise; DATA_SCALE is the scale of NUMBER and the fractional seconds of
 * TIMESTAMP and INTERVAL DAY TO SECOND; CHAR_USED is `B` or `C` for character types. A field left
 * `undefined` was not in the export and matches anything: where the dictionary cannot tell, neither do we.
 */
import type { OracleType } from './oracle-type';

export interface StoredType {
  dataType: string;
  precision: number | null | undefined;
  scale: number | null | undefined;
  charUsed: 'B' | 'C' | null | undefined;
  /** CHAR_LENGTH for character types (in CHAR_USED's unit), DATA_LENGTH for RAW and UROWID; null otherwise. */
  length: number | null | undefined;
}

const characterTypes = new Set(['CHAR', 'NCHAR', 'VARCHAR2', 'NVARCHAR2']);

/** What ALL_TAB_COLUMNS would record for a column declared with this type. */
export function storedFromType(t: OracleType): StoredType {
  const none = { precision: null, scale: null, charUsed: null, length: null } as const;
  switch (t.family) {
    case 'number':
      if (t.binaryPrecision) return { ...none, dataType: 'FLOAT', precision: t.precision ?? 126 };
      // Bare NUMBER and NUMBER(*) keep neither; INTEGER, bare DECIMAL and NUMBER(*,s) keep the scale only.
      if (t.scale === undefined) return { ...none, dataType: 'NUMBER' };
      return { ...none, dataType: 'NUMBER', precision: t.openPrecision ? null : (t.precision ?? null), scale: t.scale };
    case 'char':
    case 'varchar': {
      const national = t.canonical.startsWith('N');
      const dataType = t.family === 'char' ? (national ? 'NCHAR' : 'CHAR') : national ? 'NVARCHAR2' : 'VARCHAR2';
      // National types count characters; others count bytes unless CHAR is written (the default
      // NLS_LENGTH_SEMANTICS is BYTE).
      return { ...none, dataType, charUsed: national || t.lengthUnit === 'CHAR' ? 'C' : 'B', length: t.length ?? 1 };
    }
    case 'raw':
      return { ...none, dataType: 'RAW', length: t.length ?? null };
    case 'rowid':
      return t.canonical === 'ROWID' ? { ...none, dataType: 'ROWID' } : { ...none, dataType: 'UROWID', length: t.length ?? 4000 };
    case 'timestamp':
      return { ...none, dataType: t.canonical, scale: t.fraction ?? 6 };
    case 'interval':
      return { ...none, dataType: t.canonical, precision: t.leading ?? 2, scale: t.intervalKind === 'day_second' ? (t.fraction ?? 6) : 0 };
    default:
      return { ...none, dataType: t.canonical };
  }
}

type Row = Record<string, string | number | null | undefined>;

/** A dictionary field: `undefined` when the export has no such column, `null` when the row leaves it empty. */
function field(row: Row, key: string): number | null | undefined {
  if (!(key in row)) return undefined;
  const v = row[key];
  if (v === null || v === undefined || String(v).trim() === '') return null;
  const n = Number(String(v).trim());
  return Number.isInteger(n) ? n : null;
}

/** The stored form of an ALL_TAB_COLUMNS row, read from its fields (not from a type written as text). */
export function storedFromRow(row: Row): StoredType {
  const dataType = String(row.DATA_TYPE ?? '')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ');
  const precision = field(row, 'DATA_PRECISION');
  const scale = field(row, 'DATA_SCALE');
  const dataLength = field(row, 'DATA_LENGTH');
  const charLength = field(row, 'CHAR_LENGTH');
  const usedText =
    'CHAR_USED' in row
      ? String(row.CHAR_USED ?? '')
          .trim()
          .toUpperCase()
      : undefined;
  const none = { precision: null, scale: null, charUsed: null, length: null } as const;
  if (dataType === 'NUMBER') return { ...none, dataType, precision, scale };
  if (dataType === 'FLOAT') return { ...none, dataType, precision };
  if (characterTypes.has(dataType)) {
    const national = dataType.startsWith('N');
    const charUsed = national ? 'C' : usedText === 'C' ? 'C' : usedText === 'B' ? 'B' : usedText === undefined ? undefined : 'B';
    // CHAR_LENGTH counts in CHAR_USED's unit; an export without it falls back to DATA_LENGTH (bytes;
    // two a character for the national types in AL16UTF16).
    const length = charLength ? charLength : dataLength ? (national ? dataLength / 2 : charUsed === 'B' ? dataLength : undefined) : charLength;
    return { ...none, dataType, charUsed, length };
  }
  if (dataType === 'RAW' || dataType === 'UROWID') return { ...none, dataType, length: dataLength };
  if (dataType.startsWith('TIMESTAMP')) {
    // DATA_TYPE spells the fraction out (`TIMESTAMP(6)`); DATA_SCALE repeats it.
    const m = /^TIMESTAMP(?:\((\d)\))?(.*)$/.exec(dataType)!;
    const f = m[1] !== undefined ? Number(m[1]) : (scale ?? 6);
    return { ...none, dataType: `TIMESTAMP(${f})${m[2]}`, scale: f };
  }
  if (dataType.startsWith('INTERVAL')) {
    const m = /^INTERVAL (YEAR|DAY)(?:\((\d)\))? TO (MONTH|SECOND)(?:\((\d)\))?$/.exec(dataType);
    if (m) {
      const leading = m[2] !== undefined ? Number(m[2]) : (precision ?? 2);
      const fraction = m[1] === 'DAY' ? (m[4] !== undefined ? Number(m[4]) : (scale ?? 6)) : 0;
      const text = m[1] === 'DAY' ? `INTERVAL DAY(${leading}) TO SECOND(${fraction})` : `INTERVAL YEAR(${leading}) TO MONTH`;
      return { ...none, dataType: text, precision: leading, scale: fraction };
    }
  }
  return { ...none, dataType: dataType === 'SYS.XMLTYPE' ? 'XMLTYPE' : dataType };
}

const same = <T>(a: T | undefined, b: T | undefined) => a === undefined || b === undefined || a === b;

/** Whether Oracle stores the two alike: every field both sides know agrees. */
export function sameStoredType(a: StoredType, b: StoredType): boolean {
  return a.dataType === b.dataType && same(a.precision, b.precision) && same(a.scale, b.scale) && same(a.charUsed, b.charUsed) && same(a.length, b.length);
}
