/**
 * Iceberg tables as Athena keeps them: a metadata JSON file in S3 under `<location>metadata/`, named by
 * the Glue parameter `metadata_location`, listing snapshots and their data files under `<location>data/`.
 * Every write commits a new metadata file and updates the Glue table (a new VersionId; `metadata_location`
 * and `previous_metadata_location` set, the other table parameters kept), and the Glue columns are
 * rewritten from the Iceberg schema: names, types and the comments the schema holds, with
 * `iceberg.field.*` column parameters — what Glue alone was told about a column does not survive a
 * commit (Apache Iceberg "AWS Glue catalog" integration, https://iceberg.apache.org/docs/latest/aws/#glue-catalog ;
 * Athena "Create Iceberg tables", https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-creating-tables.html).
 */
import { randomUUID } from 'node:crypto';
import type { Column } from '@aws-sdk/client-glue';
import { AthenaFailure } from './athena-errors';
import type { GlueStore, StoredTable } from './glue';
import { parseS3, type S3Store } from './s3';

export interface IcebergColumn {
  name: string;
  type: string;
  comment?: string;
}

export interface IcebergMetadata {
  'format-version': 2;
  location: string;
  schema: IcebergColumn[];
  'partition-spec': string[];
  properties: Record<string, string>;
  'current-snapshot-id': number;
  snapshots: { 'snapshot-id': number; 'timestamp-ms': number; files: string[]; deletes?: DeleteFile[] }[];
}

/**
 * A position delete file. Athena writes Iceberg row-level changes (DELETE, UPDATE, MERGE) merge-on-read:
 * the rows a statement removes or rewrites are listed in position delete files, and the data files keep
 * them ("Update Iceberg table data", https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-updating-iceberg-table-data.html).
 * The emulator rewrites its one data file instead, but keeps this record of the delete files Athena would
 * have written, per partition (its values in partition-spec order), so that `$files` shows them: the data
 * files' record counts then include the deleted rows, as in Athena, and only data minus deletes is the count.
 */
export interface DeleteFile {
  partition: (string | null)[];
  records: number;
}

export const isIceberg = (t: StoredTable | undefined) => t?.Parameters?.table_type?.toUpperCase() === 'ICEBERG';

const dir = (location: string) => location.replace(/\/?$/, '/');

/** Reads a table's current metadata from S3; a missing file fails the query as Athena does. */
export function readMetadata(s3: S3Store, t: StoredTable): IcebergMetadata {
  const where = t.Parameters?.metadata_location ?? '';
  const { bucket, key } = parseS3(where);
  const body = s3.get(bucket, key);
  if (!body) throw new AthenaFailure('ICEBERG_INVALID_METADATA', `Failed to read table metadata ${where} of ${t.DatabaseName}.${t.Name}: the file does not exist`, { category: 2, type: 233 });
  return JSON.parse(body.toString('utf8')) as IcebergMetadata;
}

/** The data files of the current snapshot; every one must still be in S3. */
export function currentFiles(s3: S3Store, t: StoredTable, meta = readMetadata(s3, t)): string[] {
  const snap = meta.snapshots.find((s) => s['snapshot-id'] === meta['current-snapshot-id']);
  const files = snap?.files ?? [];
  for (const f of files) {
    const { bucket, key } = parseS3(f);
    if (!s3.get(bucket, key))
      throw new AthenaFailure('ICEBERG_CANNOT_OPEN_SPLIT', `Error opening Iceberg split ${f} (offset=0): NoSuchKey: The specified key does not exist.`, { category: 2, type: 233 });
  }
  return files;
}

function glueColumns(schema: IcebergColumn[]): Column[] {
  return schema.map((c, i) => ({
    Name: c.name,
    Type: c.type,
    ...(c.comment ? { Comment: c.comment } : {}),
    Parameters: { 'iceberg.field.current': 'true', 'iceberg.field.id': String(i + 1), 'iceberg.field.optional': 'true' },
  }));
}

