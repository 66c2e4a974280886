/**
 * A small SQL tokenizer for the emulator: enough to find statement kinds, `?` markers, the clause a
 * `?` stands in, function calls and qualified table names without being fooled by string literals or
 * quoted identifiers. Syntax itself is checked by dt-sql-parser (athena-rules.ts).
 */

export type TokenKind = 'word' | 'quoted' | 'backtick' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Identifier or string value, unquoted; upper case for a bare word. */
  value: string;
  /** Offset in the statement. */
  at: number;
}

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"' || c === '`') {
      let value = '';
      i++;
      for (;;) {
        if (i >= sql.length) break;
        if (sql[i] === c) {
          if (sql[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        // Hive string literals take backslash escapes ('\\001', '\\\\').
        if (c === "'" && sql[i] === '\\' && i + 1 < sql.length) {
          value += sql.slice(i, i + 2);
          i += 2;
          continue;
        }
        value += sql[i++];
      }
      out.push({ kind: c === "'" ? 'string' : c === '"' ? 'quoted' : 'backtick', text: sql.slice(start, i), value, at: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
      const text = sql.slice(start, i);
      out.push({ kind: 'word', text, value: text.toUpperCase(), at: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < sql.length && /[0-9.eE]/.test(sql[i]!)) i++;
      out.push({ kind: 'number', text: sql.slice(start, i), value: sql.slice(start, i), at: start });
      continue;
    }
    if (c === '?') {
      out.push({ kind: 'param', text: '?', value: '?', at: start });
      i++;
      continue;
    }
    const two = sql.slice(i, i + 2);
    const p = ['<=', '>=', '<>', '!=', '||', '=>'].includes(two) ? two : c;
    out.push({ kind: 'punct', text: p, value: p, at: start });
    i += p.length;
  }
  return out;
}

/** An identifier's name as the engine stores it: quoted names keep their case, bare ones are lower-cased. */
export function identName(t: Token): string | undefined {
  if (t.kind === 'word') return t.text.toLowerCase();
  if (t.kind === 'quoted' || t.kind === 'backtick') return t.value.toLowerCase();
  return undefined;
}

/** The qualified name starting at token i (`db.t`, `"db"."t"`, `` `db`.`t` ``, or a bare `t`), with its token span. */
export function qualifiedAt(tokens: Token[], i: number): { database?: string; name: string; end: number; quotes: TokenKind[] } | undefined {
  const a = tokens[i];
  if (!a) return undefined;
  const first = identName(a);
  if (first === undefined) return undefined;
  if (tokens[i + 1]?.text === '.' && tokens[i + 2] && identName(tokens[i + 2]!) !== undefined) {
    return { database: first, name: identName(tokens[i + 2]!)!, end: i + 3, quotes: [a.kind, tokens[i + 2]!.kind] };
  }
  return { name: first, end: i + 1, quotes: [a.kind] };
}

/** Line and column (1-based) of an offset, as Trino reports positions. */
export function lineCol(sql: string, at: number): { line: number; col: number } {
  const before = sql.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}
