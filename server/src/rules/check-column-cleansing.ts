/**
 * A column's cleansing rules, in order: each rule known, given the right argument, and applied to a
 * value it can take; a string arriving into a non-string column has a conversion rule; CHAR padding
 * is trimmed.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Fix, type Problem } from '../core/problem';
import { isComplex, isGlueString, type GlueType } from '../glue/glue-type';
import { isOracleDatetime, isOracleNumeric, isOracleString, type OracleType } from '../oracle/oracle-type';
import { closest } from '../document/closest';
import { addItem, addKey, isMap, isSeq } from '../document/yaml-edits';
import { get, type YNode } from '../document/yaml-node';
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

/** "`upper` applies to text, but the value is a number here (NUMBER(10))." */
function notTextMessage(rule: string, current: ValueKind, oracle: string | undefined): string {
  if (current === 'other')
    return oracle ? l10n.t('`{0}` applies to text, but the value is not text here ({1}).', rule, oracle) : l10n.t('`{0}` applies to text, but the value is not text here.', rule);
  const kinds: Record<string, () => string> = {
    number: () => l10n.t('a number'),
    date: () => l10n.t('a date'),
    timestamp: () => l10n.t('a timestamp'),
    binary: () => l10n.t('a binary'),
    boolean: () => l10n.t('a boolean'),
  };
  const what = kinds[current]?.() ?? current;
  return oracle ? l10n.t('`{0}` applies to text, but the value is {1} here ({2}).', rule, what, oracle) : l10n.t('`{0}` applies to text, but the value is {1} here.', rule, what);
}

/** Why a text value needs a conversion rule; `oracle` is undefined for a mart column. */
function conversionMessage(oracle: string | undefined, target: string, rule: string | undefined): string {
  if (oracle === undefined) {
    return rule
      ? l10n.t('A mart column arrives as a string, but its type is {0}: add `{1}` so that values that do not convert are counted, not silently NULL.', target, rule)
      : l10n.t('A mart column arrives as a string, but its type is {0}: add a conversion rule so that values that do not convert are counted, not silently NULL.', target);
  }
  return rule
    ? l10n.t('{0} is text, but its type is {1}: add `{2}` so that values that do not convert are counted, not silently NULL.', oracle, target, rule)
    : l10n.t('{0} is text, but its type is {1}: add a conversion rule so that values that do not convert are counted, not silently NULL.', oracle, target);
}

/**
 * How bad it is that a conversion yields `from` for a column whose type holds `to`: an error where the
 * value cannot be held at all, a warning where it is cast back to text or loses its time of day.
 */
function conversionMismatch(from: ValueKind, to: ValueKind): 'error' | 'warning' | undefined {
  if (from === to || to === 'other') return undefined;
  if (to === 'string') return 'warning';
  if (from === 'date' && to === 'timestamp') return undefined; // a date is midnight of its day
  if (from === 'timestamp' && to === 'date') return 'warning';
  return 'error';
}

function conversionTargetMessage(rule: string, from: ValueKind, to: string, severity: 'error' | 'warning'): string {
  if (severity === 'error') return l10n.t('`{0}` makes a {1}, but the column is {2}, which cannot hold it: use the conversion for {2}, or change `type`.', rule, from, to);
  if (to === 'string')
    return l10n.t('`{0}` makes a {1}, but the column is {2}: the value is cast back to text and loses its original writing (leading zeros, format). Drop the rule, or change `type`.', rule, from, to);
  return l10n.t('`{0}` makes a {1}, but the column is {2}: the time of day is dropped.', rule, from, to);
}

