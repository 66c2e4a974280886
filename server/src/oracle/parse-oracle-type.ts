/**
 * The Oracle column type grammar and its limits (Oracle SQL Language Reference, "Data Types").
 * Parsing never throws: it returns the type, or the problems with offsets into the text.
 */
import * as l10n from '@vscode/l10n';
import type { OracleType } from './oracle-type';

export interface TypeProblem {
  code: 'oracle-type-invalid' | 'oracle-type-limit';
  message: string;
  start: number;
  end: number;
}

export interface OracleLimits {
  /** `MAX_STRING_SIZE = EXTENDED` raises VARCHAR2, NVARCHAR2 and RAW to 32767 bytes. */
  extended: boolean;
}

export interface ParsedOracleType {
  type?: OracleType;
  problems: TypeProblem[];
}

interface Token {
  kind: 'word' | 'int' | 'punct';
  text: string;
  start: number;
  end: number;
}

const tokenPattern = /\s*(?:([A-Za-z_][A-Za-z0-9_$#]*(?:\.[A-Za-z_][A-Za-z0-9_$#]*)?)|([+-]?\d+)|([(),*])|(\S))/y;

function tokenize(text: string): Token[] | TypeProblem {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (tokenPattern.lastIndex < text.length && (m = tokenPattern.exec(text))) {
    const start = m.index + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').length;
    if (m[4] !== undefined) {
      return { code: 'oracle-type-invalid', message: l10n.t("Unexpected character '{0}' in an Oracle type.", m[4]), start, end: start + m[4].length };
    }
    if (m[1] !== undefined) tokens.push({ kind: 'word', text: m[1].toUpperCase(), start, end: start + m[1].length });
    else if (m[2] !== undefined) tokens.push({ kind: 'int', text: m[2], start, end: start + m[2].length });
    else if (m[3] !== undefined) tokens.push({ kind: 'punct', text: m[3], start, end: start + 1 });
  }
  return tokens;
}

const knownTypes =
  'NUMBER, INTEGER, INT, SMALLINT, DECIMAL, NUMERIC, FLOAT, REAL, DOUBLE PRECISION, BINARY_FLOAT, BINARY_DOUBLE, CHAR, NCHAR, VARCHAR2, NVARCHAR2, VARCHAR, RAW, LONG, LONG RAW, CLOB, NCLOB, BLOB, BFILE, DATE, TIMESTAMP, INTERVAL, ROWID, UROWID, XMLTYPE, JSON, BOOLEAN';

/** A cursor over the tokens with the small helpers the grammar needs. */
class Cursor {
  i = 0;
  problems: TypeProblem[] = [];
  constructor(
    readonly tokens: Token[],
    readonly text: string,
  ) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  word(w: string): boolean {
    const t = this.peek();
    if (t && t.kind === 'word' && t.text === w) {
      this.i++;
      return true;
    }
    return false;
  }
  punct(p: string): boolean {
    const t = this.peek();
    if (t && t.kind === 'punct' && t.text === p) {
      this.i++;
      return true;
    }
    return false;
  }
  endSpan(): { start: number; end: number } {
    const last = this.tokens[this.tokens.length - 1];
    // Underline the last token: a zero-width squiggle at the end of a value is easy to miss.
    return last ? { start: last.start, end: last.end } : { start: 0, end: this.text.length };
  }
  fail(message: string, at?: Token): undefined {
    const span = at ?? this.peek();
    const where = span ? { start: span.start, end: span.end } : this.endSpan();
    this.problems.push({ code: 'oracle-type-invalid', message, ...where });
    return undefined;
  }
  expect(p: string, what: string): boolean {
    if (this.punct(p)) return true;
    const t = this.peek();
    this.fail(t ? l10n.t("Expected {0}, found '{1}'.", what, t.text) : l10n.t('Expected {0}.', what));
    return false;
  }
  /** An integer token, or undefined with a problem. */
  int(what: string): { value: number; token: Token } | undefined {
    const t = this.peek();
    if (t && t.kind === 'int') {
      this.i++;
      return { value: Number(t.text), token: t };
    }
    return this.fail(t ? l10n.t("Expected {0}, found '{1}'.", what, t.text) : l10n.t('Expected {0}.', what));
  }
  limit(value: number, min: number, max: number, token: Token, what: string): void {
    if (value < min || value > max) {
      this.problems.push({ code: 'oracle-type-limit', message: l10n.t('{0} must be {1} to {2}; found {3}.', what, min, max, value), start: token.start, end: token.end });
    }
  }
}

/** Parses an Oracle type such as `NUMBER(12,2)` or `TIMESTAMP(3) WITH LOCAL TIME ZONE`. */
export function parseOracleType(text: string, limits: OracleLimits = { extended: false }): ParsedOracleType {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { problems: [tokens] };
  if (tokens.length === 0) return { problems: [{ code: 'oracle-type-invalid', message: l10n.t('An Oracle type is required, such as NUMBER(12) or VARCHAR2(100 CHAR).'), start: 0, end: text.length }] };
  const c = new Cursor(tokens, text);
  const type = parseType(c, limits);
  if (type && c.problems.length === 0 && c.i < tokens.length) {
    const extra = tokens[c.i]!;
    c.problems.push({
      code: 'oracle-type-invalid',
      message: l10n.t("Unexpected '{0}' after {1}.", c.text.slice(extra.start, extra.end), type.canonical),
      start: extra.start,
      end: tokens[tokens.length - 1]!.end,
    });
  }
  if (c.problems.length > 0) return { problems: c.problems };
  return { type, problems: [] };
}

function parseType(c: Cursor, limits: OracleLimits): OracleType | undefined {
  const head = c.peek()!;
  if (head.kind !== 'word') return c.fail(l10n.t('Expected an Oracle type name ({0}).', knownTypes));
  c.i++;
  const maxString = limits.extended ? 32767 : 4000;
  const maxRaw = limits.extended ? 32767 : 2000;
  switch (head.text) {
    case 'NUMBER':
      return parseNumber(c, 'NUMBER', true);
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
      return parseNumber(c, head.text, false);
    case 'INTEGER':
    case 'INT':
    case 'SMALLINT':
      return { family: 'number', canonical: 'INTEGER', precision: 38, scale: 0, openPrecision: true };
    case 'FLOAT': {
      if (!c.punct('(')) return { family: 'number', canonical: 'FLOAT', precision: 126, binaryPrecision: true };
      const p = c.int(l10n.t('the binary precision of FLOAT'));
      if (!p || !c.expect(')', "')'")) return undefined;
      c.limit(p.value, 1, 126, p.token, l10n.t('FLOAT precision (binary digits)'));
      return { family: 'number', canonical: `FLOAT(${p.value})`, precision: p.value, binaryPrecision: true };
    }
    case 'REAL':
      return { family: 'number', canonical: 'FLOAT(63)', precision: 63, binaryPrecision: true };
    case 'DOUBLE':
      if (!c.word('PRECISION')) return c.fail(l10n.t('Expected PRECISION after DOUBLE (or did you mean BINARY_DOUBLE?).'));
      return { family: 'number', canonical: 'FLOAT(126)', precision: 126, binaryPrecision: true };
    case 'BINARY_FLOAT':
      return { family: 'binary_float', canonical: 'BINARY_FLOAT' };
    case 'BINARY_DOUBLE':
      return { family: 'binary_double', canonical: 'BINARY_DOUBLE' };
    case 'CHAR':
    case 'CHARACTER':
      return parseLength(c, 'CHAR', 'char', { required: false, max: 2000, units: true });
    case 'NCHAR':
      return parseLength(c, 'NCHAR', 'char', { required: false, max: 2000, units: false });
    case 'VARCHAR2':
    case 'VARCHAR':
      return parseLength(c, head.text, 'varchar', { required: true, max: maxString, units: true });
    case 'NVARCHAR2':
      return parseLength(c, 'NVARCHAR2', 'varchar', { required: true, max: maxString, units: false });
    case 'RAW':
      return parseLength(c, 'RAW', 'raw', { required: true, max: maxRaw, units: false });
    case 'UROWID': {
      if (!c.punct('(')) return { family: 'rowid', canonical: 'UROWID' };
      const n = c.int(l10n.t('the UROWID size'));
      if (!n || !c.expect(')', "')'")) return undefined;
      c.limit(n.value, 1, 4000, n.token, l10n.t('UROWID size'));
      return { family: 'rowid', canonical: `UROWID(${n.value})`, length: n.value };
    }
    case 'LONG':
      if (c.word('RAW')) return { family: 'lob_binary', canonical: 'LONG RAW' };
      return { family: 'lob_text', canonical: 'LONG' };
    case 'CLOB':
    case 'NCLOB':
      return { family: 'lob_text', canonical: head.text };
    case 'BLOB':
      return { family: 'lob_binary', canonical: 'BLOB' };
    case 'BFILE':
      return { family: 'bfile', canonical: 'BFILE' };
    case 'DATE':
      return { family: 'date', canonical: 'DATE' };
    case 'ROWID':
      return { family: 'rowid', canonical: 'ROWID' };
    case 'XMLTYPE':
    case 'SYS.XMLTYPE':
      return { family: 'xml', canonical: 'XMLTYPE' };
    case 'JSON':
      return { family: 'json', canonical: 'JSON' };
    case 'BOOLEAN':
      return { family: 'boolean', canonical: 'BOOLEAN' };
    case 'TIMESTAMP':
      return parseTimestamp(c);
    case 'INTERVAL':
      return parseInterval(c);
    default:
      return c.fail(l10n.t("Unknown Oracle type '{0}'. Known types: {1}.", head.text, knownTypes), head);
  }
}

function parseNumber(c: Cursor, name: string, allowStar: boolean): OracleType | undefined {
  if (!c.punct('(')) {
    // Bare NUMBER keeps any precision; bare DECIMAL and NUMERIC are NUMBER(38).
    return name === 'NUMBER' ? { family: 'number', canonical: 'NUMBER' } : { family: 'number', canonical: 'INTEGER', precision: 38, scale: 0, openPrecision: true };
  }
  let precision: number | undefined;
  const star = c.peek();
  if (allowStar && star && star.kind === 'punct' && star.text === '*') {
    c.i++;
  } else {
    const p = c.int(allowStar ? l10n.t('the precision of {0} (1 to 38 or *)', name) : l10n.t('the precision of {0} (1 to 38)', name));
    if (!p) return undefined;
    c.limit(p.value, 1, 38, p.token, l10n.t('{0} precision', name));
    precision = p.value;
  }
  let scale: number | undefined;
  if (c.punct(',')) {
    const s = c.int(l10n.t('the scale of {0} (-84 to 127)', name));
    if (!s) return undefined;
    c.limit(s.value, -84, 127, s.token, l10n.t('{0} scale', name));
    scale = s.value;
  }
  if (!c.expect(')', "')'")) return undefined;
  if (precision === undefined) {
    return scale === undefined ? { family: 'number', canonical: 'NUMBER(*)' } : { family: 'number', canonical: `NUMBER(*,${scale})`, precision: 38, scale, openPrecision: true };
  }
  const s = scale ?? 0;
  return { family: 'number', canonical: s === 0 ? `NUMBER(${precision})` : `NUMBER(${precision},${s})`, precision, scale: s };
}

function parseLength(c: Cursor, name: string, family: 'char' | 'varchar' | 'raw', rule: { required: boolean; max: number; units: boolean }): OracleType | undefined {
  if (!c.punct('(')) {
    if (rule.required) return c.fail(l10n.t('{0} needs a length, such as {1}; 1 to {2}.', name, `${name}(100${rule.units ? ' CHAR' : ''})`, rule.max), c.tokens[c.i - 1]);
    return { family, canonical: `${name}(1)`, length: 1 };
  }
  const n = c.int(l10n.t('the length of {0} (1 to {1})', name, rule.max));
  if (!n) return undefined;
  c.limit(n.value, 1, rule.max, n.token, l10n.t('{0} length', name));
  let unit: 'BYTE' | 'CHAR' | undefined;
  if (rule.units) {
    if (c.word('BYTE')) unit = 'BYTE';
    else if (c.word('CHAR')) unit = 'CHAR';
  }
  if (!c.expect(')', rule.units ? l10n.t("')' (or BYTE / CHAR)") : "')'")) return undefined;
  const t: OracleType = { family, canonical: `${name}(${n.value}${unit ? ' ' + unit : ''})`, length: n.value };
  if (unit) t.lengthUnit = unit;
  return t;
}

function parseTimestamp(c: Cursor): OracleType | undefined {
  let fraction = 6;
  if (c.punct('(')) {
    const f = c.int(l10n.t('the fractional seconds precision (0 to 9)'));
    if (!f || !c.expect(')', "')'")) return undefined;
    c.limit(f.value, 0, 9, f.token, l10n.t('TIMESTAMP fractional seconds precision'));
    fraction = f.value;
  }
  let timeZone: 'none' | 'tz' | 'local' = 'none';
  if (c.word('WITH')) {
    timeZone = c.word('LOCAL') ? 'local' : 'tz';
    if (!c.word('TIME') || !c.word('ZONE')) return c.fail(l10n.t('Expected TIME ZONE after {0}.', timeZone === 'local' ? 'WITH LOCAL' : 'WITH'));
  }
  const suffix = timeZone === 'tz' ? ' WITH TIME ZONE' : timeZone === 'local' ? ' WITH LOCAL TIME ZONE' : '';
  return { family: 'timestamp', canonical: `TIMESTAMP(${fraction})${suffix}`, fraction, timeZone };
}

function optionalPrecision(c: Cursor, what: string, fallback: number): number | undefined {
  if (!c.punct('(')) return fallback;
  const p = c.int(l10n.t('{0} (0 to 9)', what));
  if (!p || !c.expect(')', "')'")) return undefined;
  c.limit(p.value, 0, 9, p.token, what);
  return p.value;
}

function parseInterval(c: Cursor): OracleType | undefined {
  if (c.word('YEAR')) {
    const leading = optionalPrecision(c, l10n.t('INTERVAL YEAR precision'), 2);
    if (leading === undefined) return undefined;
    if (!c.word('TO') || !c.word('MONTH')) return c.fail(l10n.t('Expected TO MONTH after INTERVAL YEAR.'));
    return { family: 'interval', canonical: `INTERVAL YEAR(${leading}) TO MONTH`, intervalKind: 'year_month', leading };
  }
  if (c.word('DAY')) {
    const leading = optionalPrecision(c, l10n.t('INTERVAL DAY precision'), 2);
    if (leading === undefined) return undefined;
    if (!c.word('TO') || !c.word('SECOND')) return c.fail(l10n.t('Expected TO SECOND after INTERVAL DAY.'));
    const fraction = optionalPrecision(c, l10n.t('INTERVAL fractional seconds precision'), 6);
    if (fraction === undefined) return undefined;
    return { family: 'interval', canonical: `INTERVAL DAY(${leading}) TO SECOND(${fraction})`, intervalKind: 'day_second', leading, fraction };
  }
  return c.fail(l10n.t('Expected YEAR or DAY after INTERVAL (INTERVAL YEAR TO MONTH, INTERVAL DAY TO SECOND).'));
}
