/**
 * Reading an Iceberg table as it was, and its snapshot history, as Athena allows
 * ("Query Iceberg table data", https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-table-data.html ;
 * "Query Iceberg table metadata", https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-table-metadata.html):
 * `FOR VERSION AS OF <snapshot id>`, `FOR TIMESTAMP AS OF TIMESTAMP '…'`, and `"db"."t$snapshots"`.
 * A snapshot that VACUUM expired is gone: time travel to it fails, so purged values stop being readable.
 */
import { AthenaFailure } from './athena-errors';
import { duckType, lit, loadParquet, q, s3Body, type Ctx, type Engine } from './duck';
import { identityPartitions, isIceberg, readMetadata } from './iceberg';
import { lineCol, qualifiedAt, type Token } from './sql-lexer';

/** Binds time-travel reads and `$snapshots` tables; returns the statement with those references renamed, and the keys it bound. */
export async function applyTimeTravel(ctx: Ctx, e: Engine, sql: string, tokens: Token[]): Promise<{ sql: string; bound: Set<string> }> {
  const bound = new Set<string>();
  const edits: { from: number; to: number; text: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'word' || !['FROM', 'JOIN'].includes(tokens[i]!.value)) continue;
    const ref = qualifiedAt(tokens, i + 1);
    if (!ref) continue;
    const database = ref.database ?? ctx.database;
    const start = tokens[i + 1]!;
    const last = tokens[ref.end - 1]!;
    if (ref.name.endsWith('$snapshots')) {
      const base = ref.name.slice(0, -'$snapshots'.length);
      const t = ctx.glue.table(database, base);
      if (!t || !isIceberg(t)) {
        const at = lineCol(sql, start.at);
        throw new AthenaFailure('TABLE_NOT_FOUND', `line ${at.line}:${at.col}: Table 'awsdatacatalog.${database}.${ref.name}' does not exist`);
      }
      const meta = readMetadata(ctx.s3, t);
      const name = `${q(database)}.${q(`${base}$snapshots`)}`;
      await e.conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(database)}`);
      await e.conn.run(`CREATE TABLE IF NOT EXISTS ${name} (committed_at TIMESTAMP, snapshot_id BIGINT, parent_id BIGINT, operation VARCHAR)`);
      const rows = meta.snapshots.map(
        (s, k) => `(make_timestamp(${s['timestamp-ms']}::BIGINT * 1000), ${s['snapshot-id']}, ${k ? meta.snapshots[k - 1]!['snapshot-id'] : 'NULL'}, ${lit(k ? 'overwrite' : 'append')})`,
      );
      if (rows.length) await e.conn.run(`INSERT INTO ${name} VALUES ${rows.join(', ')}`);
      bound.add(`${database}.${ref.name}`);
      edits.push({ from: start.at, to: last.at + last.text.length, text: name });
      continue;
    }
    if (ref.name.endsWith('$files')) {
      const base = ref.name.slice(0, -'$files'.length);
      const t = ctx.glue.table(database, base);
      if (!t || !isIceberg(t)) {
        const at = lineCol(sql, start.at);
        throw new AthenaFailure('TABLE_NOT_FOUND', `line ${at.line}:${at.col}: Table 'awsdatacatalog.${database}.${ref.name}' does not exist`);
      }
      const name = `${q(database)}.${q(`${base}$files`)}`;
      await bindFiles(ctx, e, t, database, name);
      bound.add(`${database}.${ref.name}`);
      edits.push({ from: start.at, to: last.at + last.text.length, text: name });
      continue;
    }
    const f = tokens.slice(ref.end, ref.end + 5).map((t) => t.value);
    if (f[0] !== 'FOR' || f[2] !== 'AS' || f[3] !== 'OF' || !['VERSION', 'TIMESTAMP', 'SYSTEM_TIME'].includes(f[1]!)) continue;
    const t = ctx.glue.table(database, ref.name);
    if (!t || !isIceberg(t)) throw new AthenaFailure('NOT_SUPPORTED', `This connector does not support versioned tables: ${database}.${ref.name}`);
    const meta = readMetadata(ctx.s3, t);
    let valueEnd = ref.end + 4;
    let snapshot: (typeof meta.snapshots)[number] | undefined;
    if (f[1] === 'VERSION') {
      const id = Number(tokens[valueEnd]!.text);
      snapshot = meta.snapshots.find((s) => s['snapshot-id'] === id);
      if (!snapshot) throw new AthenaFailure('INVALID_ARGUMENT', `Iceberg snapshot ID does not exists: ${tokens[valueEnd]!.text}`);
    } else {
      if (tokens[valueEnd]?.value === 'TIMESTAMP') valueEnd++;
      const text = tokens[valueEnd]!.value;
      const ms = Date.parse(`${text.replace(' UTC', '').replace(' ', 'T')}Z`);
      snapshot = [...meta.snapshots].filter((s) => s['timestamp-ms'] <= ms).sort((a, b) => b['timestamp-ms'] - a['timestamp-ms'])[0];
      if (!snapshot) throw new AthenaFailure('INVALID_ARGUMENT', `No version history table ${database}.${ref.name} at or before ${text}`);
    }
    const alias = `${ref.name}__at_${snapshot['snapshot-id']}`;
    const name = `${q(database)}.${q(alias)}`;
    await e.conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(database)}`);
    await e.conn.run(`CREATE TABLE IF NOT EXISTS ${name} (${meta.schema.map((c) => `${q(c.name)} ${duckType(c.type)}`).join(', ')})`);
    for (const file of snapshot.files) {
      if (!s3Body(ctx.s3, file)) throw new AthenaFailure('ICEBERG_CANNOT_OPEN_SPLIT', `Error opening Iceberg split ${file}: NoSuchKey`, { type: 233 });
    }
    await loadParquet(
      e,
      name,
      meta.schema.map((c) => c.name),
      snapshot.files.map((file) => [file, s3Body(ctx.s3, file)]),
    );
    bound.add(`${database}.${alias}`);
    const end = tokens[valueEnd]!;
    edits.push({ from: start.at, to: end.at + end.text.length, text: name });
  }
  let out = sql;
  for (const ed of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, ed.from) + ed.text + out.slice(ed.to);
  return { sql: out, bound };
}

