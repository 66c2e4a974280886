/**
 * Structural checks from the JSON Schema (schemas/table.schema.json) with Ajv, mapped onto the YAML
 * nodes so that each problem underlines the offending key or value.
 */
import * as l10n from '@vscode/l10n';
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

/** A JSON type named the way the messages say it: "a mapping", "a list", "a string" … */
function typeName(type: string): string {
  const names: Record<string, () => string> = {
    object: () => l10n.t('a mapping'),
    array: () => l10n.t('a list'),
    string: () => l10n.t('a string'),
    number: () => l10n.t('a number'),
    integer: () => l10n.t('an integer'),
    boolean: () => l10n.t('true or false'),
    null: () => l10n.t('nothing'),
  };
  return names[type]?.() ?? type;
}

function describe(value: unknown): string {
  if (value === null) return typeName('null');
  if (Array.isArray(value)) return typeName('array');
  if (typeof value === 'object') return typeName('object');
  return `${typeName(typeof value)} ${JSON.stringify(value)}`;
}

const nameFields = new Set(['table', 'database', 'name']);

function toProblem(e: ErrorObject, root: YNode | null, text: string): Problem | undefined {
  const path = pathOf(e.instancePath);
  const node = nodeAt(root, path);
  const where = path.length ? path.join('.') : l10n.t('the spec');
  switch (e.keyword) {
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      return problem('missing-key', 'error', mapAnchor(root, path), l10n.t('Missing required key `{0}` in {1}.', key, where));
    }
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const pair = getPair(node, key);
      const known = Object.keys(schemaAt(path.map((s) => (typeof s === 'number' ? '[]' : s)))?.properties ?? {});
      // A key without its `:` swallows the lines under it (`cleansing` + `- trim` + … + `comment`): name and
      // mark its first line only, the key that was meant.
      const written = pair ? text.slice(pair.key.start, pair.key.end) : '';
      if (pair && written.includes('\n')) {
        const first = written.slice(0, written.indexOf('\n')).trimEnd();
        const span = { start: pair.key.start, end: pair.key.start + first.length };
        return problem(
          'unknown-key',
          'error',
          span,
          known.includes(first) ? l10n.t('Key `{0}` in {1} has no `:` after it.', first, where) : l10n.t('Unknown key `{0}` in {1}. Known keys: {2}.', first, where, known.join(', ')),
        );
      }
      const guess = closest(key, known);
      const fixes: Fix[] = guess && pair ? [{ title: l10n.t('Rename to `{0}`', guess), edits: [{ start: pair.key.start, end: pair.key.end, newText: guess }], preferred: true }] : [];
      return problem(
        'unknown-key',
        'error',
        pair?.key ?? mapAnchor(root, path),
        guess ? l10n.t('Unknown key `{0}` in {1}. Did you mean `{2}`?', key, where, guess) : l10n.t('Unknown key `{0}` in {1}. Known keys: {2}.', key, where, known.join(', ')),
        fixes,
      );
    }
    case 'type': {
      const want = (e.params as { type: string | string[] }).type;
      const wanted = (Array.isArray(want) ? want : [want]).map(typeName).join(l10n.t(' or '));
      return problem('wrong-type', 'error', node ?? mapAnchor(root, path), l10n.t('`{0}` must be {1}, not {2}.', where, wanted, describe(toJS(node ?? null))));
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const value = toJS(node ?? null);
      const guess =
        typeof value === 'string'
          ? (allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase().trim()) ??
            closest(
              value,
              allowed.filter((a): a is string => typeof a === 'string'),
            ))
          : undefined;
      const fixes: Fix[] = typeof guess === 'string' && node ? [{ title: l10n.t('Change to `{0}`', guess), edits: [{ start: node.start, end: node.end, newText: guess }], preferred: true }] : [];
      return problem(
        'invalid-value',
        'error',
        node ?? mapAnchor(root, path),
        l10n.t('`{0}` must be one of {1}; found {2}.', where, allowed.map((a) => JSON.stringify(a)).join(', '), JSON.stringify(value)),
        fixes,
      );
    }
    case 'pattern': {
      const value = String(toJS(node ?? null));
      const field = path[path.length - 1];
      if (typeof field === 'string' && nameFields.has(field) && node) {
        const lowered = value.toLowerCase();
        if (/^[a-z][a-z0-9_]*$/.test(lowered)) {
          return problem('name-not-lowercase', 'error', node, l10n.t('`{0}` has upper case: Athena lower-cases names, so write `{1}`.', value, lowered), [
            { title: l10n.t('Lower-case to `{0}`', lowered), edits: [{ start: node.start, end: node.end, newText: lowered }], preferred: true },
          ]);
        }
        return problem('invalid-name', 'error', node, l10n.t('`{0}` is not a valid name: start with a lower-case letter, then lower-case letters, digits or `_`.', value));
      }
      const found = JSON.stringify(value);
      const hints: Record<string, () => string> = {
        object: () => l10n.t('`{0}` must be an Oracle `OWNER.TABLE`, unquoted identifiers in upper case (such as CARD.CUST_CARD_MASTER); found {1}.', where, found),
        after: () => l10n.t('`{0}` must be a duration such as `90d`, `13m` or `5y`; found {1}.', where, found),
        retention: () => l10n.t('`{0}` must be a duration such as `90d`, `13m` or `5y`; found {1}.', where, found),
        location: () => l10n.t('`{0}` must be an S3 location `s3://bucket/prefix/`; found {1}.', where, found),
        table: () => l10n.t('`{0}` must be `database.table` in lower case; found {1}.', where, found),
      };
      const message = hints[String(field)]?.() ?? l10n.t('`{0}` must be text matching {1}; found {2}.', where, (e.params as { pattern: string }).pattern, found);
      return problem('invalid-value', 'error', node ?? mapAnchor(root, path), message);
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
      const text: Record<string, () => string> = {
        minimum: () => l10n.t('`{0}` must be at least {1}.', where, limit),
        maximum: () => l10n.t('`{0}` must be at most {1}.', where, limit),
        minLength: () => l10n.t('`{0}` must be at least {1} characters long.', where, limit),
        maxLength: () => l10n.t('`{0}` must be at most {1} characters long.', where, limit),
        minItems: () => (limit === 1 ? l10n.t('`{0}` must be a list of at least 1 item.', where) : l10n.t('`{0}` must be a list of at least {1} items.', where, limit)),
        maxItems: () => l10n.t('`{0}` must be a list of at most {1} items.', where, limit),
        minProperties: () => (limit === 1 ? l10n.t('`{0}` must be a mapping with at least 1 key.', where) : l10n.t('`{0}` must be a mapping with at least {1} keys.', where, limit)),
        maxProperties: () => (limit === 1 ? l10n.t('`{0}` must be a mapping with at most 1 key.', where) : l10n.t('`{0}` must be a mapping with at most {1} keys.', where, limit)),
      };
      return problem('invalid-value', 'error', node ?? mapAnchor(root, path), text[e.keyword]!());
    }
    default:
      return problem('invalid-value', 'error', node ?? mapAnchor(root, path), e.message ? `\`${where}\` ${e.message}.` : l10n.t('`{0}` is not valid.', where));
  }
}

/** Validates the document against the table schema; one problem per schema error. */
export function checkSchema(root: YNode | null, text: string): Problem[] {
  if (root !== null && root.kind !== 'map') return [problem('wrong-type', 'error', root, l10n.t('A table spec is a mapping of keys (table, kind, source, load, columns …).'))];
  const validateFn = validate();
  validateFn(toJS(root) ?? {});
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of validateFn.errors ?? []) {
    const p = toProblem(e, root, text);
    if (!p) continue;
    const key = `${p.code}:${p.start}:${p.end}:${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}
