/** Completion: keys and enum values from the schema, Oracle and Glue types, rules, column and table names. */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { cleansingRules } from '../rules/cleansing-catalogue';
import { cursorContext } from '../document/cursor-context';
import { snippetsAt } from './snippets';
import { describeSchema, schemaAt } from '../document/schema-model';
import type { SpecModel } from '../document/spec-model';

// The descriptions are functions: they are read in the server's language, set after this module loads.
const oracleTypes: [string, string, () => string][] = [
  ['NUMBER(p)', 'NUMBER(${1:12})', () => l10n.t('Integer of p digits: int (≤9), bigint (≤18), decimal(p,0).')],
  ['NUMBER(p,s)', 'NUMBER(${1:15},${2:2})', () => l10n.t('Decimal number: decimal(p,s).')],
  ['VARCHAR2(n CHAR)', 'VARCHAR2(${1:100} CHAR)', () => l10n.t('Variable text, n up to 4000 (32767 extended): string.')],
  ['VARCHAR2(n BYTE)', 'VARCHAR2(${1:100} BYTE)', () => l10n.t('Variable text measured in bytes: string.')],
  ['CHAR(n)', 'CHAR(${1:1})', () => l10n.t('Blank-padded text, n up to 2000: string (add rtrim).')],
  ['NVARCHAR2(n)', 'NVARCHAR2(${1:100})', () => l10n.t('National-character text: string.')],
  ['NCHAR(n)', 'NCHAR(${1:1})', () => l10n.t('National-character blank-padded text: string.')],
  ['DATE', 'DATE', () => l10n.t('Date with time of day: timestamp.')],
  ['TIMESTAMP(f)', 'TIMESTAMP(${1:6})', () => l10n.t('Timestamp with f fractional digits: timestamp (milliseconds in Athena).')],
  ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP(${1:6}) WITH TIME ZONE', () => l10n.t('Stored as UTC timestamp.')],
  ['TIMESTAMP WITH LOCAL TIME ZONE', 'TIMESTAMP(${1:6}) WITH LOCAL TIME ZONE', () => l10n.t('Stored as UTC timestamp.')],
  ['FLOAT(p)', 'FLOAT(${1:126})', () => l10n.t('Binary-precision number: decimal(38,10) (write a precision).')],
  ['BINARY_FLOAT', 'BINARY_FLOAT', () => l10n.t('IEEE 32-bit: float.')],
  ['BINARY_DOUBLE', 'BINARY_DOUBLE', () => l10n.t('IEEE 64-bit: double.')],
  ['CLOB', 'CLOB', () => l10n.t('Large text: string.')],
  ['NCLOB', 'NCLOB', () => l10n.t('Large national text: string.')],
  ['BLOB', 'BLOB', () => l10n.t('Large bytes: binary.')],
  ['RAW(n)', 'RAW(${1:16})', () => l10n.t('Bytes, n up to 2000: binary.')],
  ['INTEGER', 'INTEGER', () => l10n.t('NUMBER(38): decimal(38,0).')],
  ['INTERVAL DAY TO SECOND', 'INTERVAL DAY(${1:2}) TO SECOND(${2:6})', () => l10n.t('Interval: string.')],
  ['INTERVAL YEAR TO MONTH', 'INTERVAL YEAR(${1:2}) TO MONTH', () => l10n.t('Interval: string.')],
  ['XMLTYPE', 'XMLTYPE', () => l10n.t('XML: string.')],
  ['JSON', 'JSON', () => l10n.t('JSON: string.')],
  ['BOOLEAN', 'BOOLEAN', () => l10n.t('Boolean (23ai): boolean.')],
  ['ROWID', 'ROWID', () => l10n.t('Row address: string.')],
];