/**
 * `"db"."t$files"`: the current snapshot's data and delete files ("Querying Iceberg table metadata",
 * https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-table-metadata.html ; the columns are the
 * Trino Iceberg connector's `$files` table, "Iceberg connector - Trino", https://trino.io/docs/current/connector/iceberg.html#files-table):
 * content (0 data, 1 position deletes, 2 equality deletes), file_path, file_format, spec_id, partition (a
 * row of the partition values; absent for an unpartitioned table), record_count, file_size_in_bytes.
 * Other columns of Trino's table are not modelled (selecting them fails as an unknown column).
 * The emulator keeps a snapshot's rows in one Parquet object; Iceberg writes a partitioned table's rows
 * one file per partition, so each partition's rows of an object are shown as one data file, with a share of
 * its bytes. Delete files are those Athena's merge-on-read would have written (see DeleteFile in iceberg.ts):
 * a partition's data files then count its deleted rows too, as they do in Athena.
 */
async function bindFiles(ctx: Ctx, e: Engine, t: NonNullable<ReturnType<Ctx['glue']['table']>>, database: string, name: string): Promise<void> {
  const meta = readMetadata(ctx.s3, t);
  const snap = meta.snapshots.find((s) => s['snapshot-id'] === meta['current-snapshot-id']);
  const parts = identityPartitions(meta);
  const types = parts.map((p) => duckType(meta.schema.find((c) => c.name === p)?.type ?? 'string'));
  const partitionType = parts.length ? `, "partition" STRUCT(${parts.map((p, i) => `${q(p)} ${types[i]}`).join(', ')})` : '';
  await e.conn.run(`CREATE SCHEMA IF NOT EXISTS ${q(database)}`);
  await e.conn.run(`CREATE TABLE IF NOT EXISTS ${name} (content INTEGER, file_path VARCHAR, file_format VARCHAR, spec_id INTEGER${partitionType}, record_count BIGINT, file_size_in_bytes BIGINT)`);
  const deletes = snap?.deletes ?? [];
  const rowOf = (values: (string | null)[]) =>
    parts.length ? `, {${parts.map((p, i) => `${lit(p)}: CAST(${values[i] === null || values[i] === undefined ? 'NULL' : lit(values[i]!)} AS ${types[i]})`).join(', ')}}` : '';
  const keyOf = (values: (string | null)[]) => JSON.stringify(values);
  const deleted = new Map<string, number>();
  for (const d of deletes) deleted.set(keyOf(d.partition), (deleted.get(keyOf(d.partition)) ?? 0) + d.records);
  const rows: string[] = [];
  for (const file of snap?.files ?? []) {
    const body = s3Body(ctx.s3, file);
    if (!body) throw new AthenaFailure('ICEBERG_CANNOT_OPEN_SPLIT', `Error opening Iceberg split ${file}: NoSuchKey`, { type: 233 });
    const scratch = `"__files_${rows.length}"`;
    await e.conn.run(`CREATE TEMP TABLE ${scratch} (${meta.schema.map((c) => `${q(c.name)} ${duckType(c.type)}`).join(', ')})`);
    await loadParquet(
      e,
      scratch,
      meta.schema.map((c) => c.name),
      [[file, body]],
    );
    const cols = parts.map((p) => `CAST(${q(p)} AS VARCHAR)`);
    const groups = (
      await e.conn.runAndReadAll(`SELECT ${[...cols, 'count(*)'].join(', ')} FROM ${scratch}${cols.length ? ` GROUP BY ${cols.map((_c, i) => i + 1).join(', ')}` : ''}`)
    ).getRowsJS() as unknown[][];
    const total = groups.reduce((a, g) => a + Number(g[g.length - 1]), 0);
    for (const g of groups) {
      const values = g.slice(0, -1).map((v) => (v === null ? null : String(v)));
      const n = Number(g[g.length - 1]);
      // The data file still holds the rows its partition's delete files delete (counted once, in its first file).
      const extra = deleted.get(keyOf(values)) ?? 0;
      deleted.delete(keyOf(values));
      rows.push(`(0, ${lit(file)}, 'PARQUET', 0${rowOf(values)}, ${n + extra}, ${Math.round((body.length * n) / Math.max(1, total))})`);
    }
  }
  // A partition whose rows were all deleted still has its data file, and the delete file that empties it.
  for (const [k, n] of deleted) rows.push(`(0, ${lit(`${meta.location}/data/deleted-${rows.length}.parquet`)}, 'PARQUET', 0${rowOf(JSON.parse(k) as (string | null)[])}, ${n}, 0)`);
  for (const [i, d] of deletes.entries()) rows.push(`(1, ${lit(`${meta.location}/data/delete-${i}.parquet`)}, 'PARQUET', 0${rowOf(d.partition)}, ${d.records}, 1024)`);
  if (rows.length) await e.conn.run(`INSERT INTO ${name} VALUES ${rows.join(', ')}`);
}
