/**
 * Whether an override `type` can hold what the Oracle column holds: fine, lossy (a warning), or
 * impossible (an error). Mart columns arrive as strings, so their conversions are a separate check.
 */
import type { OracleType } from '../oracle/oracle-type';
import { formatGlueType, isComplex, isGlueDatetime, isGlueNumeric, isGlueString, type GlueType } from './glue-type';
import type { TypeNote } from './map-oracle-type';

const integerDigits: Record<string, number> = { tinyint: 2, smallint: 4, int: 9, bigint: 18 };

/** Digits before and after the point that a numeric Glue type keeps exactly; undefined for float and double. */
function exactDigits(t: GlueType): { integer: number; fraction: number } | undefined {
  if (t.kind === 'decimal') return { integer: t.precision - t.scale, fraction: t.scale };
  const d = integerDigits[t.kind];
  return d === undefined ? undefined : { integer: d, fraction: 0 };
}

function checkNumeric(o: OracleType, target: GlueType, to: string): TypeNote | undefined {
  if (o.family === 'binary_float' || o.family === 'binary_double') {
    if (target.kind === 'double' || (target.kind === 'float' && o.family === 'binary_float')) return undefined;
    return { code: 'type-override-lossy', severity: 'warning', message: `${o.canonical} → ${to} may round or lose values: keep ${o.family === 'binary_float' ? 'float' : 'double'}.` };
  }
  // A bare NUMBER or FLOAT has no declared precision: an override is the engineer writing it down.
  if (o.precision === undefined || o.binaryPrecision) return undefined;
  const p = o.precision;
  const s = o.scale ?? 0;
  const needInt = Math.max(0, p - s);
  const needFrac = Math.max(0, s);
  if (target.kind === 'float' || target.kind === 'double') {
    const keeps = target.kind === 'float' ? 7 : 15;
    return p > keeps ? { code: 'type-override-lossy', severity: 'warning', message: `${o.canonical} → ${to}: ${target.kind} keeps about ${keeps} significant digits, ${o.canonical} holds ${p}; amounts and keys would be rounded.` } : undefined;
  }
  const has = exactDigits(target);
  if (!has) return undefined;
  const lost: string[] = [];
  if (has.integer < needInt) lost.push(`${needInt} integer digits need more than ${has.integer}`);
  if (has.fraction < needFrac) lost.push(`${needFrac} fraction digit${needFrac === 1 ? '' : 's'} would be cut to ${has.fraction}`);
  return lost.length ? { code: 'type-override-lossy', severity: 'warning', message: `${o.canonical} → ${to} loses data: ${lost.join('; ')}.` } : undefined;
}

function checkString(o: OracleType, target: GlueType, to: string): TypeNote | undefined {
  if ((target.kind === 'varchar' || target.kind === 'char') && (o.length === undefined || target.length < o.length)) {
    const holds = o.length === undefined ? 'text of any length' : `up to ${o.length} characters`;
    return { code: 'type-override-lossy', severity: 'warning', message: `${o.canonical} → ${to}: the Oracle column holds ${holds}; longer values would be cut.` };
  }
  return undefined;
}

/**
 * Checks an override against the Oracle type. String sources into non-string targets are not judged
 * here: they need a conversion rule, which the cleansing check reports.
 */
export function checkOverride(o: OracleType, target: GlueType): TypeNote | undefined {
  const to = formatGlueType(target);
  const cannot = (why: string): TypeNote => ({ code: 'type-override-incompatible', severity: 'error', message: `${o.canonical} cannot be stored as ${to}: ${why}` });
  // JSON text becomes a complex type by parsing it in the load (CAST(json_parse(x) AS ARRAY(...)) in Athena).
  if (isComplex(target)) return o.family === 'json' ? undefined : cannot('only a JSON column can become a complex type.');
  switch (o.family) {
    case 'number':
    case 'binary_float':
    case 'binary_double':
      if (isGlueNumeric(target)) return checkNumeric(o, target, to);
      if (isGlueString(target)) return checkString({ ...o, length: o.precision === undefined ? undefined : o.precision + 2 }, target, to);
      return cannot('a number does not fit a ' + target.kind + ' column.');
    case 'date':
      if (target.kind === 'date') return { code: 'date-drops-time', severity: 'warning', message: 'An Oracle DATE holds a time of day; `date` drops it. Keep `timestamp` unless every value is at midnight.' };
      if (target.kind === 'timestamp') return undefined;
      if (isGlueString(target)) return checkString({ ...o, length: 19 }, target, to);
      return cannot('a date does not fit a ' + target.kind + ' column.');
    case 'timestamp':
      if (target.kind === 'date') return { code: 'type-override-lossy', severity: 'warning', message: `${o.canonical} → date drops the time of day.` };
      if (target.kind === 'timestamp') return undefined;
      if (isGlueString(target)) return checkString({ ...o, length: 35 }, target, to);
      return cannot('a timestamp does not fit a ' + target.kind + ' column.');
    case 'raw':
    case 'lob_binary':
      if (target.kind === 'binary' || target.kind === 'string') return undefined;
      return cannot('bytes do not fit a ' + target.kind + ' column.');
    case 'boolean':
      if (target.kind === 'boolean' || isGlueString(target) || (isGlueNumeric(target) && target.kind !== 'float')) return undefined;
      return cannot('a boolean does not fit a ' + target.kind + ' column.');
    case 'bfile':
      return undefined; // reported by the mapping itself
    default:
      // Character sources: strings into strings are judged by length; other targets need a conversion rule.
      if (isGlueString(target)) return checkString(o, target, to);
      if (target.kind === 'binary' || isGlueNumeric(target) || isGlueDatetime(target) || target.kind === 'boolean') return undefined;
      return cannot('text does not fit a ' + target.kind + ' column.');
  }
}