const glueTypes = [
  'string',
  'int',
  'bigint',
  'smallint',
  'tinyint',
  'double',
  'float',
  'boolean',
  'date',
  'timestamp',
  'binary',
  'decimal(${1:18},${2:2})',
  'varchar(${1:100})',
  'char(${1:10})',
  'array<${1:string}>',
  'map<${1:string},${2:string}>',
  'struct<${1:name}:${2:string}>',
];

/** Keys whose values (or list items) name columns of this table. */
const columnKeys = new Set(['load.keys', 'load.partition_by', 'load.incremental_by', 'source.extract.split_by', 'columns.[].purge.basis', 'views.[].columns', 'joins.[].on']);

/**
 * Values whose schema examples are worth offering: formats with a few usual spellings. Names, counts and free
 * text are not: an example there is a suggestion that takes the Enter key from what the engineer types.
 */
const exampleKeys = new Set(['delimiter', 'null_value', 'encoding', 'retention', 'after']);

export interface CompletionInput {
  text: string;
  offset: number;
  model?: SpecModel;
  tableNames: string[];
  /** The editor's range of two offsets: each item replaces exactly the word typed so far. */
  range?: (start: number, end: number) => Range;
}

/** The Oracle length semantics, offered after `VARCHAR2(n ` and `CHAR(n `. */
const lengthSemantics: [string, () => string][] = [
  ['CHAR', () => l10n.t('The length counts characters.')],
  ['BYTE', () => l10n.t('The length counts bytes.')],
];

/**
 * Where the cursor stands in a type being typed: at its start (`word` from `start`), or inside its parentheses
 * or angle brackets, where a whole type does not belong.
 */
function typeCursor(value: string): { inside: '' | '(' | '<'; word: string; head: string } {
  let depth = 0;
  const open: string[] = [];
  for (const ch of value) {
    if (ch === '(' || ch === '<') open.push(ch);
    else if ((ch === ')' || ch === '>') && open.length) open.pop();
    depth = open.length;
  }
  const word = /[A-Za-z_0-9]*$/.exec(value)![0];
  return { inside: depth ? (open[open.length - 1] as '(' | '<') : '', word, head: value.slice(0, value.length - word.length) };
}

function plain(label: string, kind: CompletionItemKind, detail?: string): CompletionItem {
  const item: CompletionItem = { label, kind };
  if (detail) item.detail = detail;
  return item;
}

/** Completion items at an offset, each with the edit of exactly the word it replaces when `range` is given. */
export function complete(input: CompletionInput): CompletionItem[] {
  const ctx = cursorContext(input.text, input.offset);
  const { items, start } = suggest(input, ctx);
  if (!input.range) return items;
  const range = input.range(start, input.offset);
  return items.map(({ insertText, ...item }) => ({ ...item, textEdit: { range, newText: insertText ?? item.label } }));
}

