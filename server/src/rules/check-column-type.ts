/**
 * A column's types: the Oracle type against its grammar and limits, the notes of the default mapping
 * (bare NUMBER, fractional seconds, BFILE), and an override `type` against what the Oracle type holds.
 */
import * as l10n from '@vscode/l10n';
import { localeGeneration } from '../core/locale';
import { problem, type Problem } from '../core/problem';
import { checkOverride } from '../glue/check-override';
import { parseGlueType, type GlueType } from '../glue/glue-type';
import { mapOracleType, type MappedType } from '../glue/map-oracle-type';
import type { OracleType } from '../oracle/oracle-type';
import { parseOracleType, type ParsedOracleType } from '../oracle/parse-oracle-type';
import { get, type YNode, type YScalar } from '../document/yaml-node';

export interface ColumnTypes {
  oracle?: OracleType;
  mapped?: MappedType;
  target?: GlueType;
  override: boolean;
}

interface ReadType {
  parsed: ParsedOracleType;
  mapped?: MappedType;
}

// Oracle types read so far, with their default mapping: a workspace writes the same few types thousands of
// times, and reading one (grammar, limits, the mapping's messages) is most of a column's check. Read only.
const readTypes = new Map<string, ReadType>();
let readTypesLocale = localeGeneration();

/** An Oracle type's text read and mapped, from the cache when it was read before in this language. */
function readOracleType(text: string, extended: boolean): ReadType {
  if (readTypesLocale !== localeGeneration() || readTypes.size >= 4096) {
    readTypes.clear();
    readTypesLocale = localeGeneration();
  }
  const key = `${extended ? 'x' : '-'}${text}`;
  let read = readTypes.get(key);
  if (!read) {
    const parsed = parseOracleType(text, { extended });
    read = parsed.type ? { parsed, mapped: mapOracleType(parsed.type) } : { parsed };
    readTypes.set(key, read);
  }
  return read;
}

/** Places a problem found inside a scalar's text at the right characters of the document. */
function inside(node: YScalar, start: number, end: number): { start: number; end: number } {
  if (node.quoted && /\\|''/.test(node.text)) return node; // escapes shift offsets: underline the whole value
  const s = Math.min(node.textStart + start, node.end);
  return { start: s, end: Math.max(s, Math.min(node.textStart + end, node.end)) };
}

export function checkColumnType(column: YNode, extended: boolean, problems: Problem[]): ColumnTypes {
  const result: ColumnTypes = { override: false };
  const oracleNode = get(column, 'oracle');
  if (oracleNode?.kind === 'scalar' && typeof oracleNode.value === 'string') {
    const { parsed, mapped } = readOracleType(oracleNode.value, extended);
    for (const p of parsed.problems) problems.push(problem(p.code, 'error', inside(oracleNode, p.start, p.end), p.message));
    if (parsed.type && mapped) {
      result.oracle = parsed.type;
      result.mapped = mapped;
      result.target = mapped.glue;
    }
  } else if (oracleNode?.kind === 'scalar' && oracleNode.value !== null) {
    problems.push(problem('oracle-type-invalid', 'error', oracleNode, l10n.t('`oracle` must be an Oracle type written as text, such as NUMBER(12); found {0}.', JSON.stringify(oracleNode.value))));
  }

  const typeNode = get(column, 'type');
  if (typeNode?.kind === 'scalar' && typeof typeNode.value === 'string') {
    const parsed = parseGlueType(typeNode.value);
    for (const p of parsed.problems) problems.push(problem(p.code, 'error', inside(typeNode, p.start, p.end), p.message));
    if (parsed.type) {
      result.target = parsed.type;
      result.override = true;
      if (result.oracle && result.oracle.family !== 'bfile') {
        const note = checkOverride(result.oracle, parsed.type);
        if (note) problems.push(problem(note.code, note.severity, typeNode, note.message));
      }
    }
  }
  // An override answers the unknown-precision warning: the engineer has chosen the type.
  if (result.mapped && oracleNode) {
    for (const n of result.mapped.notes) {
      if ((n.code === 'number-precision-unknown' || n.code === 'number-beyond-decimal') && result.override) continue;
      problems.push(problem(n.code, n.severity, oracleNode, n.message));
    }
  }
  return result;
}
