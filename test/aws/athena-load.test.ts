/**
 * The Athena load's own steps through the SDK against the scripted fake: an overwrite that can lose
 * nothing (new rows beside the old location, every step undone on failure, Glue parameters written
 * again so that the next plan is clean), an empty extract, deleted-row counts, every page of a
 * reconcile, and the spec's markers surviving Athena's Glue updates on Iceberg commits.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Table } from '@aws-sdk/client-glue';
import type { OperationError } from '../../server/src/backends/errors';
import { runOperation, type OperationRequest } from '../../server/src/commands/run-operation';
import type { DeployPlan } from '../../server/src/ops/deploy';
import type { LoadReport } from '../../server/src/ops/load';
import type { ReconcileReport } from '../../server/src/ops/reconcile';
import { awsError, FakeAws, scriptAthena, type ScriptedQuery } from '../helpers/fake-aws';
import { tempWorkspace } from '../helpers/temp-workspace';

const workspace = `defaults:\n  database: card_dw\nenvironments:\n  dev:\n    engine: athena\n    region: ap-northeast-2\n    workgroup: primary\n    output_location: s3://card-athena-results-dev/\n    salt_location: s3://card-secure-dev/salt/\n    warehouse: s3://card-lake-dev/{database}/{table}/\n    staging: s3://card-raw-dev/{database}/{table}/\n`;
const spec = `table: card_txn
kind: source
description: 카드 거래
source: { object: CARD.CARD_TXN }
storage: { format: iceberg }
load: { mode: overwrite, partition_by: [base_dt], retention: 5y }
columns:
  - { name: txn_id, oracle: NUMBER(12), nullable: false }
  - { name: card_no, oracle: VARCHAR2(16), pii: card_no, encrypt: sha256, comment: 카드번호 }
  - name: cust_nm
    oracle: VARCHAR2(50)
    pii: name
    encrypt: sha256
    purge: { after: 3y, basis: base_dt, action: nullify }
  - { name: base_dt, oracle: VARCHAR2(8), type: date, cleansing: [{ to_date: YYYYMMDD }] }
`;

const count = (name: string, n: number | string): ScriptedQuery => ({ columns: [{ name, type: 'bigint' }], rows: [[String(n)]] });

describe('Athena load steps, through the SDK', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/card_txn.table.yaml': spec });
  const fake = new FakeAws();
  const glue = new Map<string, Table>();
  let fail: (sql: string) => string | undefined = () => undefined;
  let answer: (sql: string) => ScriptedQuery | undefined = () => undefined;
  let log: ReturnType<typeof scriptAthena>;
  let version = 1;
  const saved = { ...process.env };

  /** What Athena does to Glue for the statements the load sends (as far as these tests need). */
  function athenaDoes(sql: string): void {
    let m = /^CREATE TABLE `(\w+)`\.`(\w+)` \((.*?)\)(?: PARTITIONED BY \([^)]*\))? LOCATION '([^']+)'/.exec(sql);
    if (m) {
      const columns = m[3]!.split(/, (?=`)/).map((c) => {
        const x = /^`(\w+)` (\S+)(?: COMMENT '(.*)')?$/.exec(c)!;
        return { Name: x[1]!, Type: x[2]!, ...(x[3] ? { Comment: x[3] } : {}) };
      });
      glue.set(`${m[1]}.${m[2]}`, {
        Name: m[2],
        DatabaseName: m[1],
        TableType: 'EXTERNAL_TABLE',
        Parameters: { table_type: 'ICEBERG', metadata_location: `${m[4]}metadata/0.json` },
        StorageDescriptor: { Columns: columns, Location: m[4] },
        VersionId: String(version++),
      });
      return;
    }
    m = /^CREATE TABLE "(\w+)"\."(\w+)" WITH \(.*?location = '([^']+)'/.exec(sql);
    if (m) {
      // A CTAS table: no comments, none of the parameters CreateTable/UpdateTable set.
      glue.set(`${m[1]}.${m[2]}`, {
        Name: m[2],
        DatabaseName: m[1],
        TableType: 'EXTERNAL_TABLE',
        Parameters: { table_type: 'ICEBERG', metadata_location: `${m[3]}metadata/0.json` },
        StorageDescriptor: {
          Columns: [
            { Name: 'txn_id', Type: 'bigint' },
            { Name: 'card_no', Type: 'string' },
            { Name: 'cust_nm', Type: 'string' },
            { Name: 'base_dt', Type: 'date' },
          ],
          Location: m[3],
        },
        VersionId: String(version++),
      });
      return;
    }
    m = /^ALTER TABLE `(\w+)`\.`(\w+)` RENAME TO `(\w+)`\.`(\w+)`$/.exec(sql);
    if (m) {
      const t = glue.get(`${m[1]}.${m[2]}`)!;
      glue.delete(`${m[1]}.${m[2]}`);
      glue.set(`${m[3]}.${m[4]}`, { ...t, Name: m[4], VersionId: String(version++) });
      return;
    }
    m = /^DROP TABLE (?:IF EXISTS )?`(\w+)`\.`(\w+)`$/.exec(sql);
    if (m) {
      glue.delete(`${m[1]}.${m[2]}`);
      return;
    }
    m = /^(?:INSERT INTO|DELETE FROM|UPDATE|MERGE INTO) "(\w+)"\."(\w+)"/.exec(sql);
    if (m && glue.has(`${m[1]}.${m[2]}`)) {
      // An Iceberg commit: Athena writes the Glue table again, columns without their parameters.
      const t = glue.get(`${m[1]}.${m[2]}`)!;
      glue.set(`${m[1]}.${m[2]}`, {
        ...t,
        StorageDescriptor: { ...t.StorageDescriptor, Columns: t.StorageDescriptor!.Columns!.map((c) => ({ Name: c.Name, Type: c.Type })) },
        VersionId: String(version++),
      });
    }
  }

  before(async () => {
    process.env.TABLESPEC_AWS_ENDPOINT = await fake.start();
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    log = scriptAthena(fake, (sql) => {
      const reason = fail(sql);
      if (reason) return { states: ['FAILED'], reason };
      athenaDoes(sql);
      const a = answer(sql);
      if (a) return a;
      if (sql.startsWith('SELECT count(*) AS salt_rows')) return count('salt_rows', 1);
      if (sql.startsWith('SELECT count(*) AS staged')) return count('staged', 5);
      if (sql.startsWith('SELECT count(*) AS n ')) return count('n', 2);
      if (sql.startsWith('SELECT "base_dt", count(*)'))
        return {
          columns: [
            { name: 'base_dt', type: 'date' },
            { name: 'row_count', type: 'bigint' },
          ],
          rows: [['2024-01-01', '3']],
        };
      if (sql.startsWith('SELECT count(*) AS row_count')) return count('row_count', 3);
      return { statementType: 'DDL' };
    });
    fake.on('AWSGlue.GetTable', (body) => {
      const t = glue.get(`${body.DatabaseName}.${body.Name}`);
      return t ? { body: { Table: t } } : awsError('EntityNotFoundException', `Table ${body.Name} not found.`);
    });
    fake.on('AWSGlue.UpdateTable', (body) => {
      const input = body.TableInput as Table;
      const key = `${body.DatabaseName}.${input.Name}`;
      const current = glue.get(key)!;
      if (body.VersionId !== current.VersionId) return awsError('ConcurrentModificationException', 'Update table failed due to concurrent modifications.');
      glue.set(key, { ...input, DatabaseName: String(body.DatabaseName), VersionId: String(version++) });
      return { body: {} };
    });
  });
  after(async () => {
    process.env = saved;
    await fake.stop();
    ws.remove();
  });
  beforeEach(() => {
    log.sql.length = 0;
    fail = () => undefined;
    answer = () => undefined;
  });

  const run = <T>(operation: OperationRequest['operation'], extra: Partial<OperationRequest> = {}) =>
    runOperation({ operation, file: ws.path('specs/card_txn.table.yaml'), environment: 'dev', salt: 'athena-test-salt-0001', confirmation: { yes: true }, ...extra }).then((r) => r.result as T);

  it('deploys, then overwrites beside the deployed location, and the next plan finds nothing to change', async () => {
    await run('deploy');
    assert.equal((await run<DeployPlan>('plan')).changes.filter((c) => c.kind !== 'view').length, 0);
    const r = await run<LoadReport>('load');
    const ctas = log.sql.find((s) => s.startsWith('CREATE TABLE "card_dw"."card_txn__load_'))!;
    const location = /location = '([^']+)'/.exec(ctas)![1]!;
    assert.match(location, /^s3:\/\/card-lake-dev\/card_dw\/card_txn__load_[a-z0-9]+\/$/);
    assert.ok(!location.startsWith('s3://card-lake-dev/card_dw/card_txn/'), 'never under the old table, whose DROP deletes its files');
    const swap = log.sql.filter((s) => /^(ALTER TABLE `card_dw`\.`card_txn(__load_\w+)?` RENAME|DROP TABLE `card_dw`\.`card_txn__old_)/.test(s));
    assert.equal(swap.length, 3);
    assert.match(swap[0]!, /RENAME TO `card_dw`\.`card_txn__old_/);
    assert.match(swap[1]!, /`card_txn__load_\w+` RENAME TO `card_dw`\.`card_txn`$/);
    const t = glue.get('card_dw.card_txn')!;
    assert.equal(t.StorageDescriptor!.Location, location);
    assert.equal(t.Description, '카드 거래');
    assert.equal(t.Parameters!['tablespec.location'], 's3://card-lake-dev/card_dw/card_txn/');
    assert.deepEqual(
      t.StorageDescriptor!.Columns!.find((c) => c.Name === 'card_no'),
      { Name: 'card_no', Type: 'string', Comment: '카드번호', Parameters: { 'tablespec.pii': 'card_no', 'tablespec.encrypt': 'sha256' } },
    );
    assert.equal(glue.has(`card_dw.${/card_txn__old_\w+/.exec(swap[0]!)![0]}`), false);
    // Retention and purge: rows counted before they go.
    assert.equal(r.retentionDeleted, 2);
    assert.deepEqual(r.purged, { cust_nm: 2 });
    assert.equal(r.deletedOnPurpose, 2);
    assert.ok(log.sql.includes("ALTER TABLE `card_dw`.`card_txn` SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds'='1')"));
    assert.equal(log.sql.filter((s) => s === 'VACUUM card_dw.`card_txn`').length, 1);
    const plan = await run<DeployPlan>('plan');
    assert.deepEqual(
      plan.changes.filter((c) => c.kind !== 'view'),
      [],
    );
  });

  it('keeps the pii and encrypt markers through the Glue updates of an Iceberg commit', async () => {
    // The purge's UPDATE is an Iceberg commit: Athena writes the columns without their parameters.
    await run<LoadReport>('load');
    const columns = glue.get('card_dw.card_txn')!.StorageDescriptor!.Columns!;
    assert.deepEqual(columns.find((c) => c.Name === 'cust_nm')!.Parameters, { 'tablespec.pii': 'name', 'tablespec.encrypt': 'sha256', 'tablespec.purge': 'nullify after 3y from base_dt' });
  });

  it('leaves the old table whole when the new table cannot take its name', async () => {
    const before = glue.get('card_dw.card_txn')!;
    fail = (sql) => (/^ALTER TABLE `card_dw`\.`card_txn__load_\w+` RENAME TO/.test(sql) ? 'ICEBERG_COMMIT_ERROR: rename failed' : undefined);
    await assert.rejects(run('load'), (e: OperationError) => e.kind === 'query-failed');
    const t = glue.get('card_dw.card_txn')!;
    assert.equal(t.StorageDescriptor!.Location, before.StorageDescriptor!.Location);
    assert.deepEqual(
      [...glue.keys()].filter((k) => /__load_|__old_/.test(k)),
      [],
    );
    assert.match(log.sql.find((s) => /^ALTER TABLE `card_dw`\.`card_txn__old_\w+` RENAME TO `card_dw`\.`card_txn`$/.test(s)) ?? '', /RENAME/);
  });

  it('leaves the old table whole when the CTAS fails, and drops what it left', async () => {
    const before = glue.get('card_dw.card_txn')!.StorageDescriptor!.Location;
    fail = (sql) => (sql.startsWith('CREATE TABLE "card_dw"."card_txn__load_') ? 'HIVE_BAD_DATA: error' : undefined);
    await assert.rejects(run('load'), (e: OperationError) => e.kind === 'query-failed');
    assert.equal(glue.get('card_dw.card_txn')!.StorageDescriptor!.Location, before);
    assert.ok(log.sql.some((s) => /^DROP TABLE IF EXISTS `card_dw`\.`card_txn__load_/.test(s)));
    assert.ok(!log.sql.some((s) => /RENAME/.test(s)));
  });

  it('stops an overwrite of an extract with no rows unless an empty table is confirmed', async () => {
    answer = (sql) => (sql.startsWith('SELECT count(*) AS staged') ? count('staged', 0) : undefined);
    await assert.rejects(run('load'), (e: OperationError) => e.kind === 'needs-confirmation' && e.ask?.emptyTable === true && /--allow-empty/.test(e.message));
    assert.ok(!log.sql.some((s) => s.startsWith('CREATE TABLE')));
    log.sql.length = 0;
    const r = await run<LoadReport>('load', { confirmation: { yes: true, emptyTable: true } });
    assert.equal(r.staged, 0);
    assert.ok(log.sql.some((s) => s.startsWith('CREATE TABLE "card_dw"."card_txn__load_')));
  });

  it('reconciles every page of partition counts', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10), '2']);
    answer = (sql) =>
      sql.startsWith('SELECT "base_dt", count(*)')
        ? {
            columns: [
              { name: 'base_dt', type: 'date' },
              { name: 'row_count', type: 'bigint' },
            ],
            rows,
          }
        : undefined;
    const r = await run<ReconcileReport>('reconcile');
    assert.equal(r.partitions.length, 2500);
    assert.equal(r.actual, 5000);
  });
});