function suggest(input: CompletionInput, ctx: ReturnType<typeof cursorContext>): { items: CompletionItem[]; start: number } {
  const at = (items: CompletionItem[], start = ctx.prefixStart) => ({ items, start });
  const path = ctx.path.join('.');
  const last = ctx.path[ctx.path.length - 1];
  const inList = ctx.at === 'item';

  if (ctx.at === 'key' || (inList && schemaAt(ctx.path)?.items?.$ref)) {
    const node = inList ? schemaAt([...ctx.path, '[]']) : schemaAt(ctx.path);
    const present = new Set(inList ? [] : ctx.siblings);
    const snippets = ctx.at === 'key' ? snippetsAt(ctx.path, ctx.siblings) : [];
    return at([
      ...snippets,
      ...Object.entries(node?.properties ?? {})
        .filter(([k]) => !present.has(k))
        .map(([k, s]) => {
          const isBlock = s.type === 'object' || s.type === 'array';
          const required = node?.required?.includes(k);
          return {
            label: k,
            kind: CompletionItemKind.Property,
            detail: required ? l10n.t('required') : undefined,
            sortText: `${required ? 0 : 1}${k}`,
            documentation: { kind: MarkupKind.Markdown, value: describeSchema(k, s) },
            insertText: isBlock && s.type === 'object' ? `${k}:\n${' '.repeat(ctx.indent + 2)}` : `${k}: `,
            command: isBlock ? undefined : { title: 'Suggest', command: 'editor.action.triggerSuggest' },
          } as CompletionItem;
        }),
    ]);
  }

  if (columnKeys.has(path.replace(/\.\[\]$/, ''))) {
    return at([...(input.model?.byName.values() ?? [])].map((c) => plain(c.name!, CompletionItemKind.Field, c.oracle ? `${c.oracle.canonical}` : undefined)));
  }
  if (path === 'joins.[].table') return at(input.tableNames.map((n) => plain(n, CompletionItemKind.Reference, l10n.t('table spec in the workspace'))));
  if (last === 'oracle' && ctx.path[0] === 'columns' && ctx.at === 'value') {
    const t = typeCursor(ctx.prefix);
    const wordStart = input.offset - t.word.length;
    if (t.inside) {
      // Inside `VARCHAR2(50 |`: the length semantics; anywhere else inside parentheses, no whole type.
      if (/^(?:VARCHAR2|CHAR)\s*\(\s*\d+\s+$/i.test(t.head))
        return at(
          lengthSemantics.map(([label, doc]) => ({ label, kind: CompletionItemKind.Keyword, documentation: doc() })),
          wordStart,
        );
      return at([], wordStart);
    }
    // The list's own order (most used first), not the alphabet.
    return at(
      oracleTypes.map(([label, snippet, doc], i) => ({
        label,
        kind: CompletionItemKind.TypeParameter,
        insertText: snippet,
        insertTextFormat: InsertTextFormat.Snippet,
        documentation: doc(),
        filterText: label,
        sortText: String(i).padStart(3, '0'),
      })),
    );
  }
  if (last === 'type' && ctx.path[0] === 'columns' && ctx.at === 'value') {
    const t = typeCursor(ctx.prefix);
    const items = glueTypes.map((g) => ({ label: g.replace(/\$\{\d+:([^}]*)\}/g, '$1'), kind: CompletionItemKind.TypeParameter, insertText: g, insertTextFormat: InsertTextFormat.Snippet }));
    // Inside `array<|` or after `struct<name:|` a whole type belongs; inside `decimal(|` none does.
    if (t.inside === '(' || (t.inside === '<' && !/[<,:]\s*$/.test(t.head))) return at([], input.offset - t.word.length);
    return t.inside ? at(items, input.offset - t.word.length) : at(items);
  }
  if (path === 'columns.[].cleansing') {
    return at(
      cleansingRules.map((r) => ({
        label: r.name,
        kind: CompletionItemKind.Function,
        detail: r.input === 'string' ? l10n.t('text') : l10n.t('any value'),
        documentation: { kind: MarkupKind.Markdown, value: `${r.summary()}\n\n\`${r.example}\`` },
        insertText: r.argument === 'none' ? r.name : r.argument === 'values' ? `{ ${r.name}: [\${1:'-'}] }` : r.argument === 'format' ? `{ ${r.name}: \${1:YYYYMMDD} }` : `{ ${r.name}: \${1:value} }`,
        insertTextFormat: InsertTextFormat.Snippet,
      })),
    );
  }
  const node = schemaAt(ctx.path);
  if (node?.enum) return at(node.enum.map((v) => plain(String(v), CompletionItemKind.EnumMember, node.default === v ? 'default' : undefined)));
  if (node?.type === 'boolean') return at([plain('true', CompletionItemKind.Value), plain('false', CompletionItemKind.Value)]);
  if (node?.examples && ctx.at === 'value' && exampleKeys.has(last ?? '') && node.type !== 'object' && node.type !== 'array') {
    return at(node.examples.filter((e) => typeof e !== 'object').map((e) => plain(String(e), CompletionItemKind.Value, 'example')));
  }
  return at([]);
}
