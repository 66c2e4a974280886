/**
 * Oracle DDL scripts as DBAs keep them: `CREATE TABLE` with inline and out-of-line constraints,
 * `GENERATED … AS IDENTITY`, quoted identifiers, storage clauses, `COMMENT ON TABLE/COLUMN`,
 * `ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY`, SQL*Plus lines (REM, PROMPT, SET …) and comments.
 * Statements it does not need (indexes, grants, …) are skipped. Never throws.
 */
import * as l10n from '@vscode/l10n';
import { type ImportProblem, importProblem } from './import-problem';
import type { SourceColumn, SourceTable } from './source-table';

interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  text: string;
  line: number;
}

const sqlPlus = /^\s*(?:REM(?:ARK)?\b|PROMPT\b|SET\s|SPOOL\b|WHENEVER\b|CONNECT\b|CONN\b|EXEC(?:UTE)?\b|DEFINE\b|UNDEFINE\b|COLUMN\b|TTITLE\b|BTITLE\b|SHOW\b|@)/i;

function tokenize(script: string): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  const lines = script.replace(/^\uFEFF/, '').split(/\r?\n/);
  let inBlockComment = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!inBlockComment && sqlPlus.test(raw)) return;
    if (!inBlockComment && /^\s*\/\s*$/.test(raw)) {
      if (current.length) statements.push(current);
      current = [];
      return;
    }
    let i = 0;
    while (i < raw.length) {
      if (inBlockComment) {
        const end = raw.indexOf('*/', i);
        if (end < 0) return;
        inBlockComment = false;
        i = end + 2;
        continue;
      }
      const c = raw[i]!;
      if (/\s/.test(c)) {
        i++;
      } else if (raw.startsWith('--', i)) {
        return;
      } else if (raw.startsWith('/*', i)) {
        inBlockComment = true;
        i += 2;
      } else if (c === "'") {
        // A string may run over several lines; '' is an escaped quote.
        let value = '';
        let j = i + 1;
        let row = index;
        let text = raw;
        for (;;) {
          if (j >= text.length) {
            row++;
            if (row >= lines.length) break;
            value += '\n';
            text = lines[row]!;
            j = 0;
            continue;
          }
          if (text[j] === "'") {
            if (text[j + 1] === "'") {
              value += "'";
              j += 2;
              continue;
            }
            break;
          }
          value += text[j];
          j++;
        }
        current.push({ kind: 'string', text: value, line });
        if (row !== index) {
          // Continue after the closing quote on a later line: tokenise the rest of that line here.
          lines[row] = ' '.repeat(j + 1) + lines[row]!.slice(j + 1);
          return;
        }
        i = j + 1;
      } else if (c === '"') {
        const end = raw.indexOf('"', i + 1);
        const text = raw.slice(i + 1, end < 0 ? raw.length : end);
        current.push({ kind: 'quoted', text, line });
        i = end < 0 ? raw.length : end + 1;
      } else if (/[A-Za-z_$#]/.test(c) || /[\u0080-\uffff]/.test(c)) {
        const m = /^[A-Za-z0-9_$#\u0080-\uffff]+/.exec(raw.slice(i))!;
        current.push({ kind: 'word', text: m[0].toUpperCase(), line });
        i += m[0].length;
      } else if (/[0-9]/.test(c)) {
        const m = /^\d+(?:\.\d+)?/.exec(raw.slice(i))!;
        current.push({ kind: 'number', text: m[0], line });
        i += m[0].length;
      } else if (c === ';') {
        if (current.length) statements.push(current);
        current = [];
        i++;
      } else {
        current.push({ kind: 'punct', text: c, line });
        i++;
      }
    }
  });
  if (current.length) statements.push(current);
  return statements;
}

const ident = (t: Token | undefined) => (t && (t.kind === 'word' || t.kind === 'quoted') ? t.text : undefined);
const is = (t: Token | undefined, ...words: string[]) => !!t && t.kind === 'word' && words.includes(t.text);

/** `owner.name` or `name` at tokens[i]; returns the names and the index after. */
function qualifiedAt(tokens: Token[], i: number): { owner?: string; name?: string; next: number } {
  const first = ident(tokens[i]);
  if (tokens[i + 1]?.text === '.' && ident(tokens[i + 2])) return { owner: first, name: ident(tokens[i + 2]), next: i + 3 };
  return { name: first, next: i + 1 };
}

/** Splits the tokens between parentheses at top-level commas. */
function splitItems(tokens: Token[], open: number): { items: Token[][]; close: number } {
  const items: Token[][] = [];
  let depth = 0;
  let item: Token[] = [];
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(' && t.kind === 'punct') {
      depth++;
      if (depth === 1) continue;
    }
    if (t.text === ')' && t.kind === 'punct') {
      depth--;
      if (depth === 0) {
        if (item.length) items.push(item);
        return { items, close: i };
      }
    }
    if (depth === 1 && t.text === ',' && t.kind === 'punct') {
      items.push(item);
      item = [];
      continue;
    }
    item.push(t);
  }
  if (item.length) items.push(item);
  return { items, close: tokens.length };
}

const typeEnd = new Set([
  'DEFAULT',
  'NOT',
  'NULL',
  'CONSTRAINT',
  'PRIMARY',
  'UNIQUE',
  'CHECK',
  'REFERENCES',
  'GENERATED',
  'ENABLE',
  'DISABLE',
  'COLLATE',
  'SORT',
  'VISIBLE',
  'INVISIBLE',
  'ENCRYPT',
  'AS',
  'IDENTITY',
]);

