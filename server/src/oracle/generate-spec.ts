/**
 * A table spec from an Oracle table: types as written, nullability, comments, the primary key (and load keys from it),
 * personal data marked with `pii` and `encrypt`, `rtrim` on blank-padded CHAR, and a suggested load mode.
 * Columns that cannot be loaded (BFILE, object types) are left out with a note in the file.
 */
import { stringify } from 'yaml';
import { detectPii, sensitiveKinds } from '../rules/detect-pii';
import { parseOracleType } from './parse-oracle-type';
import type { SourceColumn, SourceTable } from './source-table';

export interface GenerateOptions {
  /** The workspace's default database; written into the spec only when there is none. */
  defaultDatabase?: string;
  defaultEncrypt: 'sha256' | 'kms';
  extended: boolean;
  /** Where the definition came from, for the file's first line. */
  from: string;
}

/** A column import leaves out, with the code the checker gives the same type in a spec. */
export interface SkippedColumn {
  column: string;
  type: string;
  code: 'oracle-type-invalid' | 'type-not-loadable';
  /** Fixed English: it is written into the spec as a comment. */
  reason: string;
}

export interface GeneratedSpec {
  table: string;
  text: string;
  /** Columns left out, and why. */
  skipped: SkippedColumn[];
}

/** A name Athena accepts: lower case, letters, digits and `_`. */
export function targetName(oracle: string): string {
  let n = oracle
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(n)) n = `c_${n}`;
  return n.slice(0, 255) || 'unnamed';
}

/** A scalar as YAML: plain when that reads back as the same text, quoted otherwise. */
function scalar(value: string): string {
  if (value.includes('\n')) return JSON.stringify(value);
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  return plain;
}

const quotedIdent = (name: string) => (/^[A-Z][A-Z0-9_$#]*$/.test(name) ? name : `"${name}"`);

const changeColumn = /(?:^|_)(?:chg|upd|updt|mod|modf|chng|last_chg|last_upd|amnd)_?(?:dt|dtm|dttm|ts|tms|tm|date|time)$/;

function suggestLoad(table: SourceTable, columns: { name: string; source: SourceColumn; dated: boolean }[]): string[] {
  const keys = table.primaryKey.map((k) => columns.find((c) => c.source.name === k)?.name).filter((k): k is string => !!k);
  const change = columns.find((c) => c.dated && changeColumn.test(c.name));
  if (keys.length && change) return ['  mode: upsert', `  keys: [${keys.join(', ')}]`, `  incremental_by: ${change.name}`];
  if (keys.length) return ['  mode: overwrite', `  # keys: [${keys.join(', ')}]  (the primary key: switch to upsert when the table changes and is large)`];
  return ['  mode: overwrite'];
}

/**
 * The YAML lines of one column (indented for a `columns:` list), or why it cannot be imported.
 * `used` holds the target names taken so far, so that two Oracle names never become one.
 */
export function columnLines(
  c: SourceColumn,
  options: Pick<GenerateOptions, 'defaultEncrypt' | 'extended'>,
  used: Set<string>,
  indent = '  ',
): { name: string; lines: string[]; dated: boolean } | { skipped: SkippedColumn } {
  const parsed = parseOracleType(c.type, { extended: options.extended });
  // The reasons go into the spec as comments: fixed English, so that a file does not change with the language of whoever imports it.
  if (!parsed.type) return { skipped: { column: c.name, type: c.type, code: 'oracle-type-invalid', reason: 'not an Oracle type TableSpec reads' } };
  if (parsed.type.family === 'bfile') return { skipped: { column: c.name, type: 'BFILE', code: 'type-not-loadable', reason: 'a BFILE points to a file outside the database and cannot be loaded' } };
  let name = targetName(c.name);
  while (used.has(name)) name = `${name}_2`;
  used.add(name);
  const lines = [`${indent}- name: ${name}`];
  const at = `${indent}  `;
  if (name.toUpperCase() !== c.name) lines.push(`${at}source: ${scalar(c.name)}`);
  lines.push(`${at}oracle: ${scalar(parsed.type.canonical)}`);
  if (!c.nullable) lines.push(`${at}nullable: false`);
  if (c.comment) lines.push(`${at}comment: ${scalar(c.comment.length > 255 ? c.comment.slice(0, 254) + '…' : c.comment)}`);
  if (parsed.type.family === 'char' && (parsed.type.length ?? 1) > 1) lines.push(`${at}cleansing: [rtrim]`);
  const pii = detectPii(name, c.comment);
  if (pii) {
    lines.push(`${at}pii: ${pii}`);
    lines.push(`${at}encrypt: ${pii === 'password' ? 'sha256' : options.defaultEncrypt}`);
    if (!sensitiveKinds.has(pii)) lines[lines.length - 1] += '  # personal data: encrypted by policy, not by statute';
  }
  return { name, lines, dated: parsed.type.family === 'date' || parsed.type.family === 'timestamp' };
}

export function generateSpec(table: SourceTable, options: GenerateOptions): GeneratedSpec {
  const skipped: SkippedColumn[] = [];
  const used = new Set<string>();
  const columns: { name: string; source: SourceColumn; dated: boolean; lines: string[] }[] = [];
  for (const c of table.columns) {
    const r = columnLines(c, options, used);
    if ('skipped' in r) skipped.push(r.skipped);
    else columns.push({ ...r, source: c });
  }
  const name = targetName(table.name);
  const out = [`# Imported from ${options.from}: ${table.owner}.${table.name}. Review it, then delete this line.`, `table: ${name}`];
  if (!options.defaultDatabase) out.push(`database: ${targetName(table.owner)}`);
  out.push('kind: source');
  if (table.comment) out.push(`description: ${scalar(table.comment.slice(0, 2048))}`);
  out.push('source:', `  object: ${quotedIdent(table.owner)}.${quotedIdent(table.name)}`);
  // The primary key as data, whatever the load mode: verify pairs source and target rows on it.
  const primaryKey = table.primaryKey.map((k) => columns.find((c) => c.source.name === k)?.name);
  if (primaryKey.length && primaryKey.every((k) => k !== undefined)) out.push(`  primary_key: [${primaryKey.join(', ')}]`);
  out.push('load:', ...suggestLoad(table, columns));
  out.push('columns:');
  for (const c of columns) out.push(...c.lines);
  if (skipped.length) out.push(...skipped.map((s) => `# not imported: ${s.column} ${s.type}: ${s.reason}`));
  return { table: name, text: out.join('\n') + '\n', skipped };
}
