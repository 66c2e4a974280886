/** Glue/Athena types as each engine writes them: DuckDB, Trino (Athena DML, casts), Hive (Athena DDL). */
import { formatGlueType, type GlueType } from '../glue/glue-type';
import type { Dialect } from './identifiers';

export function duckdbType(t: GlueType): string {
  switch (t.kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'float':
      return 'FLOAT';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    case 'string':
    case 'char':
    case 'varchar':
      return 'VARCHAR';
    case 'binary':
      return 'BLOB';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP_MS'; // Athena keeps milliseconds: the local engine does the same
    case 'array':
      return `${duckdbType(t.element)}[]`;
    case 'map':
      return `MAP(${duckdbType(t.key)}, ${duckdbType(t.value)})`;
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `"${f.name}" ${duckdbType(f.type)}`).join(', ')})`;
  }
}

export function trinoType(t: GlueType): string {
  switch (t.kind) {
    case 'int':
      return 'integer';
    case 'float':
      return 'real';
    case 'string':
      return 'varchar';
    case 'binary':
      return 'varbinary';
    case 'timestamp':
      return 'timestamp(3)';
    case 'array':
      return `array(${trinoType(t.element)})`;
    case 'map':
      return `map(${trinoType(t.key)}, ${trinoType(t.value)})`;
    case 'struct':
      return `row(${t.fields.map((f) => `${f.name} ${trinoType(f.type)}`).join(', ')})`;
    default:
      return formatGlueType(t);
  }
}

/** The type in a CAST for the dialect. */
export function castType(t: GlueType, dialect: Dialect): string {
  return dialect === 'duckdb' ? duckdbType(t) : trinoType(t);
}

/** The type in Athena DDL (Hive names, as Glue stores them). */
export function hiveType(t: GlueType): string {
  return formatGlueType(t);
}