function writeMetadata(s3: S3Store, location: string, meta: IcebergMetadata, seq: number): string {
  const where = `${dir(location)}metadata/${String(seq).padStart(5, '0')}-${randomUUID()}.metadata.json`;
  const { bucket, key } = parseS3(where);
  s3.put(bucket, key, JSON.stringify(meta));
  return where;
}

/** CREATE TABLE … TBLPROPERTIES ('table_type'='ICEBERG') and Iceberg CTAS: metadata, then the Glue entry. */
export function createIceberg(
  glue: GlueStore,
  s3: S3Store,
  database: string,
  name: string,
  location: string,
  schema: IcebergColumn[],
  partitionBy: string[],
  properties: Record<string, string>,
  dataFile?: string,
  nowMs = Date.now(),
): StoredTable {
  const snapshot = { 'snapshot-id': nowMs, 'timestamp-ms': nowMs, files: dataFile ? [dataFile] : [] };
  const meta: IcebergMetadata = {
    'format-version': 2,
    location: dir(location).replace(/\/$/, ''),
    schema,
    'partition-spec': partitionBy,
    properties,
    'current-snapshot-id': snapshot['snapshot-id'],
    snapshots: [snapshot],
  };
  const where = writeMetadata(s3, location, meta, 0);
  return glue.create(database, {
    Name: name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: { table_type: 'ICEBERG', metadata_location: where },
    StorageDescriptor: {
      Columns: glueColumns(schema),
      Location: dir(location).replace(/\/$/, ''),
      InputFormat: 'org.apache.hadoop.mapred.FileInputFormat',
      OutputFormat: 'org.apache.hadoop.mapred.FileOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe' },
    },
    PartitionKeys: [],
  });
}

/** A commit: new data files (or a new schema), a new metadata file, and Athena's Glue update. */
export function commitIceberg(
  glue: GlueStore,
  s3: S3Store,
  t: StoredTable,
  change: { files?: string[]; schema?: IcebergColumn[]; properties?: Record<string, string>; deletes?: DeleteFile[] },
  nowMs = Date.now(),
): StoredTable {
  const meta = readMetadata(s3, t);
  const current = meta.snapshots.find((s) => s['snapshot-id'] === meta['current-snapshot-id']);
  if (change.files) {
    const id = Math.max(nowMs, meta['current-snapshot-id'] + 1);
    // Delete files stay in the table until its data is rewritten (OPTIMIZE … REWRITE DATA, or a new table).
    const deletes = [...(current?.deletes ?? []), ...(change.deletes ?? [])];
    meta.snapshots.push({ 'snapshot-id': id, 'timestamp-ms': nowMs, files: change.files, ...(deletes.length ? { deletes } : {}) });
    meta['current-snapshot-id'] = id;
  } else if (!current) throw new AthenaFailure('ICEBERG_COMMIT_ERROR', 'no current snapshot');
  if (change.schema) meta.schema = change.schema;
  if (change.properties) meta.properties = change.properties;
  const where = writeMetadata(s3, meta.location, meta, meta.snapshots.length);
  return glue.replace({
    ...t,
    Parameters: { ...(t.Parameters ?? {}), metadata_location: where, previous_metadata_location: t.Parameters?.metadata_location ?? '' },
    StorageDescriptor: { ...(t.StorageDescriptor ?? {}), Columns: glueColumns(meta.schema) },
  });
}

/** A new data file key under the table's `data/` folder. */
export function newDataFile(location: string): string {
  return `${dir(location)}data/${randomUUID()}.parquet`;
}

/** The partition spec's identity columns (the emulator partitions by columns only). */
export function identityPartitions(meta: { 'partition-spec': string[] }): string[] {
  return meta['partition-spec'].filter((p) => /^[a-z_][a-z0-9_]*$/i.test(p));
}
