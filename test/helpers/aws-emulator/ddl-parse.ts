/**
 * Reads the parts of Hive DDL that the emulator acts on (the grammar itself is checked by
 * dt-sql-parser first): CREATE [EXTERNAL] TABLE with columns, COMMENT, PARTITIONED BY, ROW FORMAT,
 * STORED AS, LOCATION, TBLPROPERTIES; column lists of ALTER TABLE; CTAS WITH properties.
 */
import { identName, qualifiedAt, type Token } from './sql-lexer';

export interface ColumnDef {
  name: string;
  type: string;
  comment?: string;
}

export interface CreateTable {
  external: boolean;
  ifNotExists: boolean;
  database?: string;
  name: string;
  columns: ColumnDef[];
  comment?: string;
  partitionedBy: ColumnDef[];
  serde?: string;
  serdeProps: Record<string, string>;
  storedAs?: string;
  inputFormat?: string;
  outputFormat?: string;
  location?: string;
  tblProps: Record<string, string>;
}

/** A Hive string literal's value: backslash escapes and octal (\001) undone. */
export function hiveUnescape(s: string): string {
  return s.replace(/\\([0-7]{3}|.)/g, (_, e: string) => {
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ t: '\t', n: '\n', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

/** Index of the parenthesis closing the one at `open`. */
export function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '(') depth++;
    if (tokens[i]!.text === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** `('k'='v', …)` starting at the open parenthesis. */
export function properties(tokens: Token[], open: number): { props: Record<string, string>; end: number } {
  const end = closing(tokens, open);
  const props: Record<string, string> = {};
  for (let i = open + 1; i < end; i++) {
    const k = tokens[i]!;
    if ((k.kind === 'string' || k.kind === 'word') && tokens[i + 1]?.text === '=') {
      const v = tokens[i + 2]!;
      props[k.kind === 'string' ? hiveUnescape(k.value) : k.text.toLowerCase()] = v.kind === 'string' ? hiveUnescape(v.value) : sqlText(tokens, i + 2, nextComma(tokens, i + 2, end));
      i += 2;
    }
  }
  return { props, end };
}

function nextComma(tokens: Token[], from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const t = tokens[i]!.text;
    if (t === '(' || t === '[') depth++;
    if (t === ')' || t === ']') depth--;
    if (t === ',' && depth === 0) return i;
  }
  return end;
}

const sqlText = (tokens: Token[], from: number, to: number) =>
  tokens
    .slice(from, to)
    .map((t) => t.text)
    .join(' ');

/** Column definitions between the parentheses at `open`: `name type [COMMENT 'x']`, split at top-level commas. */
export function columnDefs(sql: string, tokens: Token[], open: number): { columns: ColumnDef[]; end: number } {
  const end = closing(tokens, open);
  const columns: ColumnDef[] = [];
  let i = open + 1;
  while (i < end) {
    const stop = nextCommaAngles(tokens, i, end);
    const name = identName(tokens[i]!) ?? tokens[i]!.text;
    const commentAt = tokens.slice(i, stop).findIndex((t) => t.value === 'COMMENT');
    const typeEnd = commentAt >= 0 ? i + commentAt : stop;
    const type = i + 1 < typeEnd ? sql.slice(tokens[i + 1]!.at, tokens[typeEnd - 1]!.at + tokens[typeEnd - 1]!.text.length).replace(/\s+/g, '') : '';
    const def: ColumnDef = { name, type: type.toLowerCase() };
    if (commentAt >= 0) def.comment = hiveUnescape(tokens[i + commentAt + 1]?.value ?? '');
    columns.push(def);
    i = stop + 1;
  }
  return { columns, end };
}

function nextCommaAngles(tokens: Token[], from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const t = tokens[i]!.text;
    if (t === '(' || t === '<') depth++;
    if (t === ')' || t === '>') depth--;
    if (t === ',' && depth === 0) return i;
  }
  return end;
}

export function parseCreateTable(sql: string, tokens: Token[]): CreateTable {
  let i = 1;
  const external = tokens[i]?.value === 'EXTERNAL';
  if (external) i++;
  i++; // TABLE
  const ifNotExists = tokens[i]?.value === 'IF';
  if (ifNotExists) i += 3;
  const q = qualifiedAt(tokens, i)!;
  const out: CreateTable = { external, ifNotExists, name: q.name, columns: [], partitionedBy: [], serdeProps: {}, tblProps: {}, ...(q.database ? { database: q.database } : {}) };
  i = q.end;
  if (tokens[i]?.text === '(') {
    const c = columnDefs(sql, tokens, i);
    out.columns = c.columns;
    i = c.end + 1;
  }
  while (i < tokens.length) {
    const w = tokens[i]!.value;
    if (w === 'COMMENT') {
      out.comment = hiveUnescape(tokens[i + 1]!.value);
      i += 2;
    } else if (w === 'PARTITIONED') {
      const c = columnDefs(sql, tokens, i + 2);
      out.partitionedBy = c.columns;
      i = c.end + 1;
    } else if (w === 'ROW' && tokens[i + 2]?.value === 'SERDE') {
      out.serde = tokens[i + 3]!.value;
      i += 4;
      if (tokens[i]?.value === 'WITH') {
        const p = properties(tokens, i + 2);
        out.serdeProps = p.props;
        i = p.end + 1;
      }
    } else if (w === 'ROW' && tokens[i + 2]?.value === 'DELIMITED') {
      out.serde = 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe';
      i += 3;
      for (;;) {
        const k = tokens[i]?.value;
        if (k === 'FIELDS') {
          out.serdeProps['field.delim'] = hiveUnescape(tokens[i + 3]!.value);
          out.serdeProps['serialization.format'] = out.serdeProps['field.delim'];
          i += 4;
        } else if (k === 'ESCAPED') {
          out.serdeProps['escape.delim'] = hiveUnescape(tokens[i + 2]!.value);
          i += 3;
        } else if (k === 'LINES') {
          out.serdeProps['line.delim'] = hiveUnescape(tokens[i + 3]!.value);
          i += 4;
        } else if (k === 'NULL') {
          out.serdeProps['serialization.null.format'] = hiveUnescape(tokens[i + 3]!.value);
          i += 4;
        } else break;
      }
    } else if (w === 'STORED') {
      if (tokens[i + 2]?.value === 'INPUTFORMAT') {
        out.inputFormat = tokens[i + 3]!.value;
        out.outputFormat = tokens[i + 5]?.value ?? '';
        i += 6;
      } else {
        out.storedAs = tokens[i + 2]!.value;
        i += 3;
      }
    } else if (w === 'LOCATION') {
      out.location = tokens[i + 1]!.value;
      i += 2;
    } else if (w === 'TBLPROPERTIES') {
      const p = properties(tokens, i + 1);
      out.tblProps = p.props;
      i = p.end + 1;
    } else i++;
  }
  return out;
}
