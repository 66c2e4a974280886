/**
 * Runs every check that needs only the column itself, and caches the result by the column's text,
 * so that typing in one column re-checks that column alone.
 */
import { shiftProblem, type Problem } from '../core/problem';
import type { ColumnFacts } from '../document/spec-model';
import { get, str, type YNode } from '../document/yaml-node';
import { checkColumnCleansing } from './check-column-cleansing';
import { checkColumnPrivacy } from './check-column-privacy';
import { checkColumnType } from './check-column-type';

export interface ColumnContext {
  kind: 'source' | 'mart';
  extended: boolean;
  defaultEncrypt: 'sha256' | 'kms';
  /** The three above as one string: a cached result is valid for the same key only. */
  key: string;
}

export function columnContext(kind: 'source' | 'mart', extended: boolean, defaultEncrypt: 'sha256' | 'kms'): ColumnContext {
  return { kind, extended, defaultEncrypt, key: `${kind}|${extended}|${defaultEncrypt}` };
}

interface Cached {
  key: string;
  facts: ColumnFacts;
  /** Offsets relative to the node the column came from (its chunk's own text). */
  problems: Problem[];
}

const cache = new WeakMap<YNode, Cached>();

function analyze(text: string, column: YNode, ctx: ColumnContext, problems: Problem[]): ColumnFacts {
  const types = checkColumnType(column, ctx.extended, problems);
  const cleansedKind = checkColumnCleansing(text, column, types.oracle, types.target, ctx.kind, problems);
  const privacy = checkColumnPrivacy(text, column, ctx.defaultEncrypt, problems);
  const nullableNode = get(column, 'nullable');
  const name = str(get(column, 'name'));
  return {
    name,
    key: name?.toLowerCase(),
    oracle: types.oracle,
    mapped: types.mapped,
    target: types.target,
    override: types.override,
    nullable: !(nullableNode?.kind === 'scalar' && nullableNode.value === false),
    comment: str(get(column, 'comment')),
    pii: privacy.pii,
    encrypt: privacy.encrypt,
    cleansedKind,
    hasPurge: get(column, 'purge') != null,
  };
}

/** The column's facts and problems (document offsets); cached across edits elsewhere in the document. */
export function analyzeColumn(text: string, column: YNode, ctx: ColumnContext): { facts: ColumnFacts; problems: Problem[] } {
  const origin = column.origin ?? column;
  const delta = column.start - origin.start;
  const key = ctx.key;
  const hit = cache.get(origin);
  if (hit && hit.key === key) return { facts: hit.facts, problems: delta === 0 ? hit.problems : hit.problems.map((p) => shiftProblem(p, delta)) };
  const problems: Problem[] = [];
  const facts = analyze(text, column, ctx, problems);
  // A column of a file parsed once (no origin) is not seen again: nothing to cache.
  if (column.origin) cache.set(origin, { key, facts, problems: delta === 0 ? problems : problems.map((p) => shiftProblem(p, -delta)) });
  return { facts, problems };
}
