/**
 * A column's cleansing rules, in order: each rule known, given the right argument, and applied to a
 * value it can take; a string arriving into a non-string column has a conversion rule; CHAR padding
 * is trimmed.
 */
import { problem, type Fix, type Problem } from '../core/problem';
import { isComplex, isGlueString, type GlueType } from '../glue/glue-type';
import { isOracleDatetime, isOracleNumeric, isOracleString, type OracleType } from '../oracle/oracle-type';
import { closest } from '../spec/closest';
import { addItem, addKey, isMap, isSeq } from '../spec/yaml-edits';
import { get, type YNode } from '../spec/yaml-node';
import { checkDateFormat, cleansingRules, ruleByName, type ValueKind } from './cleansing-catalogue';

export function inputKind(oracle: OracleType | undefined, kind: 'source' | 'mart'): ValueKind {
  if (kind === 'mart' || !oracle) return 'string';
  if (isOracleString(oracle)) return 'string';
  if (isOracleNumeric(oracle)) return 'number';
  if (oracle.family === 'date') return 'timestamp';
  if (isOracleDatetime(oracle)) return 'timestamp';
  if (oracle.family === 'raw' || oracle.family === 'lob_binary') return 'binary';
  if (oracle.family === 'boolean') return 'boolean';
  return 'other';
}

function targetKind(t: GlueType): ValueKind {
  if (isGlueString(t)) return 'string';
  if (['tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'decimal'].includes(t.kind)) return 'number';
  if (t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'binary' || t.kind === 'boolean') return t.kind;
  return 'other';
}

const ruleNames = cleansingRules.map((r) => r.name);

/** The edit that adds a rule to the column's `cleansing` list, creating the list when needed. */
export function addRuleEdit(text: string, column: YNode, rule: string): Fix['edits'] {
  const list = get(column, 'cleansing');
  if (isSeq(list)) return [addItem(text, list, rule)];
  if (!isMap(column)) return [];
  return [addKey(text, column, 'cleansing', `[${rule}]`)];
}

function conversionFor(target: GlueType, oracle: OracleType | undefined): string | undefined {
  const k = targetKind(target);
  if (k === 'number') return 'to_number';
  if (k === 'date') return '{ to_date: YYYYMMDD }';
  if (k === 'timestamp') return oracle?.family === 'date' || oracle?.family === 'timestamp' ? "{ to_timestamp: 'YYYY-MM-DD HH24:MI:SS' }" : "{ to_timestamp: 'YYYYMMDDHH24MISS' }";
  return undefined;
}

export function checkColumnCleansing(
  text: string,
  column: YNode,
  oracle: OracleType | undefined,
  target: GlueType | undefined,
  kind: 'source' | 'mart',
  problems: Problem[],
): ValueKind {
  let current = inputKind(oracle, kind);
  const list = get(column, 'cleansing');
  const names = new Set<string>();
  if (isSeq(list)) {
    for (const item of list.items) {
      if (!item) continue;
      let name: string | undefined;
      let arg: YNode | null | undefined;
      let keyNode = item;
      if (item.kind === 'scalar' && typeof item.value === 'string') name = item.value;
      else if (item.kind === 'map' && item.pairs.length === 1) {
        name = item.pairs[0]!.key.text;
        arg = item.pairs[0]!.value;
        keyNode = item.pairs[0]!.key;
      } else continue; // the schema reports other shapes
      const rule = ruleByName.get(name);
      if (!rule) {
        const guess = closest(name, ruleNames);
        problems.push(
          problem('cleansing-unknown', 'error', keyNode, `Unknown cleansing rule \`${name}\`.${guess ? ` Did you mean \`${guess}\`?` : ''} Rules: ${ruleNames.join(', ')}.`, guess ? [{ title: `Change to \`${guess}\``, edits: [{ start: keyNode.start, end: keyNode.end, newText: guess }], preferred: true }] : []),
        );
        continue;
      }
      names.add(name);
      if (rule.argument === 'none' && arg !== undefined && arg !== null) problems.push(problem('cleansing-invalid-argument', 'error', arg, `\`${name}\` takes no argument.`));
      if (rule.argument !== 'none' && (arg === undefined || arg === null)) {
        const needs = rule.argument === 'values' ? 'a list of values, such as `null_if: [\'-\', \'N/A\']`' : rule.argument === 'format' ? `a format, such as \`${name}: YYYYMMDD\`` : 'a value, such as `default: N`';
        problems.push(problem('cleansing-invalid-argument', 'error', keyNode, `\`${name}\` needs ${needs}.`));
      }
      if (rule.argument === 'values' && arg && arg.kind !== 'seq') problems.push(problem('cleansing-invalid-argument', 'error', arg, `\`${name}\` takes a list of values, such as \`[' - ', 'N/A']\`.`));
      if (rule.argument === 'format' && arg) {
        const format = arg.kind === 'scalar' && typeof arg.value === 'string' ? arg.value : arg.kind === 'map' ? (get(arg, 'format') as { value?: unknown } | undefined)?.value : undefined;
        const wrong = typeof format === 'string' ? checkDateFormat(format) : 'The format must be text, such as YYYYMMDD.';
        if (wrong) problems.push(problem('cleansing-invalid-argument', 'error', arg, `\`${name}\`: ${wrong}`));
      }
      if (rule.input === 'string' && current !== 'string') {
        problems.push(problem('cleansing-not-applicable', 'error', keyNode, `\`${name}\` applies to text, but the value is ${current === 'other' ? 'not text' : `a ${current}`} here${kind === 'source' && oracle ? ` (${oracle.canonical})` : ''}.`));
      }
      if (rule.output !== 'same') current = rule.output;
    }
  }

  // A string that reaches a non-string column needs a rule that converts it; a cast would turn bad values into NULLs unseen.
  if (target && current === 'string' && !isGlueString(target) && target.kind !== 'binary' && !isComplex(target)) {
    const rule = conversionFor(target, oracle);
    const why = kind === 'mart' ? 'A mart column arrives as a string' : `${oracle?.canonical ?? 'This column'} is text`;
    const fix: Fix[] = rule ? [{ title: `Add \`${rule}\``, edits: addRuleEdit(text, column, rule), preferred: true }] : [];
    const nameNode = get(column, 'name') ?? column;
    problems.push(problem('conversion-missing', 'warning', nameNode, `${why}, but its type is ${target.kind}: add ${rule ? `\`${rule}\`` : 'a conversion rule'} so that values that do not convert are counted, not silently NULL.`, fix));
  }

  // CHAR values are blank-padded: without a trim, `WHERE code = 'A1'` finds nothing in Athena.
  if (oracle?.family === 'char' && (oracle.length ?? 1) > 1 && !names.has('rtrim') && !names.has('trim')) {
    const oracleNode = get(column, 'oracle') ?? column;
    problems.push(problem('char-without-rtrim', 'info', oracleNode, `${oracle.canonical} values are padded with blanks to ${oracle.length} characters; add \`rtrim\` so that equality filters work in Athena.`, [{ title: 'Add `rtrim`', edits: addRuleEdit(text, column, 'rtrim'), preferred: true }]));
  }
  return current;
}
