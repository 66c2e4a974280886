/** The Oracle column types the spec understands, as plain data. */

export type OracleFamily =
  | 'number' // NUMBER, INTEGER, DECIMAL, FLOAT …: Oracle's decimal numbers
  | 'binary_float'
  | 'binary_double'
  | 'char' // CHAR, NCHAR: blank-padded
  | 'varchar' // VARCHAR2, NVARCHAR2, VARCHAR
  | 'lob_text' // CLOB, NCLOB, LONG
  | 'raw'
  | 'lob_binary' // BLOB, LONG RAW
  | 'bfile'
  | 'date'
  | 'timestamp'
  | 'interval'
  | 'rowid'
  | 'xml'
  | 'json'
  | 'boolean';

export interface OracleType {
  family: OracleFamily;
  /** The type as Oracle would print it, upper case, such as `NUMBER(12,2)` or `VARCHAR2(100 CHAR)`. */
  canonical: string;
  /** Decimal digits for NUMBER (binary digits for FLOAT); undefined when Oracle keeps it open (bare NUMBER, NUMBER(*)). */
  precision?: number;
  scale?: number;
  /** Oracle records no precision (DATA_PRECISION null) though the type holds 38 digits: INTEGER, bare DECIMAL, NUMBER(*,s). */
  openPrecision?: boolean;
  /** FLOAT counts precision in binary digits. */
  binaryPrecision?: boolean;
  /** Maximum length of a character or RAW type. */
  length?: number;
  lengthUnit?: 'BYTE' | 'CHAR';
  /** Fractional seconds digits of TIMESTAMP and INTERVAL DAY TO SECOND. */
  fraction?: number;
  timeZone?: 'none' | 'tz' | 'local';
  /** Leading field precision of an INTERVAL. */
  leading?: number;
  intervalKind?: 'year_month' | 'day_second';
}

export function isOracleString(t: OracleType): boolean {
  return t.family === 'char' || t.family === 'varchar' || t.family === 'lob_text' || t.family === 'xml' || t.family === 'json' || t.family === 'rowid' || t.family === 'interval';
}

export function isOracleNumeric(t: OracleType): boolean {
  return t.family === 'number' || t.family === 'binary_float' || t.family === 'binary_double';
}

export function isOracleDatetime(t: OracleType): boolean {
  return t.family === 'date' || t.family === 'timestamp';
}
