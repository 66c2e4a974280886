/**
 * Structural checks from the JSON Schema (schemas/table.schema.json) with Ajv, mapped onto the YAML
 * nodes so that each problem underlines the offending key or value.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import tableSchema from '../../../schemas/table.schema.json';
import { problem, type Fix, type Problem, type Span } from '../core/problem';
import { closest } from './closest';
import { schemaAt } from './schema-model';
import { getPair, nodeAt, toJS, type YNode } from './yaml-node';

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  // Compiled once per process: compiling costs milliseconds, validating microseconds.
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(tableSchema);
  return validator;
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Where to underline a mapping that lacks a key: the key that holds it, or its first key. */
function mapAnchor(root: YNode | null, path: (string | number)[]): Span {
  if (path.length === 0) {
    const first = root?.kind === 'map' ? root.pairs[0] : undefined;
    return first ? first.key : { start: 0, end: 0 };
  }
  const last = path[path.length - 1]!;
  if (typeof last === 'string') {
    const pair = getPair(nodeAt(root, path.slice(0, -1)), last);
    if (pair) return pair.key;
  }
  const node = nodeAt(root, path);
  if (node?.kind === 'map' && node.pairs[0]) return node.pairs[0].key;
  return node ?? { start: 0, end: 0 };
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const nameFields = new Set(['table', 'database', 'name']);

function toProblem(e: ErrorObject, root: YNode | null): Problem | undefined {
  const path = pathOf(e.instancePath);
  const node = nodeAt(root, path);
  const where = path.length ? path.join('.') : 'the spec';
  switch (e.keyword) {
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      return problem('missing-key', 'error', mapAnchor(root, path), `Missing required key \`${key}\` in ${where}.`);
    }
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const pair = getPair(node, key);
      const known = Object.keys(schemaAt(path.map((s) => (typeof s === 'number' ? '[]' : s)))?.properties ?? {});
      const guess = closest(key, known);
      const fixes: Fix[] = guess && pair ? [{ title: `Rename to \`${guess}\``, edits: [{ start: pair.key.start, end: pair.key.end, newText: guess }], preferred: true }] : [];
      return problem('unknown-key', 'error', pair?.key ?? mapAnchor(root, path), `Unknown key \`${key}\` in ${where}.${guess ? ` Did you mean \`${guess}\`?` : ` Known keys: ${known.join(', ')}.`}`, fixes);
    }
    case 'type': {
      const want = (e.params as { type: string | string[] }).type;
      const wanted = Array.isArray(want) ? want.join(' or ') : want;
      return problem('wrong-type', 'error', node ?? mapAnchor(root, path), `\`${where}\` must be ${wanted === 'object' ? 'a mapping' : wanted === 'array' ? 'a list' : `a ${wanted}`}, not ${describe(toJS(node ?? null))}.`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const value = toJS(node ?? null);
      const guess = typeof value === 'string' ? allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase().trim()) ?? closest(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
      const fixes: Fix[] = typeof guess === 'string' && node ? [{ title: `Change to \`${guess}\``, edits: [{ start: node.start, end: node.end, newText: guess }], preferred: true }] : [];
      return problem('invalid-value', 'error', node ?? mapAnchor(root, path), `\`${where}\` must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; found ${JSON.stringify(value)}.`, fixes);
    }
    case 'pattern': {
      const value = String(toJS(node ?? null));
      const field = path[path.length - 1];
      if (typeof field === 'string' && nameFields.has(field) && node) {
        const lowered = value.toLowerCase();
        if (/^[a-z][a-z0-9_]*$/.test(lowered)) {
          return problem('name-not-lowercase', 'error', node, `\`${value}\` has upper case: Athena lower-cases names, so write \`${lowered}\`.`, [
            { title: `Lower-case to \`${lowered}\``, edits: [{ start: node.start, end: node.end, newText: lowered }], preferred: true },
          ]);
        }
        return problem('invalid-name', 'error', node, `\`${value}\` is not a valid name: start with a lower-case letter, then lower-case letters, digits or \`_\`.`);
      }
      const hints: Record<string, string> = {
        object: 'an Oracle `OWNER.TABLE`, unquoted identifiers in upper case (such as CARD.CUST_CARD_MASTER)',
        after: 'a duration such as `90d`, `13m` or `5y`',
        retention: 'a duration such as `90d`, `13m` or `5y`',
        location: 'an S3 location `s3://bucket/prefix/`',
        table: '`database.table` in lower case',
      };
      return problem('invalid-value', 'error', node ?? mapAnchor(root, path), `\`${where}\` must be ${hints[String(field)] ?? `text matching ${(e.params as { pattern: string }).pattern}`}; found ${JSON.stringify(value)}.`);
    }
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = (e.params as { limit: number }).limit;
      const text: Record<string, string> = {
        minimum: `at least ${limit}`,
        maximum: `at most ${limit}`,
        minLength: `at least ${limit} characters long`,
        maxLength: `at most ${limit} characters long`,
        minItems: `a list of at least ${limit} item${limit === 1 ? '' : 's'}`,
        maxItems: `a list of at most ${limit} items`,
        minProperties: `a mapping with at least ${limit} key`,
        maxProperties: `a mapping with at most ${limit} key${limit === 1 ? '' : 's'}`,
      };
      return problem('invalid-value', 'error', node ?? mapAnchor(root, path), `\`${where}\` must be ${text[e.keyword]}.`);
    }
    default:
      return problem('invalid-value', 'error', node ?? mapAnchor(root, path), `\`${where}\` ${e.message ?? 'is not valid'}.`);
  }
}

/** Validates the document against the table schema; one problem per schema error. */
export function checkSchema(root: YNode | null): Problem[] {
  if (root !== null && root.kind !== 'map') return [problem('wrong-type', 'error', root, 'A table spec is a mapping of keys (table, kind, source, load, columns …).')];
  const validateFn = validate();
  validateFn(toJS(root) ?? {});
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of validateFn.errors ?? []) {
    const p = toProblem(e, root);
    if (!p) continue;
    const key = `${p.code}:${p.start}:${p.end}:${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}
