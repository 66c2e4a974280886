/**
 * A live Oracle connection (node-oracledb in thin mode: pure JavaScript, no Oracle client to install),
 * to read the dictionary and to count source rows for reconciliation. The password comes from an
 * environment variable or the editor's secret storage, never from a file of the workspace.
 */
import * as l10n from '@vscode/l10n';
import { OperationError } from '../errors';
import type { Dictionary } from '../../oracle/read-dictionary';
import { readDictionary } from '../../oracle/read-dictionary';
import { checkPasswordEnv } from './oracle-access';
import { checkHint, oracleIdent, oracleObject } from '../../oracle/oracle-names';

/**
 * The dictionary query: ALL_TAB_COLUMNS with column and table comments and primary-key positions. Run it
 * in SQL Developer or SQL*Plus (`:owner` = the schema) and save the result as CSV to get an export.
 */
export const dictionaryQuery = `SELECT c.OWNER, c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.DATA_LENGTH, c.DATA_PRECISION,
       c.DATA_SCALE, c.NULLABLE, c.COLUMN_ID, c.CHAR_LENGTH, c.CHAR_USED,
       cc.COMMENTS, tc.COMMENTS AS TABLE_COMMENTS, pk.POSITION AS PK_POSITION
  FROM ALL_TAB_COLUMNS c
  LEFT JOIN ALL_COL_COMMENTS cc
    ON cc.OWNER = c.OWNER AND cc.TABLE_NAME = c.TABLE_NAME AND cc.COLUMN_NAME = c.COLUMN_NAME
  LEFT JOIN ALL_TAB_COMMENTS tc
    ON tc.OWNER = c.OWNER AND tc.TABLE_NAME = c.TABLE_NAME
  LEFT JOIN (SELECT acc.OWNER, acc.TABLE_NAME, acc.COLUMN_NAME, acc.POSITION
               FROM ALL_CONSTRAINTS ac
               JOIN ALL_CONS_COLUMNS acc ON acc.OWNER = ac.OWNER AND acc.CONSTRAINT_NAME = ac.CONSTRAINT_NAME
              WHERE ac.CONSTRAINT_TYPE = 'P') pk
    ON pk.OWNER = c.OWNER AND pk.TABLE_NAME = c.TABLE_NAME AND pk.COLUMN_NAME = c.COLUMN_NAME
 WHERE c.OWNER = :owner
 ORDER BY c.OWNER, c.TABLE_NAME, c.COLUMN_ID`;

export interface OracleTarget {
  connectString: string;
  user: string;
  passwordEnv: string;
}

/** How a partition value reads on both sides, so that Oracle's and the table's counts line up. */
export type PartitionFormat = 'date' | 'timestamp' | 'text';

/** The source count, per partition when there are partitions; every name checked against Oracle's rules. */
export function countQuery(object: string, hint: string | undefined, partitions: { column: string; format: PartitionFormat }[]): string {
  const h = hint ? `/*+ ${checkHint(hint)} */ ` : '';
  const from = oracleObject(object);
  if (!partitions.length) return `SELECT ${h}COUNT(*) AS ROW_COUNT FROM ${from}`;
  const exprs = partitions.map((p, i) => {
    const col = oracleIdent(p.column);
    const value = p.format === 'date' ? `TO_CHAR(${col}, 'YYYY-MM-DD')` : p.format === 'timestamp' ? `TO_CHAR(${col}, 'YYYY-MM-DD HH24:MI:SS')` : `TO_CHAR(${col})`;
    return `${value} AS P${i}`;
  });
  const groups = exprs.map((e) => e.replace(/ AS P\d+$/, ''));
  return `SELECT ${h}${exprs.join(', ')}, COUNT(*) AS ROW_COUNT FROM ${from} GROUP BY ${groups.join(', ')}`;
}

export interface OracleSession {
  dictionary(owner: string): Promise<Dictionary>;
  count(object: string, hint: string | undefined, partitions: { column: string; format: PartitionFormat }[]): Promise<{ total: number; partitions: { values: (string | null)[]; rows: number }[] }>;
  /** One generated, read-only query with named binds (verify's source side). */
  query?(sql: string, binds?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

type OracleDb = typeof import('oracledb');

/** Connects with `password`, or the one in the variable `target.passwordEnv` (which must have TableSpec's prefix). */
export async function connectOracle(target: OracleTarget, given?: string): Promise<OracleSession> {
  if (given === undefined) checkPasswordEnv(target.passwordEnv);
  const password = given ?? process.env[target.passwordEnv];
  if (!password) throw new OperationError('no-credentials', l10n.t("No Oracle password: set the environment variable {0} (or store it in the editor's secret storage).", target.passwordEnv));
  let oracledb: OracleDb;
  try {
    oracledb = (await import('oracledb')).default as unknown as OracleDb;
  } catch {
    throw new OperationError('failed', l10n.t('The Oracle driver is not installed: run `npm install oracledb` (thin mode needs no Oracle client).'));
  }
  let connection: import('oracledb').Connection;
  try {
    connection = await oracledb.getConnection({ user: target.user, password, connectString: target.connectString, connectTimeout: 10 });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (/ORA-01017/.test(message)) throw new OperationError('access-denied', l10n.t('Oracle refused the user {0}: check the password in {1}.', target.user, target.passwordEnv), message);
    throw new OperationError('failed', l10n.t('Cannot reach Oracle at {0}: {1}', target.connectString, message.split('\n')[0]!), message);
  }
  const rows = async (sql: string, binds: Record<string, unknown> = {}) =>
    ((await connection.execute(sql, binds as import('oracledb').BindParameters, { outFormat: oracledb.OUT_FORMAT_OBJECT })).rows ?? []) as Record<string, unknown>[];
  return {
    async dictionary(owner) {
      const found = await rows(dictionaryQuery, { owner: owner.toUpperCase() });
      // The same reader as for exports: one way from dictionary rows to tables.
      return readDictionary(JSON.stringify(found), 'json');
    },
    async count(object, hint, partitions) {
      const found = await rows(countQuery(object, hint, partitions));
      const list = found.map((r) => ({ values: partitions.map((_, i) => (r[`P${i}`] as string | null) ?? null), rows: Number(r.ROW_COUNT) }));
      return { total: list.reduce((a, p) => a + p.rows, 0), partitions: partitions.length ? list : [] };
    },
    query: rows,
    async close() {
      await connection.close();
    },
  };
}
