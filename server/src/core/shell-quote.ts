/** Quoting for a POSIX shell, for the commands a message suggests: a file name with a blank, `$` or a quote must paste as one word. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
