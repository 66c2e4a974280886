/**
 * The Glue table a spec asks for, in Glue's own `Table` shape: what deploy writes, what the local
 * catalog stores, and what plans and drift checks compare with. The spec's `pii`, `encrypt`, `purge`
 * and `retention` travel in the table and column parameters, so that anyone reading the catalog sees them.
 */
import type { Column, Table, TableInput } from '@aws-sdk/client-glue';
import { formatGlueType } from '../glue/glue-type';
import type { NormalizedTable } from './normalized-table';

const parquet = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'serialization.format': '1' } },
};

const duration = (d: { n: number; unit: string }) => `${d.n}${d.unit}`;

/**
 * Text as Glue takes it: at most `maxBytes` bytes of UTF-8, never cutting a character in two ("Column":
 * Comment "not more than 255 bytes long", single-line; "TableInput": Description ≤ 2048 bytes, multi-line
 * allowed). A column comment is made one line; a description keeps its lines.
 */
export function glueText(text: string, maxBytes: number, oneLine = true): string {
  const clean = oneLine ? text.replace(/\s+/g, ' ').trim() : text.trim();
  let out = '';
  let bytes = 0;
  for (const ch of clean) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

export function desiredTable(plan: NormalizedTable): Table {
  const toColumn = (c: NormalizedTable['columns'][number]): Column => {
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
  if (plan.description) table.Description = glueText(plan.description, 2048, false);
  return table;
}

/** The writable part of a Table (Glue refuses read-only fields such as CreateTime in a TableInput). */
export function tableInput(t: Table): TableInput {
  const input: TableInput = { Name: t.Name! };
  for (const k of ['Description', 'Owner', 'Retention', 'StorageDescriptor', 'PartitionKeys', 'ViewOriginalText', 'ViewExpandedText', 'TableType', 'Parameters'] as const) {
    if (t[k] !== undefined) (input as unknown as Record<string, unknown>)[k] = t[k];
  }
  return input;
}
