/**
 * A view's `where` is SQL the engineer writes; it goes into a statement as it is. It must be one
 * boolean expression: quotes balanced, parentheses balanced, no statement separator, no comment, no
 * statement keyword. Anything else is refused before a statement is built.
 */
import * as l10n from '@vscode/l10n';
import { SqlSafetyError } from './identifiers';

const forbidden = /\b(select|insert|update|delete|merge|drop|create|alter|grant|revoke|truncate|call|execute|unload|vacuum|optimize|msck|attach|copy|export|import|install|load|pragma|set)\b/i;

export function checkPredicate(where: string, what = l10n.t("The view's `where`")): string {
  let depth = 0;
  let quote: string | undefined;
  let outside = '';
  for (let i = 0; i < where.length; i++) {
    const c = where[i]!;
    if (quote) {
      if (c === quote) {
        if (where[i + 1] === quote) i++;
        else quote = undefined;
      }
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      outside += ' ';
      continue;
    }
    if (c === ';') throw new SqlSafetyError(l10n.t('{0} holds `;`: it must be one condition, not several statements.', what));
    if ((c === '-' && where[i + 1] === '-') || (c === '/' && where[i + 1] === '*')) throw new SqlSafetyError(l10n.t('{0} holds a comment, which could hide the rest of the statement.', what));
    if (c === '\u0000') throw new SqlSafetyError(l10n.t('{0} holds a NUL character.', what));
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) throw new SqlSafetyError(l10n.t('{0} closes a parenthesis it did not open.', what));
    outside += c;
  }
  if (quote) throw new SqlSafetyError(quote === "'" ? l10n.t('{0} leaves a string open.', what) : l10n.t('{0} leaves a quoted name open.', what));
  if (depth !== 0) throw new SqlSafetyError(l10n.t('{0} leaves a parenthesis open.', what));
  const word = forbidden.exec(outside);
  if (word) throw new SqlSafetyError(l10n.t("{0} holds `{1}`: only a condition on the table's columns is allowed.", what, word[1]!));
  if (!outside.trim()) throw new SqlSafetyError(l10n.t('{0} is empty.', what));
  return where;
}
