/**
 * A view's `where` is SQL the engineer writes; it goes into a statement as it is. It must be one
 * boolean expression: quotes balanced, parentheses balanced, no statement separator, no comment, no
 * statement keyword. Anything else is refused before a statement is built.
 */
import { SqlSafetyError } from './identifiers';

const forbidden = /\b(select|insert|update|delete|merge|drop|create|alter|grant|revoke|truncate|call|execute|unload|vacuum|optimize|msck|attach|copy|export|import|install|load|pragma|set)\b/i;

export function checkPredicate(where: string, what = 'The view\'s `where`'): string {
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
    if (c === ';') throw new SqlSafetyError(`${what} holds \`;\`: it must be one condition, not several statements.`);
    if ((c === '-' && where[i + 1] === '-') || (c === '/' && where[i + 1] === '*')) throw new SqlSafetyError(`${what} holds a comment, which could hide the rest of the statement.`);
    if (c === '\u0000') throw new SqlSafetyError(`${what} holds a NUL character.`);
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) throw new SqlSafetyError(`${what} closes a parenthesis it did not open.`);
    outside += c;
  }
  if (quote) throw new SqlSafetyError(`${what} leaves a ${quote === "'" ? 'string' : 'quoted name'} open.`);
  if (depth !== 0) throw new SqlSafetyError(`${what} leaves a parenthesis open.`);
  const word = forbidden.exec(outside);
  if (word) throw new SqlSafetyError(`${what} holds \`${word[1]}\`: only a condition on the table's columns is allowed.`);
  if (!outside.trim()) throw new SqlSafetyError(`${what} is empty.`);
  return where;
}
