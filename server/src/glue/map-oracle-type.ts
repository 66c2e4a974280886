/**
 * The default mapping of Oracle types to Glue/Athena types (table-spec.md, "Default mapping"),
 * with the reason for each choice, shown on hover and in reports.
 */
import * as l10n from '@vscode/l10n';
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

/** A NUMBER no decimal(p,s) with p ≤ 38 can hold: double, and a warning that says what is lost. */
function beyondDecimal(why: string): MappedType {
  return {
    glue: { kind: 'double' },
    reason: l10n.t('{0} No decimal holds every value: double keeps the magnitude with about 15 significant digits.', why),
    notes: [{ code: 'number-beyond-decimal', severity: 'warning', message: l10n.t('{0} It maps to double, which keeps about 15 significant digits: check the values, or set `type`.', why) }],
  };
}

function mapNumber(t: OracleType): MappedType {
  if (t.binaryPrecision || t.precision === undefined) {
    const what = t.binaryPrecision ? t.canonical : t.canonical === 'NUMBER' ? l10n.t('A bare NUMBER') : t.canonical;
    return {
      glue: decimal(38, 10),
      reason: l10n.t('{0} has no fixed decimal precision; decimal(38,10) keeps 28 integer and 10 fraction digits, as AWS DMS does.', what),
      notes: [
        {
          code: 'number-precision-unknown',
          severity: 'warning',
          message: l10n.t('{0} has no fixed precision: it maps to decimal(38,10), which may round or overflow. Write the precision (NUMBER(p,s)) or set `type`.', what),
        },
      ],
    };
  }
  const p = t.precision;
  const s = t.scale ?? 0;
  if (s === 0) {
    if (p <= 9) return { glue: { kind: 'int' }, reason: l10n.t('{0} holds at most {1} digits: int (9 digits) holds it.', t.canonical, p), notes: [] };
    if (p <= 18) return { glue: { kind: 'bigint' }, reason: l10n.t('{0} holds at most {1} digits: bigint (18 digits) holds it.', t.canonical, p), notes: [] };
    return { glue: decimal(p, 0), reason: l10n.t('{0} holds up to {1} digits, more than bigint: decimal({1},0).', t.canonical, p), notes: [] };
  }
  // Athena's decimal holds at most 38 digits ("Data types in Amazon Athena"). Where the Oracle values need
  // more places than that, no decimal holds them all: double keeps their magnitude, with a warning.
  if (s < 0) {
    const digits = p - s;
    if (digits <= 38)
      return { glue: decimal(digits, 0), reason: l10n.t('{0} rounds {1} digits left of the point, so values reach {2} digits: decimal({3},0).', t.canonical, -s, digits, digits), notes: [] };
    return beyondDecimal(l10n.t('{0} holds integers of up to {1} digits, more than the 38 of any Athena decimal.', t.canonical, digits));
  }
  if (s > p) {
    if (s <= 38) return { glue: decimal(s, s), reason: l10n.t('{0} has more scale than precision (values below {1}): decimal({2},{2}).', t.canonical, 10 ** (p - s), s), notes: [] };
    return beyondDecimal(l10n.t('{0} holds values with {1} digits after the point, more than the 38 of any Athena decimal.', t.canonical, s));
  }
  return { glue: decimal(p, s), reason: l10n.t('{0} maps digit for digit to decimal({1},{2}).', t.canonical, p, s), notes: [] };
}

/** Maps an Oracle type to its default Glue/Athena type. */
export function mapOracleType(t: OracleType): MappedType {
  switch (t.family) {
    case 'number':
      return mapNumber(t);
    case 'binary_float':
      return { glue: { kind: 'float' }, reason: l10n.t('BINARY_FLOAT is an IEEE 754 32-bit float: float.'), notes: [] };
    case 'binary_double':
      return { glue: { kind: 'double' }, reason: l10n.t('BINARY_DOUBLE is an IEEE 754 64-bit float: double.'), notes: [] };
    case 'char':
      return {
        glue: { kind: 'string' },
        reason: l10n.t('{0} is blank-padded to its length; string keeps the blanks unless a rule trims them.', t.canonical),
        notes: [],
      };
    case 'varchar':
    case 'lob_text':
    case 'xml':
    case 'json':
    case 'rowid':
      return { glue: { kind: 'string' }, reason: l10n.t('{0} is text: string (Athena strings have no length limit to keep in step).', t.canonical), notes: [] };
    case 'interval':
      return { glue: { kind: 'string' }, reason: l10n.t('{0} has no Athena column type: string, as AWS DMS writes it.', t.canonical), notes: [] };
    case 'raw':
    case 'lob_binary':
      return { glue: { kind: 'binary' }, reason: l10n.t('{0} holds bytes: binary.', t.canonical), notes: [] };
    case 'boolean':
      return { glue: { kind: 'boolean' }, reason: 'BOOLEAN: boolean.', notes: [] };
    case 'date':
      return { glue: { kind: 'timestamp' }, reason: l10n.t('An Oracle DATE holds a time of day too: timestamp keeps it (Athena `date` would drop it).'), notes: [] };
    case 'timestamp': {
      const zone = t.timeZone && t.timeZone !== 'none' ? ` ${l10n.t('The time zone is not kept: values are stored as UTC.')}` : '';
      const notes: TypeNote[] = [];
      if ((t.fraction ?? 6) > 3) {
        notes.push({
          code: 'timestamp-precision',
          severity: 'info',
          message: l10n.t('{0} keeps {1} fractional digits; Athena timestamps keep milliseconds (3), so the rest is cut.', t.canonical, t.fraction ?? 6) + zone,
        });
      } else if (zone) {
        notes.push({ code: 'timestamp-time-zone', severity: 'info', message: `${t.canonical}:${zone}` });
      }
      return { glue: { kind: 'timestamp' }, reason: l10n.t('{0}: timestamp (milliseconds in Athena).', t.canonical) + zone, notes };
    }
    case 'bfile':
      return {
        reason: l10n.t('A BFILE is a pointer to a file outside the database; there is nothing in the table to load.'),
        notes: [
          { code: 'type-not-loadable', severity: 'error', message: l10n.t('A BFILE cannot be loaded: it points to a file outside the database. Drop the column or load the files another way.') },
        ],
      };
  }
}
