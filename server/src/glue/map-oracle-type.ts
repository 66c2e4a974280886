/**
 * The default mapping of Oracle types to Glue/Athena types (table-spec.md, "Default mapping"),
 * with the reason for each choice, shown on hover and in reports.
 */
import type { OracleType } from '../oracle/oracle-type';
import type { Severity } from '../core/problem';
import type { GlueType } from './glue-type';

export interface TypeNote {
  code: string;
  severity: Severity;
  message: string;
}

export interface MappedType {
  /** Undefined when the type cannot be loaded at all (BFILE). */
  glue?: GlueType;
  /** Why this target type: one sentence for the hover. */
  reason: string;
  /** Problems the mapping itself raises, placed on the `oracle` value. */
  notes: TypeNote[];
}

const decimal = (precision: number, scale: number): GlueType => ({ kind: 'decimal', precision, scale });

function mapNumber(t: OracleType): MappedType {
  if (t.binaryPrecision || t.precision === undefined) {
    const what = t.binaryPrecision ? t.canonical : t.canonical === 'NUMBER' ? 'A bare NUMBER' : t.canonical;
    return {
      glue: decimal(38, 10),
      reason: `${what} has no fixed decimal precision; decimal(38,10) keeps 28 integer and 10 fraction digits, as AWS DMS does.`,
      notes: [{ code: 'number-precision-unknown', severity: 'warning', message: `${what} has no fixed precision: it maps to decimal(38,10), which may round or overflow. Write the precision (NUMBER(p,s)) or set \`type\`.` }],
    };
  }
  const p = t.precision;
  const s = t.scale ?? 0;
  if (s === 0) {
    if (p <= 9) return { glue: { kind: 'int' }, reason: `${t.canonical} holds at most ${p} digits: int (9 digits) holds it.`, notes: [] };
    if (p <= 18) return { glue: { kind: 'bigint' }, reason: `${t.canonical} holds at most ${p} digits: bigint (18 digits) holds it.`, notes: [] };
    return { glue: decimal(p, 0), reason: `${t.canonical} holds up to ${p} digits, more than bigint: decimal(${p},0).`, notes: [] };
  }
  if (s < 0) {
    const digits = Math.min(38, p - s);
    return { glue: decimal(digits, 0), reason: `${t.canonical} rounds ${-s} digits left of the point, so values reach ${p - s} digits: decimal(${digits},0).`, notes: [] };
  }
  if (s > p) return { glue: decimal(s, s), reason: `${t.canonical} has more scale than precision (values below ${10 ** (p - s)}): decimal(${s},${s}).`, notes: [] };
  return { glue: decimal(p, s), reason: `${t.canonical} maps digit for digit to decimal(${p},${s}).`, notes: [] };
}

/** Maps an Oracle type to its default Glue/Athena type. */
export function mapOracleType(t: OracleType): MappedType {
  switch (t.family) {
    case 'number':
      return mapNumber(t);
    case 'binary_float':
      return { glue: { kind: 'float' }, reason: 'BINARY_FLOAT is an IEEE 754 32-bit float: float.', notes: [] };
    case 'binary_double':
      return { glue: { kind: 'double' }, reason: 'BINARY_DOUBLE is an IEEE 754 64-bit float: double.', notes: [] };
    case 'char':
      return {
        glue: { kind: 'string' },
        reason: `${t.canonical} is blank-padded to its length; string keeps the blanks unless a rule trims them.`,
        notes: [],
      };
    case 'varchar':
    case 'lob_text':
    case 'xml':
    case 'json':
    case 'rowid':
      return { glue: { kind: 'string' }, reason: `${t.canonical} is text: string (Athena strings have no length limit to keep in step).`, notes: [] };
    case 'interval':
      return { glue: { kind: 'string' }, reason: `${t.canonical} has no Athena column type: string, as AWS DMS writes it.`, notes: [] };
    case 'raw':
    case 'lob_binary':
      return { glue: { kind: 'binary' }, reason: `${t.canonical} holds bytes: binary.`, notes: [] };
    case 'boolean':
      return { glue: { kind: 'boolean' }, reason: 'BOOLEAN: boolean.', notes: [] };
    case 'date':
      return { glue: { kind: 'timestamp' }, reason: 'An Oracle DATE holds a time of day too: timestamp keeps it (Athena `date` would drop it).', notes: [] };
    case 'timestamp': {
      const zone = t.timeZone && t.timeZone !== 'none' ? ' The time zone is not kept: values are stored as UTC.' : '';
      const notes: TypeNote[] = [];
      if ((t.fraction ?? 6) > 3) {
        notes.push({ code: 'timestamp-precision', severity: 'info', message: `${t.canonical} keeps ${t.fraction} fractional digits; Athena timestamps keep milliseconds (3), so the rest is cut.${zone}` });
      } else if (zone) {
        notes.push({ code: 'timestamp-time-zone', severity: 'info', message: `${t.canonical}:${zone}` });
      }
      return { glue: { kind: 'timestamp' }, reason: `${t.canonical}: timestamp (milliseconds in Athena).${zone}`, notes };
    }
    case 'bfile':
      return {
        reason: 'A BFILE is a pointer to a file outside the database; there is nothing in the table to load.',
        notes: [{ code: 'type-not-loadable', severity: 'error', message: 'A BFILE cannot be loaded: it points to a file outside the database. Drop the column or load the files another way.' }],
      };
  }
}

