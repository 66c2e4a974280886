/**
 * Glue/Athena column types (the Hive DDL type names Glue stores): grammar and printing.
 * Parsing never throws; problems carry offsets into the text.
 */
import * as l10n from '@vscode/l10n';

export type GlueType =
  | { kind: 'boolean' | 'tinyint' | 'smallint' | 'int' | 'bigint' | 'float' | 'double' | 'string' | 'binary' | 'date' | 'timestamp' }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'char' | 'varchar'; length: number }
  | { kind: 'array'; element: GlueType }
  | { kind: 'map'; key: GlueType; value: GlueType }
  | { kind: 'struct'; fields: { name: string; type: GlueType }[] };

export interface GlueTypeProblem {
  code: 'glue-type-invalid';
  message: string;
  start: number;
  end: number;
}

/** Prints a type as Glue stores it: lower case, no spaces. */
export function formatGlueType(t: GlueType): string {
  switch (t.kind) {
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'char':
    case 'varchar':
      return `${t.kind}(${t.length})`;
    case 'array':
      return `array<${formatGlueType(t.element)}>`;
    case 'map':
      return `map<${formatGlueType(t.key)},${formatGlueType(t.value)}>`;
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name}:${formatGlueType(f.type)}`).join(',')}>`;
    default:
      return t.kind;
  }
}

export function isComplex(t: GlueType): boolean {
  return t.kind === 'array' || t.kind === 'map' || t.kind === 'struct';
}

export function isGlueString(t: GlueType): boolean {
  return t.kind === 'string' || t.kind === 'char' || t.kind === 'varchar';
}

export function isGlueNumeric(t: GlueType): boolean {
  return ['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal'].includes(t.kind);
}

export function isGlueDatetime(t: GlueType): boolean {
  return t.kind === 'date' || t.kind === 'timestamp';
}

const simple = new Set(['boolean', 'tinyint', 'smallint', 'int', 'integer', 'bigint', 'float', 'real', 'double', 'string', 'binary', 'date', 'timestamp']);
const tokenPattern = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\d+)|([(),<>:])|(\S))/y;

interface Token {
  text: string;
  start: number;
  end: number;
}

const knownNames = 'boolean, tinyint, smallint, int, bigint, float, double, decimal(p,s), string, char(n), varchar(n), binary, date, timestamp, array<…>, map<…>, struct<…>';

/** Parses a Glue/Athena type such as `decimal(18,2)` or `array<struct<a:int>>`. */
export function parseGlueType(text: string): { type?: GlueType; problems: GlueTypeProblem[] } {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (tokenPattern.lastIndex < text.length && (m = tokenPattern.exec(text))) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
    const start = m.index + m[0].length - raw.length;
    if (m[4] !== undefined) return { problems: [{ code: 'glue-type-invalid', message: l10n.t("Unexpected character '{0}' in a Glue type.", raw), start, end: start + raw.length }] };
    tokens.push({ text: raw, start, end: start + raw.length });
  }
  let i = 0;
  const problems: GlueTypeProblem[] = [];
  const fail = (message: string): undefined => {
    const t = tokens[i] ?? { start: text.length, end: text.length };
    problems.push({ code: 'glue-type-invalid', message, start: t.start, end: t.end });
    return undefined;
  };
  const take = (p: string): boolean => {
    if (tokens[i]?.text === p) {
      i++;
      return true;
    }
    return false;
  };
  const need = (p: string): boolean => take(p) || (fail(tokens[i] ? l10n.t("Expected '{0}', found '{1}'.", p, tokens[i]!.text) : l10n.t("Expected '{0}'.", p)), false);
  const int = (what: string, min: number, max: number): number | undefined => {
    const t = tokens[i];
    if (!t || !/^\d+$/.test(t.text)) return fail(l10n.t('Expected {0}.', what));
    i++;
    const v = Number(t.text);
    if (v < min || v > max) {
      problems.push({ code: 'glue-type-invalid', message: l10n.t('{0} must be {1} to {2}; found {3}.', what, min, max, v), start: t.start, end: t.end });
      return undefined;
    }
    return v;
  };

  const parse = (depth: number): GlueType | undefined => {
    if (depth > 32) return fail(l10n.t('Type nested too deeply.'));
    const t = tokens[i];
    if (!t || !/^[A-Za-z_]/.test(t.text)) return fail(l10n.t('Expected a Glue type ({0}).', knownNames));
    i++;
    const name = t.text.toLowerCase();
    if (simple.has(name)) {
      const kind = name === 'integer' ? 'int' : name === 'real' ? 'float' : name;
      return { kind } as GlueType;
    }
    switch (name) {
      case 'decimal': {
        if (!take('(')) return { kind: 'decimal', precision: 10, scale: 0 };
        const p = int(l10n.t('decimal precision'), 1, 38);
        if (p === undefined) return undefined;
        let s = 0;
        if (take(',')) {
          const sv = int(l10n.t('decimal scale'), 0, p);
          if (sv === undefined) return undefined;
          s = sv;
        }
        if (!need(')')) return undefined;
        return { kind: 'decimal', precision: p, scale: s };
      }
      case 'char':
      case 'varchar': {
        if (!need('(')) return undefined;
        const n = int(l10n.t('{0} length', name), 1, name === 'char' ? 255 : 65535);
        if (n === undefined || !need(')')) return undefined;
        return { kind: name, length: n };
      }
      case 'array': {
        if (!need('<')) return undefined;
        const element = parse(depth + 1);
        if (!element || !need('>')) return undefined;
        return { kind: 'array', element };
      }
      case 'map': {
        if (!need('<')) return undefined;
        const key = parse(depth + 1);
        if (!key || !need(',')) return undefined;
        const value = parse(depth + 1);
        if (!value || !need('>')) return undefined;
        return { kind: 'map', key, value };
      }
      case 'struct': {
        if (!need('<')) return undefined;
        const fields: { name: string; type: GlueType }[] = [];
        do {
          const f = tokens[i];
          if (!f || !/^[A-Za-z_]/.test(f.text)) return fail(l10n.t('Expected a struct field name.'));
          i++;
          if (!need(':')) return undefined;
          const ft = parse(depth + 1);
          if (!ft) return undefined;
          fields.push({ name: f.text.toLowerCase(), type: ft });
        } while (take(','));
        if (!need('>')) return undefined;
        return { kind: 'struct', fields };
      }
      default:
        i--;
        return fail(l10n.t("Unknown Glue/Athena type '{0}'. Known types: {1}.", t.text, knownNames));
    }
  };

  if (tokens.length === 0) return { problems: [{ code: 'glue-type-invalid', message: l10n.t('A Glue/Athena type is required ({0}).', knownNames), start: 0, end: text.length }] };
  const type = parse(0);
  if (type && problems.length === 0 && i < tokens.length) fail(l10n.t("Unexpected '{0}' after {1}.", tokens[i]!.text, formatGlueType(type)));
  if (problems.length > 0) return { problems };
  return { type, problems };
}

/** Normalises a type string as Glue returns it, for comparison (`decimal(12, 0)` = `DECIMAL(12,0)`, `integer` = `int`). */
export function normaliseGlueTypeText(text: string): string {
  const parsed = parseGlueType(text);
  return parsed.type ? formatGlueType(parsed.type) : text.replace(/\s+/g, '').toLowerCase();
}
