/**
 * Reading an Iceberg table as it was, and its snapshot history, as Athena allows
 * ("Query Iceberg table data", https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-table-data.html ;
 * "Query Iceberg table metadata", https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-table-metadata.html):
 * `FOR VERSION AS OF <snapshot id>`, `FOR TIMESTAMP AS OF TIMESTAMP '…'`, and `"db"."t$snapshots"`.
 * A snapshot that VACUUM expired is gone: time travel to it fails, so purged values stop being readable.
 */
import { AthenaFailure } from './athena-errors';
import { duckType, lit, loadParquet, q, s3Body, type Ctx, type Engine } from './duck';
import { isIceberg, readMetadata } from './iceberg';
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
      const rows = meta.snapshots.map((s, k) => `(make_timestamp(${s['timestamp-ms']}::BIGINT * 1000), ${s['snapshot-id']}, ${k ? meta.snapshots[k - 1]!['snapshot-id'] : 'NULL'}, ${lit(k ? 'overwrite' : 'append')})`);
      if (rows.length) await e.conn.run(`INSERT INTO ${name} VALUES ${rows.join(', ')}`);
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
    await loadParquet(e, name, meta.schema.map((c) => c.name), snapshot.files.map((file) => [file, s3Body(ctx.s3, file)]));
    bound.add(`${database}.${alias}`);
    const end = tokens[valueEnd]!;
    edits.push({ from: start.at, to: end.at + end.text.length, text: name });
  }
  let out = sql;
  for (const ed of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, ed.from) + ed.text + out.slice(ed.to);
  return { sql: out, bound };
}
