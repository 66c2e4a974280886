/**
 * What DuckDB says about a failed statement can quote the data it read: the whole line of a malformed
 * CSV row ("Original Line: …"), the value a cast refused, the key of a duplicate. Row data may be a
 * resident registration or card number, so nothing of it goes into a message, the log or the history.
 */

/** A value from a data row, as it may be shown: its length only. */
export function maskValue(value: string): string {
  return `<${[...value].length} chars>`;
}

// Errors about values: DuckDB quotes the value (in quotes, or after "value"), and may echo it on the next line.
const aboutValues = /^(?:Conversion|Constraint|Invalid Input|Out of Range|Mismatch Type) Error:/;

/** The engine's message without anything that came from a data row. */
export function scrubEngineMessage(message: string): string {
  const lines = message.split('\n').filter((line) => !/^\s*Original Line:/i.test(line));
  // A CSV error's other lines are the reader's settings and the file's name: no data once the line is gone.
  if (!aboutValues.test(lines[0] ?? '') || /CSV Error/.test(lines[0]!)) return lines.join('\n');
  return lines[0]!
    .replace(/(["'])(.*?)\1/g, (_m, q: string, value: string) => `${q}${maskValue(value)}${q}`)
    .replace(/\bvalue (?![<"']|(?:is|out|of|in|for|to)\b)(\S+)/g, (_m, value: string) => `value ${maskValue(value)}`);
}
