/**
 * What Athena DDL does to Glue and S3.
 */
import type { Column } from '@aws-sdk/client-glue';
import { AthenaFailure, fail } from './athena-errors';
import { type ColumnDef, columnDefs, parseCreateTable, properties } from './ddl-parse';
import type { ExecCtx as Ctx } from './athena-exec';
import type { StoredTable } from './glue';
import { JsonError } from './http';
import { commitIceberg, createIceberg, isIceberg, readMetadata } from './iceberg';
import type { Classified } from './athena-rules';
import { qualifiedAt } from './sql-lexer';

/** Glue refusing what Athena passes on fails the DDL with Glue's exception named in the reason. */
export function viaGlue<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof JsonError) throw fail.ddl(`Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. ${err.type}: ${err.message}`);
    throw err;
  }
}

/**
 * Table locations ("Specify a table location in Amazon S3 - Amazon Athena",
 * https://docs.aws.amazon.com/athena/latest/ug/tables-location-format.html): a folder with a trailing
 * slash; not a file name, no wildcard, no empty folder (`//`), no bucket without a folder slash, no
 * `s3.amazon.com` HTTP notation, no ARN.
 */
export function checkLocation(location: string | undefined, what: string): void {
  const bad = (why: string) => fail.ddl(`Invalid LOCATION ${location ?? '(none)'} for ${what}: ${why} (a table location is an S3 folder such as s3://bucket/folder/)`);
  if (!location) throw bad('a LOCATION is required');
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(location);
  if (!m) throw bad('not an s3://bucket/folder/ path');
  if (!location.endsWith('/')) throw bad('it must end with a slash: a file name or an unterminated prefix is not a table location');
  if (/\/\//.test(`/${m[2]!}`) || /[*?[\]]/.test(location) || /s3\.amazon/.test(m[1]!)) throw bad('empty folders, wildcards and HTTP notation are not allowed');
}

/**
 * Iceberg column types ("Supported data types for Iceberg tables in Athena",
 * https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-supported-data-types.html): tinyint,
 * smallint, char and varchar are not supported (use int and string); fixed(L) neither.
 */
export function checkIcebergTypes(columns: ColumnDef[]): void {
  for (const c of columns) {
    const base = c.type.toLowerCase().replace(/\(.*$/, '');
    if (['tinyint', 'smallint', 'char', 'varchar'].includes(base))
      throw fail.ddl(`Unsupported Iceberg column type ${c.type} for column ${c.name}: Iceberg tables in Athena do not support tinyint, smallint, char or varchar (use int or string)`);
  }
}

const glueColumns = (cols: ColumnDef[]): Column[] => cols.map((c) => ({ Name: c.name, Type: c.type, ...(c.comment !== undefined ? { Comment: c.comment } : {}) }));

export function createTable(ctx: Ctx, sql: string, c: Classified): void {
  const d = parseCreateTable(sql, c.tokens);
  const database = d.database ?? ctx.database;
  if (!ctx.glue.databases.has(database)) throw fail.ddl(`SemanticException [Error 10072]: Database does not exist: ${database}`);
  if (ctx.glue.table(database, d.name)) {
    if (d.ifNotExists) return;
    throw fail.ddl(`AlreadyExistsException: Table ${database}.${d.name} already exists`);
  }
  const iceberg = d.tblProps.table_type?.toUpperCase() === 'ICEBERG';
  if (iceberg) {
    // "Create Iceberg tables - Amazon Athena" (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-creating-tables.html):
    // CREATE TABLE (no EXTERNAL) (col type [COMMENT], …) [PARTITIONED BY] LOCATION 's3://…/' TBLPROPERTIES ('table_type'='ICEBERG' …);
    // the synopsis has no table-level COMMENT, no ROW FORMAT and no STORED AS.
    if (d.external) throw fail.ddl('External keyword not supported for table type ICEBERG');
    if (d.comment !== undefined) throw fail.ddl('A table COMMENT is not part of the Iceberg CREATE TABLE syntax in Athena');
    if (d.serde || d.storedAs || d.inputFormat) throw fail.ddl('ROW FORMAT and STORED AS are not allowed for Iceberg tables');
    checkIcebergTypes(d.columns);
    // "Columns used for partitioning must be specified in the columns declarations first. Within the
    // PARTITIONED BY clause, the column type must not be included." (same page)
    for (const p of d.partitionedBy) {
      const transform = p.type.startsWith('(');
      if (p.type && !transform) throw fail.ddl(`PARTITIONED BY (${p.name} ${p.type}): the column type must not be included for an Iceberg table`);
      const col = transform ? (/(\w+)[`"]?\)$/.exec(p.type)?.[1] ?? p.name) : p.name;
      if (!d.columns.some((x) => x.name === col)) throw fail.ddl(`Partition column ${col} is not declared among the table's columns`);
    }
    checkLocation(d.location, `${database}.${d.name}`);
    const { table_type: _t, ...props } = d.tblProps;
    viaGlue(() =>
      createIceberg(
        ctx.glue,
        ctx.s3,
        database,
        d.name,
        d.location!,
        d.columns,
        d.partitionedBy.map((p) => p.name + p.type),
        props,
        undefined,
        ctx.now() * 1000,
      ),
    );
    return;
  }
  // Athena creates only external tables this way ("CREATE TABLE - Amazon Athena",
  // https://docs.aws.amazon.com/athena/latest/ug/create-table.html): without EXTERNAL it must be Iceberg.
  if (!d.external) throw fail.ddl("Only external table creation is supported. Use CREATE EXTERNAL TABLE, or TBLPROPERTIES ('table_type'='ICEBERG')");
  checkLocation(d.location, `${database}.${d.name}`);
  const parquet = d.storedAs === 'PARQUET';
  const serde = parquet ? 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' : (d.serde ?? 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe');
  viaGlue(() =>
    ctx.glue.create(database, {
      Name: d.name,
      TableType: 'EXTERNAL_TABLE',
      ...(d.comment !== undefined ? { Description: d.comment } : {}),
      Parameters: { EXTERNAL: 'TRUE', ...d.tblProps },
      PartitionKeys: glueColumns(d.partitionedBy),
      StorageDescriptor: {
        Columns: glueColumns(d.columns),
        Location: d.location,
        InputFormat: d.inputFormat ?? (parquet ? 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' : 'org.apache.hadoop.mapred.TextInputFormat'),
        OutputFormat: d.outputFormat ?? (parquet ? 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat' : 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'),
        SerdeInfo: { SerializationLibrary: serde, Parameters: d.serde || parquet ? d.serdeProps : { 'field.delim': '\u0001', 'serialization.format': '\u0001', ...d.serdeProps } },
      },
    }),
  );
}

function targetOf(ctx: Ctx, c: Classified): { database: string; name: string; table: StoredTable | undefined } {
  const database = c.target?.database ?? ctx.database;
  const name = c.target?.name ?? '';
  return { database, name, table: ctx.glue.table(database, name) };
}

/**
 * DROP TABLE. An Iceberg table is a managed table: dropping it "also removes all the data in the table"
 * ("DROP TABLE" for Iceberg, https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-drop-table.html):
 * every object under its location goes, including another table's files nested there. Dropping an
 * external table leaves its files ("DROP TABLE", https://docs.aws.amazon.com/athena/latest/ug/drop-table.html).
 */
export function dropTable(ctx: Ctx, c: Classified, view: boolean): void {
  const { database, name, table } = targetOf(ctx, c);
  const ifExists = c.tokens[2]?.value === 'IF';
  if (!table) {
    if (ifExists) return;
    throw fail.ddl(`SemanticException [Error 10001]: Table not found ${database}.${name}`);
  }
  if (view !== (table.TableType === 'VIRTUAL_VIEW')) throw fail.ddl(view ? `${database}.${name} is not a view` : `Cannot drop a view with DROP TABLE: ${database}.${name}`);
  if (isIceberg(table)) {
    const meta = readMetadata(ctx.s3, table);
    ctx.s3.deleteUnder(`${meta.location}/`);
  }
  ctx.glue.remove(database, name);
}

/**
 * ALTER TABLE … RENAME TO: the Glue entry moves to the new name and keeps its location and parameters
 * ("ALTER TABLE RENAME TO" for Iceberg, https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-alter-table-rename.html;
 * Hive tables cannot be renamed, "Unsupported DDL", https://docs.aws.amazon.com/athena/latest/ug/unsupported-ddl.html).
 */
export function renameTable(ctx: Ctx, c: Classified): void {
  const { database, name, table } = targetOf(ctx, c);
  if (!table) throw fail.ddl(`SemanticException [Error 10001]: Table not found ${database}.${name}`);
  const to = qualifiedAt(c.tokens, c.tokens.findIndex((t) => t.value === 'TO') + 1);
  if (!to) throw fail.ddl('RENAME TO needs a table name');
  const toDb = to.database ?? database;
  if (ctx.glue.table(toDb, to.name)) throw fail.ddl(`AlreadyExistsException: Table ${toDb}.${to.name} already exists`);
  ctx.glue.remove(database, name);
  ctx.glue.replace({ ...table, Name: to.name, DatabaseName: toDb });
}

/** ALTER TABLE ADD COLUMNS / DROP COLUMN / CHANGE COLUMN; an Iceberg schema change is a commit. */
export function alterColumns(ctx: Ctx, sql: string, c: Classified): void {
  const { database, name, table } = targetOf(ctx, c);
  if (!table) throw fail.ddl(`SemanticException [Error 10001]: Table not found ${database}.${name}`);
  const t = c.tokens;
  const at = qualifiedAt(t, 2)!.end;
  const iceberg = isIceberg(table);
  let cols: ColumnDef[] = iceberg
    ? readMetadata(ctx.s3, table).schema
    : (table.StorageDescriptor?.Columns ?? []).map((x) => ({ name: x.Name!, type: x.Type ?? '', ...(x.Comment !== undefined ? { comment: x.Comment } : {}) }));
  const verb = t[at]?.value;
  if (verb === 'ADD' && t[at + 1]?.value === 'COLUMNS') {
    const added = columnDefs(sql, t, at + 2).columns;
    if (iceberg) checkIcebergTypes(added);
    for (const a of added) if (cols.some((x) => x.name === a.name)) throw fail.ddl(`Column ${a.name} already exists`);
    cols = [...cols, ...added];
  } else if (verb === 'DROP') {
    if (!iceberg) throw fail.ddl('ALTER TABLE DROP COLUMN is supported for Iceberg tables only (Unsupported DDL)');
    const col = t[at + (t[at + 1]?.value === 'COLUMN' ? 2 : 1)]!;
    const colName = (col.kind === 'word' ? col.text : col.value).toLowerCase();
    if (!cols.some((x) => x.name === colName)) throw fail.ddl(`Column ${colName} does not exist`);
    cols = cols.filter((x) => x.name !== colName);
  } else if (verb === 'CHANGE') {
    const j = at + (t[at + 1]?.value === 'COLUMN' ? 2 : 1);
    const old = (t[j]!.kind === 'word' ? t[j]!.text : t[j]!.value).toLowerCase();
    const def = columnDefs(`${sql})`, [...t.slice(0, j), { kind: 'punct', text: '(', value: '(', at: t[j]!.at }, ...t.slice(j + 1), { kind: 'punct', text: ')', value: ')', at: sql.length }], j)
      .columns[0]!;
    if (iceberg) checkIcebergTypes([def]);
    if (!cols.some((x) => x.name === old)) throw fail.ddl(`Column ${old} does not exist`);
    cols = cols.map((x) => (x.name === old ? def : x));
  } else throw fail.ddl(`ALTER TABLE ${verb ?? ''} is not supported by the emulator`);
  if (iceberg) viaGlue(() => commitIceberg(ctx.glue, ctx.s3, table, { schema: cols }, ctx.now() * 1000));
  else viaGlue(() => ctx.glue.replace({ ...table, StorageDescriptor: { ...(table.StorageDescriptor ?? {}), Columns: glueColumns(cols) } }));
}

/** ALTER TABLE SET / UNSET TBLPROPERTIES. */
export function alterProps(ctx: Ctx, c: Classified): void {
  const { database, name, table } = targetOf(ctx, c);
  if (!table) throw fail.ddl(`SemanticException [Error 10001]: Table not found ${database}.${name}`);
  const open = c.tokens.findIndex((t) => t.text === '(');
  const unset = c.tokens.some((t) => t.value === 'UNSET');
  const props: Record<string, string> = {};
  if (unset) for (const t of c.tokens.slice(open)) if (t.kind === 'string') props[t.value] = '';
  const set = unset ? props : properties(c.tokens, open).props;
  const params = { ...(table.Parameters ?? {}) };
  for (const [k, v] of Object.entries(set)) {
    if (unset) delete params[k];
    else params[k] = v;
  }
  if (!isIceberg(table)) return void viaGlue(() => ctx.glue.replace({ ...table, Parameters: params }));
  // On Iceberg the properties are the table's (VACUUM reads them) and Athena's commit writes them to Glue too.
  const meta = readMetadata(ctx.s3, table);
  const iceProps = { ...meta.properties };
  for (const [k, v] of Object.entries(set)) {
    if (unset) delete iceProps[k];
    else iceProps[k] = v;
  }
  const committed = viaGlue(() => commitIceberg(ctx.glue, ctx.s3, table, { properties: iceProps }, ctx.now() * 1000));
  viaGlue(() =>
    ctx.glue.replace({
      ...committed,
      Parameters: { ...params, metadata_location: committed.Parameters!.metadata_location!, previous_metadata_location: committed.Parameters!.previous_metadata_location! },
    }),
  );
}

export { AthenaFailure };
