/**
 * Whether an override `type` can hold what the Oracle column holds: fine, lossy (a warning), or
 * impossible (an error). Mart columns arrive as strings, so their conversions are a separate check.
 */
import * as l10n from '@vscode/l10n';
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
    return { code: 'type-override-lossy', severity: 'warning', message: l10n.t('{0} → {1} may round or lose values: keep {2}.', o.canonical, to, o.family === 'binary_float' ? 'float' : 'double') };
  }
  // A bare NUMBER or FLOAT has no declared precision: an override is the engineer writing it down.
  if (o.precision === undefined || o.binaryPrecision) return undefined;
  const p = o.precision;
  const s = o.scale ?? 0;
  const needInt = Math.max(0, p - s);
  const needFrac = Math.max(0, s);
  if (target.kind === 'float' || target.kind === 'double') {
    const keeps = target.kind === 'float' ? 7 : 15;
    return p > keeps
      ? {
          code: 'type-override-lossy',
          severity: 'warning',
          message: l10n.t('{0} → {1}: {2} keeps about {3} significant digits, {0} holds {4}; amounts and keys would be rounded.', o.canonical, to, target.kind, keeps, p),
        }
      : undefined;
  }
  const has = exactDigits(target);
  if (!has) return undefined;
  const lost: string[] = [];
  if (has.integer < needInt) lost.push(l10n.t('{0} integer digits need more than {1}', needInt, has.integer));
  if (has.fraction < needFrac) lost.push(needFrac === 1 ? l10n.t('1 fraction digit would be cut to {0}', has.fraction) : l10n.t('{0} fraction digits would be cut to {1}', needFrac, has.fraction));
  return lost.length ? { code: 'type-override-lossy', severity: 'warning', message: l10n.t('{0} → {1} loses data: {2}.', o.canonical, to, lost.join('; ')) } : undefined;
}

function checkString(o: OracleType, target: GlueType, to: string): TypeNote | undefined {
  if ((target.kind === 'varchar' || target.kind === 'char') && (o.length === undefined || target.length < o.length)) {
    const message =
      o.length === undefined
        ? l10n.t('{0} → {1}: the Oracle column holds text of any length; longer values would be cut.', o.canonical, to)
        : l10n.t('{0} → {1}: the Oracle column holds up to {2} characters; longer values would be cut.', o.canonical, to, o.length);
    return { code: 'type-override-lossy', severity: 'warning', message };
  }
  return undefined;
}

/**
 * Checks an override against the Oracle type. String sources into non-string targets are not judged
 * here: they need a conversion rule, which the cleansing check reports.
 */
export function checkOverride(o: OracleType, target: GlueType): TypeNote | undefined {
  const to = formatGlueType(target);
  const cannot = (why: string): TypeNote => ({ code: 'type-override-incompatible', severity: 'error', message: l10n.t('{0} cannot be stored as {1}: {2}', o.canonical, to, why) });
  // JSON text becomes a complex type by parsing it in the load (CAST(json_parse(x) AS ARRAY(...)) in Athena).
  if (isComplex(target)) return o.family === 'json' ? undefined : cannot(l10n.t('only a JSON column can become a complex type.'));
  switch (o.family) {
    case 'number':
    case 'binary_float':
    case 'binary_double':
      if (isGlueNumeric(target)) return checkNumeric(o, target, to);
      if (isGlueString(target)) return checkString({ ...o, length: o.precision === undefined ? undefined : o.precision + 2 }, target, to);
      return cannot(l10n.t('a number does not fit a {0} column.', target.kind));
    case 'date':
      if (target.kind === 'date')
        return { code: 'date-drops-time', severity: 'warning', message: l10n.t('An Oracle DATE holds a time of day; `date` drops it. Keep `timestamp` unless every value is at midnight.') };
      if (target.kind === 'timestamp') return undefined;
      if (isGlueString(target)) return checkString({ ...o, length: 19 }, target, to);
      return cannot(l10n.t('a date does not fit a {0} column.', target.kind));
    case 'timestamp':
      if (target.kind === 'date') return { code: 'type-override-lossy', severity: 'warning', message: l10n.t('{0} → date drops the time of day.', o.canonical) };
      if (target.kind === 'timestamp') return undefined;
      if (isGlueString(target)) return checkString({ ...o, length: 35 }, target, to);
      return cannot(l10n.t('a timestamp does not fit a {0} column.', target.kind));
    case 'raw':
    case 'lob_binary':
      if (target.kind === 'binary' || target.kind === 'string') return undefined;
      return cannot(l10n.t('bytes do not fit a {0} column.', target.kind));
    case 'boolean':
      if (target.kind === 'boolean' || isGlueString(target) || (isGlueNumeric(target) && target.kind !== 'float')) return undefined;
      return cannot(l10n.t('a boolean does not fit a {0} column.', target.kind));
    case 'bfile':
      return undefined; // reported by the mapping itself
    default:
      // Character sources: strings into strings are judged by length; other targets need a conversion rule.
      if (isGlueString(target)) return checkString(o, target, to);
      if (target.kind === 'binary' || isGlueNumeric(target) || isGlueDatetime(target) || target.kind === 'boolean') return undefined;
      return cannot(l10n.t('text does not fit a {0} column.', target.kind));
  }
}
