/**
 * Trino's grammar (dt-sql-parser), behind a function so that its module loads on first use: most
 * specs have no condition to read, and the grammar costs every thread of `tablespec check` and the
 * language server time and memory at start.
 */
import type { TrinoSQL } from 'dt-sql-parser';

/** A new Trino parser; the first call loads the grammar. */
export function newTrinoParser(): TrinoSQL {
  // A require of this file's neighbour, not of the package: the bundler then keeps the package's ES build, initialised lazily.
  return new (require('./trino-grammar-module') as typeof import('./trino-grammar-module')).TrinoSQL();
}

/** Loads the grammar now: for a measure of a check that must not include the module's first load (about a second, once per process). */
export function warmTrinoGrammar(): void {
  newTrinoParser();
}