export function checkColumnCleansing(text: string, column: YNode, oracle: OracleType | undefined, target: GlueType | undefined, kind: 'source' | 'mart', problems: Problem[]): ValueKind {
  let current = inputKind(oracle, kind);
  let conversion: { name: string; node: YNode } | undefined;
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
        const rules = ruleNames.join(', ');
        const message = guess ? l10n.t('Unknown cleansing rule `{0}`. Did you mean `{1}`? Rules: {2}.', name, guess, rules) : l10n.t('Unknown cleansing rule `{0}`. Rules: {1}.', name, rules);
        problems.push(
          problem(
            'cleansing-unknown',
            'error',
            keyNode,
            message,
            guess ? [{ title: l10n.t('Change to `{0}`', guess), edits: [{ start: keyNode.start, end: keyNode.end, newText: guess }], preferred: true }] : [],
          ),
        );
        continue;
      }
      names.add(name);
      if (rule.argument === 'none' && arg !== undefined && arg !== null) problems.push(problem('cleansing-invalid-argument', 'error', arg, l10n.t('`{0}` takes no argument.', name)));
      if (rule.argument !== 'none' && (arg === undefined || arg === null)) {
        const needs =
          rule.argument === 'values'
            ? l10n.t("`{0}` needs a list of values, such as `null_if: ['-', 'N/A']`.", name)
            : rule.argument === 'format'
              ? l10n.t('`{0}` needs a format, such as `{0}: YYYYMMDD`.', name)
              : l10n.t('`{0}` needs a value, such as `default: N`.', name);
        problems.push(problem('cleansing-invalid-argument', 'error', keyNode, needs));
      }
      if (rule.argument === 'values' && arg && arg.kind !== 'seq')
        problems.push(problem('cleansing-invalid-argument', 'error', arg, l10n.t("`{0}` takes a list of values, such as `[' - ', 'N/A']`.", name)));
      if (rule.argument === 'format' && arg) {
        const format = arg.kind === 'scalar' && typeof arg.value === 'string' ? arg.value : arg.kind === 'map' ? (get(arg, 'format') as { value?: unknown } | undefined)?.value : undefined;
        const wrong = typeof format === 'string' ? checkDateFormat(format) : l10n.t('The format must be text, such as YYYYMMDD.');
        if (wrong) problems.push(problem('cleansing-invalid-argument', 'error', arg, `\`${name}\`: ${wrong}`));
      }
      if (rule.input === 'string' && current !== 'string') {
        problems.push(problem('cleansing-not-applicable', 'error', keyNode, notTextMessage(name, current, kind === 'source' ? oracle?.canonical : undefined)));
      }
      if (rule.output !== 'same') {
        current = rule.output;
        conversion = { name, node: keyNode };
      }
    }
  }

  // A conversion must produce what the column's type holds: a date cannot become an int (error); a number
  // or a date written back into a string loses its original text (`007` → `7`: warning).
  if (target && conversion) {
    const mismatch = conversionMismatch(current, targetKind(target));
    if (mismatch) problems.push(problem('conversion-target-mismatch', mismatch, conversion.node, conversionTargetMessage(conversion.name, current, target.kind, mismatch)));
  }

  // A string that reaches a non-string column needs a rule that converts it; a cast would turn bad values into NULLs unseen.
  if (target && current === 'string' && !isGlueString(target) && target.kind !== 'binary' && !isComplex(target)) {
    const rule = conversionFor(target, oracle);
    const fix: Fix[] = rule ? [{ title: l10n.t('Add `{0}`', rule), edits: addRuleEdit(text, column, rule), preferred: true }] : [];
    const nameNode = get(column, 'name') ?? column;
    problems.push(problem('conversion-missing', 'warning', nameNode, conversionMessage(kind === 'mart' ? undefined : (oracle?.canonical ?? l10n.t('This column')), target.kind, rule), fix));
  }

  // CHAR values are blank-padded: without a trim, `WHERE code = 'A1'` finds nothing in Athena.
  if (oracle?.family === 'char' && (oracle.length ?? 1) > 1 && !names.has('rtrim') && !names.has('trim')) {
    const oracleNode = get(column, 'oracle') ?? column;
    problems.push(
      problem(
        'char-without-rtrim',
        'info',
        oracleNode,
        l10n.t('{0} values are padded with blanks to {1} characters; add `rtrim` so that equality filters work in Athena.', oracle.canonical, oracle.length ?? 1),
        [{ title: l10n.t('Add `{0}`', 'rtrim'), edits: addRuleEdit(text, column, 'rtrim'), preferred: true }],
      ),
    );
  }
  return current;
}
