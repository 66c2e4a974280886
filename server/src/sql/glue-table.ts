/**
 * The Glue table a spec asks for, in Glue's own `Table` shape: what deploy writes, what the local
 * catalog stores, and what plans and drift checks compare with. The spec's `pii`, `encrypt`, `purge`
 * and `retention` travel in the table and column parameters, so that anyone reading the catalog sees them.
 */
import type { Column, Table } from '@aws-sdk/client-glue';
import { formatGlueType } from '../glue/glue-type';
import type { TablePlan } from './table-plan';

const parquet = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'serialization.format': '1' } },
};

const duration = (d: { n: number; unit: string }) => `${d.n}${d.unit}`;

/**
 * Text as Glue keeps it: one line (Column.Comment is single-line), at most `max` characters, counted as
 * characters and never cutting a character in two ("Column": Comment ≤ 255; "TableInput": Description ≤ 2048).
 */
export function glueText(text: string, max: number): string {
  return [...text.replace(/\s+/g, ' ').trim()].slice(0, max).join('');
}

export function desiredTable(plan: TablePlan): Table {
  const toColumn = (c: TablePlan['columns'][number]): Column => {
    const col: Column = { Name: c.name, Type: formatGlueType(c.stored) };
    if (c.comment) col.Comment = glueText(c.comment, 255);
    const params: Record<string, string> = {};
    if (c.pii) params['tablespec.pii'] = c.pii;
    if (c.encrypt) params['tablespec.encrypt'] = c.encrypt;
    const purge = plan.purges.find((p) => p.column === c.name);
    if (purge) params['tablespec.purge'] = `${purge.action} after ${duration(purge.after)} from ${purge.basis}`;
    if (Object.keys(params).length) col.Parameters = params;
    return col;
  };
  const iceberg = plan.format === 'iceberg';
  // Iceberg keeps partition columns among the columns (hidden partitioning); Hive-style Parquet lists them apart.
  const partition = new Set(iceberg ? [] : plan.partitionBy);
  const parameters: Record<string, string> = iceberg ? { table_type: 'ICEBERG' } : { classification: 'parquet', EXTERNAL: 'TRUE' };
  parameters['tablespec.kind'] = plan.kind;
  parameters['tablespec.load_mode'] = plan.mode;
  if (plan.keys.length) parameters['tablespec.keys'] = plan.keys.join(',');
  if (iceberg && plan.partitionBy.length) parameters['tablespec.partition_by'] = plan.partitionBy.join(',');
  // An overwrite moves an Iceberg table's data to a new location beside this one (see overwriteSwap):
  // the location deploy chose is kept here, and plans compare with it.
  if (iceberg && plan.location) parameters['tablespec.location'] = plan.location;
  if (plan.retention) parameters['tablespec.retention'] = duration(plan.retention);
  const table: Table = {
    Name: plan.table,
    DatabaseName: plan.database,
    TableType: 'EXTERNAL_TABLE',
    Parameters: parameters,
    StorageDescriptor: {
      Columns: plan.columns.filter((c) => !partition.has(c.name)).map(toColumn),
      ...(plan.location ? { Location: plan.location } : {}),
      ...(iceberg ? {} : parquet),
    },
    PartitionKeys: plan.columns.filter((c) => partition.has(c.name)).map(toColumn),
  };
  if (plan.description) table.Description = glueText(plan.description, 2048);
  return table;
}
