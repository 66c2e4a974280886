/**
 * The plan's texts on Athena, against the strict emulator: the DDL the plan shows is the DDL the deploy then
 * sends (statement for statement), the Glue input is the TableInput of the calls it makes, and what destroys or
 * rewrites data is marked; a rewrite, which deploy refuses on AWS, says so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runOperation } from '../../server/src/commands/run-operation';
import { openBackend } from '../../server/src/ops/open-backend';
import { planTexts, type PlanTexts } from '../../server/src/ops/plan-text';
import { loadSpec } from '../../server/src/ops/spec-context';
import { startAwsEmulator, type AwsEmulator } from '../helpers/aws-emulator/index';
import { tempWorkspace } from '../helpers/temp-workspace';

const workspace = `defaults:
  database: card_dw
environments:
  dev:
    engine: athena
    region: ap-northeast-2
    workgroup: primary
    warehouse: s3://card-lake-dev/{database}/{table}/
    staging: s3://card-raw-dev/{database}/{table}/
`;
const spec = (columns: string) => `table: branch
kind: source
source: { object: CARD.BRANCH }
storage: { format: iceberg }
load: { mode: overwrite }
columns:
${columns}`;
const v1 = spec(`  - { name: brnch_cd, oracle: CHAR(4), nullable: false, comment: 지점코드 }
  - { name: brnch_nm, oracle: VARCHAR2(100) }
  - { name: open_ymd, oracle: CHAR(8) }
`);
// brnch_nm dropped, region_cd added.
const v2 = spec(`  - { name: brnch_cd, oracle: CHAR(4), nullable: false, comment: 지점코드 }
  - { name: open_ymd, oracle: CHAR(8) }
  - { name: region_cd, oracle: CHAR(2) }
`);
// open_ymd made a number: a rewrite.
const v3 = spec(`  - { name: brnch_cd, oracle: CHAR(4), nullable: false, comment: 지점코드 }
  - { name: open_ymd, oracle: CHAR(8), type: int, cleansing: [to_number] }
  - { name: region_cd, oracle: CHAR(2) }
`);

describe('plan texts on Athena (emulator)', () => {
  let aws: AwsEmulator;
  const ws = tempWorkspace({ 'tablespec.yaml': workspace, 'specs/branch.table.yaml': v1 });
  const saved = { ...process.env };
  const file = ws.path('specs/branch.table.yaml');
  const texts = async (): Promise<PlanTexts> => {
    const ctx = loadSpec(file, 'dev');
    const { backend } = await openBackend(ctx.root, ctx.environment);
    try {
      return await planTexts(ctx, backend);
    } finally {
      await backend.close();
    }
  };
  /** The statements of a DDL text, without its comment lines. */
  const statements = (ddl: string) =>
    ddl
      .split('\n')
      .filter((l) => l && !l.startsWith('--'))
      .map((l) => l.replace(/;$/, ''));

  before(async () => {
    aws = await startAwsEmulator({ databases: ['card_dw'], workgroups: { primary: { outputLocation: 's3://results/' } } });
    process.env.TABLESPEC_AWS_ENDPOINT = aws.endpoint;
    process.env.TABLESPEC_ATHENA_POLL_MS = '5';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  });
  after(async () => {
    process.env = saved;
    await aws.stop();
    ws.remove();
  });

  it('shows a new Iceberg table as the CREATE TABLE and the Glue UpdateTable the deploy then sends', async () => {
    const p = await texts();
    assert.deepEqual([p.engine, p.destructive, p.deployed, p.marks], ['athena', false, '', []]);
    assert.deepEqual(statements(p.ddl), [
      "CREATE TABLE `card_dw`.`branch` (`brnch_cd` string COMMENT '지점코드', `brnch_nm` string, `open_ymd` string) LOCATION 's3://card-lake-dev/card_dw/branch/' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')",
    ]);
    const glue = JSON.parse(p.glue) as { operation: string; DatabaseName: string; TableInput: { Name: string; Parameters: Record<string, string> } }[];
    assert.deepEqual(
      glue.map((g) => [g.operation, g.DatabaseName, g.TableInput.Name, g.TableInput.Parameters.table_type]),
      [['UpdateTable', 'card_dw', 'branch', 'ICEBERG']],
    );
    const before = aws.statements.length;
    await runOperation({ operation: 'deploy', file, environment: 'dev', confirmation: { yes: true } });
    // What the plan showed is what was sent.
    assert.deepEqual(
      aws.statements.slice(before).map((s) => s.sql),
      statements(p.ddl),
    );
  });

  it('marks the dropped column DESTRUCTIVE, and the DDL shown is the DDL sent', async () => {
    ws.write('specs/branch.table.yaml', v2);
    const p = await texts();
    assert.equal(
      p.ddl,
      [
        '-- Deploy card_dw.branch to dev: the statements it runs, in order.',
        'ALTER TABLE `card_dw`.`branch` ADD COLUMNS (`region_cd` string);',
        '-- DESTRUCTIVE: drop-column card_dw.branch.brnch_nm: drop the column and its data',
        'ALTER TABLE `card_dw`.`branch` DROP COLUMN `brnch_nm`;',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      p.marks.map((m) => [m.document, m.line, m.safety]),
      [
        ['ddl', 2, 'destructive'],
        ['deployed', 7, 'destructive'],
      ],
    );
    assert.equal(p.deployed.split('\n')[7], '  brnch_nm string');
    const glue = JSON.parse(p.glue) as { operation: string; VersionId?: string }[];
    assert.deepEqual(
      glue.map((g) => [g.operation, typeof g.VersionId]),
      [['UpdateTable', 'string']],
    );
    const before = aws.statements.length;
    await runOperation({ operation: 'deploy', file, environment: 'dev', confirmation: { yes: true } });
    assert.deepEqual(
      aws.statements.slice(before).map((s) => s.sql),
      statements(p.ddl),
    );
  });

  it('says that a rewrite is refused on AWS, where the plan shows it', async () => {
    ws.write('specs/branch.table.yaml', v3);
    const p = await texts();
    assert.equal(
      p.ddl,
      [
        '-- Deploy card_dw.branch to dev: the statements it runs, in order.',
        '-- REWRITE: retype-column card_dw.branch.open_ymd: string → int (deploy on AWS refuses it: create the table anew and load again)',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      p.marks.map((m) => [m.document, m.line, m.safety]),
      [
        ['ddl', 1, 'rewrite'],
        ['deployed', 7, 'rewrite'],
        ['spec', 7, 'rewrite'],
      ],
    );
    assert.equal(p.glue, '[]\n');
    const before = aws.statements.length;
    await assert.rejects(
      runOperation({ operation: 'deploy', file, environment: 'dev', confirmation: { yes: true } }),
      (e: Error & { kind?: string }) => e.kind === 'needs-confirmation' && /retype-column card_dw\.branch\.open_ymd/.test(e.message),
    );
    assert.equal(aws.statements.length, before);
  });
});
