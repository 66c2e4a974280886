/** Completion: keys and enum values from the schema, Oracle and Glue types, rules, column and table names. */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { cleansingRules } from '../rules/cleansing-catalogue';
import { cursorContext } from '../spec/cursor-context';
import { describeSchema, schemaAt } from '../spec/schema-model';
import type { SpecModel } from '../spec/spec-model';

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

const glueTypes = ['string', 'int', 'bigint', 'smallint', 'tinyint', 'double', 'float', 'boolean', 'date', 'timestamp', 'binary', 'decimal(${1:18},${2:2})', 'varchar(${1:100})', 'char(${1:10})', 'array<${1:string}>', 'map<${1:string},${2:string}>', 'struct<${1:name}:${2:string}>'];

/** Keys whose values (or list items) name columns of this table. */
const columnKeys = new Set(['load.keys', 'load.partition_by', 'load.incremental_by', 'source.extract.split_by', 'columns.[].purge.basis', 'views.[].columns', 'joins.[].on']);

export interface CompletionInput {
  text: string;
  offset: number;
  model?: SpecModel;
  tableNames: string[];
}

function plain(label: string, kind: CompletionItemKind, detail?: string): CompletionItem {
  const item: CompletionItem = { label, kind };
  if (detail) item.detail = detail;
  return item;
}

export function complete(input: CompletionInput): CompletionItem[] {
  const ctx = cursorContext(input.text, input.offset);
  const path = ctx.path.join('.');
  const last = ctx.path[ctx.path.length - 1];
  const inList = ctx.at === 'item';

  if (ctx.at === 'key' || (inList && schemaAt(ctx.path)?.items?.$ref)) {
    const node = inList ? schemaAt([...ctx.path, '[]']) : schemaAt(ctx.path);
    const present = new Set(inList ? [] : ctx.siblings);
    return Object.entries(node?.properties ?? {})
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
      });
  }

  if (columnKeys.has(path.replace(/\.\[\]$/, ''))) {
    return [...(input.model?.byName.values() ?? [])].map((c) => plain(c.name!, CompletionItemKind.Field, c.oracle ? `${c.oracle.canonical}` : undefined));
  }
  if (path === 'joins.[].table') return input.tableNames.map((n) => plain(n, CompletionItemKind.Reference, l10n.t('table spec in the workspace')));
  if (last === 'oracle' && ctx.path[0] === 'columns') {
    // The list's own order (most used first), not the alphabet.
    return oracleTypes.map(([label, snippet, doc], i) => ({ label, kind: CompletionItemKind.TypeParameter, insertText: snippet, insertTextFormat: InsertTextFormat.Snippet, documentation: doc(), filterText: label, sortText: String(i).padStart(3, '0') }));
  }
  if (last === 'type' && ctx.path[0] === 'columns') {
    return glueTypes.map((t) => ({ label: t.replace(/\$\{\d+:([^}]*)\}/g, '$1'), kind: CompletionItemKind.TypeParameter, insertText: t, insertTextFormat: InsertTextFormat.Snippet }));
  }
  if (path === 'columns.[].cleansing') {
    return cleansingRules.map((r) => ({
      label: r.name,
      kind: CompletionItemKind.Function,
      detail: r.input === 'string' ? l10n.t('text') : l10n.t('any value'),
      documentation: { kind: MarkupKind.Markdown, value: `${r.summary()}\n\n\`${r.example}\`` },
      insertText: r.argument === 'none' ? r.name : r.argument === 'values' ? `{ ${r.name}: [\${1:'-'}] }` : r.argument === 'format' ? `{ ${r.name}: \${1:YYYYMMDD} }` : `{ ${r.name}: \${1:value} }`,
      insertTextFormat: InsertTextFormat.Snippet,
    }));
  }
  const node = schemaAt(ctx.path);
  if (node?.enum) return node.enum.map((v) => plain(String(v), CompletionItemKind.EnumMember, node.default === v ? 'default' : undefined));
  if (node?.type === 'boolean') return [plain('true', CompletionItemKind.Value), plain('false', CompletionItemKind.Value)];
  if (node?.examples && ctx.at === 'value' && node.type !== 'object' && node.type !== 'array') {
    return node.examples.filter((e) => typeof e !== 'object').map((e) => plain(String(e), CompletionItemKind.Value, 'example'));
  }
  return [];
}
