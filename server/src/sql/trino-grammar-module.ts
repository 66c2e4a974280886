/** dt-sql-parser's Trino grammar, loaded only through trino-grammar.ts. */
export { TrinoSQL } from 'dt-sql-parser';