/** The type's tokens written back as DDL: `VARCHAR2(100 CHAR)`, `TIMESTAMP(6) WITH TIME ZONE`. */
function typeText(tokens: Token[]): string {
  return tokens
    .map((t) => (t.kind === 'quoted' ? `"${t.text}"` : t.text))
    .join(' ')
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*\)/g, ')')
    .replace(/\s*,\s*/g, ',');
}

function columnNames(tokens: Token[], from: number): string[] {
  const open = tokens.findIndex((t, i) => i >= from && t.text === '(');
  if (open < 0) return [];
  const { items } = splitItems(tokens, open);
  return items.map((i) => ident(i[0])).filter((n): n is string => !!n);
}

export interface DdlResult {
  tables: Map<string, SourceTable>;
  problems: ImportProblem[];
}

export function parseDdl(script: string, defaultOwner?: string): DdlResult {
  const tables = new Map<string, SourceTable>();
  const problems: ImportProblem[] = [];
  const key = (owner: string | undefined, name: string) => `${owner ?? defaultOwner ?? ''}.${name}`;
  const tableFor = (owner: string | undefined, name: string): SourceTable | undefined => tables.get(key(owner, name)) ?? [...tables.values()].find((t) => t.name === name && owner === undefined);

  for (const s of tokenize(script)) {
    try {
      let i = 0;
      if (is(s[0], 'CREATE')) {
        i = 1;
        if (is(s[i], 'OR') && is(s[i + 1], 'REPLACE')) i += 2;
        while (is(s[i], 'GLOBAL', 'PRIVATE', 'TEMPORARY', 'SHARDED', 'DUPLICATED', 'IMMUTABLE', 'BLOCKCHAIN')) i++;
        if (!is(s[i], 'TABLE')) continue; // indexes, sequences, views …
        const q = qualifiedAt(s, i + 1);
        if (!q.name) continue;
        const owner = q.owner ?? defaultOwner;
        if (!owner) {
          problems.push(importProblem('ddl-owner-missing', s[0]!.line, l10n.t('CREATE TABLE {0} names no owner: give one with --owner.', q.name)));
          continue;
        }
        if (s[q.next]?.text !== '(') {
          problems.push(importProblem('ddl-column-list-missing', s[0]!.line, l10n.t('CREATE TABLE {0} has no column list (CREATE TABLE … AS SELECT is not read).', q.name)));
          continue;
        }
        const table: SourceTable = { owner, name: q.name, columns: [], primaryKey: [] };
        const { items } = splitItems(s, q.next);
        for (const item of items) {
          const head = item[0];
          if (is(head, 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'SUPPLEMENTAL', 'PERIOD')) {
            const pk = item.findIndex((t, k) => is(t, 'PRIMARY') && is(item[k + 1], 'KEY'));
            if (pk >= 0) table.primaryKey = columnNames(item, pk + 2);
            continue;
          }
          const name = ident(head);
          if (!name) continue;
          let end = 1;
          let depth = 0;
          while (end < item.length) {
            const t = item[end]!;
            if (t.text === '(') depth++;
            if (t.text === ')') depth--;
            if (depth === 0 && t.kind === 'word' && typeEnd.has(t.text) && end > 1) break;
            end++;
          }
          const rest = item.slice(end);
          const notNull = rest.some((t, k) => is(t, 'NOT') && is(rest[k + 1], 'NULL'));
          const identity = rest.some((t) => is(t, 'IDENTITY'));
          const column: SourceColumn = { name, type: typeText(item.slice(1, end)), nullable: !notNull && !identity, position: table.columns.length + 1 };
          if (rest.some((t, k) => is(t, 'PRIMARY') && is(rest[k + 1], 'KEY'))) {
            table.primaryKey = [name];
            column.nullable = false;
          }
          table.columns.push(column);
        }
        for (const k of table.primaryKey) {
          const c = table.columns.find((col) => col.name === k);
          if (c) c.nullable = false;
        }
        tables.set(key(owner, q.name), table);
      } else if (is(s[0], 'COMMENT') && is(s[1], 'ON')) {
        const isIndex = s.findIndex((t) => is(t, 'IS'));
        const value = s[isIndex + 1];
        if (isIndex < 0 || value?.kind !== 'string') continue;
        const parts: string[] = [];
        for (let k = 3; k < isIndex; k++) if (s[k]!.text !== '.') parts.push(s[k]!.text);
        if (is(s[2], 'TABLE')) {
          const t = parts.length === 2 ? tableFor(parts[0], parts[1]!) : tableFor(undefined, parts[0]!);
          if (t && value.text) t.comment = value.text;
        } else if (is(s[2], 'COLUMN')) {
          const [owner, table, column] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
          const t = tableFor(owner, table!);
          const c = t?.columns.find((col) => col.name === column);
          if (c && value.text) c.comment = value.text;
        }
      } else if (is(s[0], 'ALTER') && is(s[1], 'TABLE')) {
        const q = qualifiedAt(s, 2);
        const t = q.name ? tableFor(q.owner, q.name) : undefined;
        const pk = s.findIndex((tok, k) => is(tok, 'PRIMARY') && is(s[k + 1], 'KEY'));
        if (t && pk >= 0) {
          t.primaryKey = columnNames(s, pk + 2);
          for (const k of t.primaryKey) {
            const c = t.columns.find((col) => col.name === k);
            if (c) c.nullable = false;
          }
        }
      }
    } catch (err) {
      problems.push(importProblem('ddl-statement-unreadable', s[0]?.line ?? 0, l10n.t('A statement could not be read: {0}', (err as Error).message)));
    }
  }
  return { tables, problems };
}
