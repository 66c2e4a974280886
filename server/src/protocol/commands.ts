/**
 * The commands of the language server (`workspace/executeCommand`), as data: each name with the shape of its
 * parameters (`arguments[0]`) and of its result. The server registers exactly these names and checks the
 * parameters against their shape; the client calls them through `CommandParams`/`CommandResult`; the tests
 * run each one and check the result against its shape. A command's texts (`summary`, `text`, `detail`) are
 * made by the server in the editor's language, for showing as they are: a client never reads them.
 */
import { confirmation } from './errors';
import * as s from './shape';

/** Every command names a file of the workspace (a spec; tablespec.yaml for the workspace-wide ones). */
const target = { uri: s.string, environment: s.optional(s.string) };

const queryColumn = s.object({ name: s.string, type: s.string });
const queryStats = s.object({ state: s.string, elapsedMs: s.number, bytesScanned: s.optional(s.number), costUsd: s.optional(s.number) });

/** Rows of a preview or a query, for the results grid. */
export const rowsResult = s.object({ sql: s.string, columns: s.array(queryColumn), rows: s.array(s.record(s.unknown)), stats: queryStats });
export type RowsResult = s.Infer<typeof rowsResult>;

export const safety = s.literal('safe', 'rewrite', 'destructive');
export const change = s.object({
  kind: s.literal('create-table', 'add-column', 'drop-column', 'retype-column', 'comment', 'partition-keys', 'location', 'format', 'properties', 'view'),
  target: s.string,
  detail: s.string,
  safety,
});
export type Change = s.Infer<typeof change>;

const deployPlan = s.object({ table: s.string, environment: s.string, changes: s.array(change), desired: s.unknown, current: s.optional(s.unknown) });

const reconcileReport = s.object({
  table: s.string,
  expected: s.nullable(s.number),
  expectedFrom: s.literal('user', 'staging', 'source.row_count', 'none'),
  actual: s.number,
  matched: s.nullable(s.boolean),
  partitions: s.array(s.object({ partition: s.record(s.unknown), rows: s.number })),
});

const rejectedRows = s.object({
  columns: s.array(s.string),
  masked: s.array(s.string),
  limit: s.number,
  rows: s.array(s.object({ row: s.optional(s.number), values: s.record(s.nullable(s.string)), failed: s.array(s.string) })),
});

const loadReport = s.object({
  table: s.string,
  environment: s.string,
  mode: s.literal('overwrite', 'append', 'upsert'),
  staged: s.number,
  failedConversions: s.record(s.number),
  rowsBefore: s.number,
  rowsAfter: s.number,
  skipped: s.optional(s.string),
  reconcile: s.optional(reconcileReport),
  /** Rows of the extract holding a value that did not convert: a bounded sample, personal columns as `<n chars>`. */
  rejected: s.optional(rejectedRows),
});

export const profileReport = s.object({
  table: s.string,
  rows: s.number,
  columns: s.array(s.object({ name: s.string, type: s.string, nulls: s.number, distinct: s.number, min: s.nullable(s.string), max: s.nullable(s.string), top: s.array(s.string) })),
  stats: queryStats,
});
export type ProfileReport = s.Infer<typeof profileReport>;

const partitionValue = s.record(s.nullable(s.string));
const rowDifference = s.object({
  partition: partitionValue,
  /** The primary key's values (masked for personal data); null for a table without a key. */
  key: s.nullable(s.record(s.nullable(s.string))),
  kind: s.literal('missing', 'extra', 'duplicate', 'differs'),
  sourceRows: s.number,
  targetRows: s.number,
  columns: s.array(s.object({ column: s.string, source: s.nullable(s.string), target: s.nullable(s.string) })),
});
export type VerifyRowDifference = s.Infer<typeof rowDifference>;
/** What verify found, tier by tier; the results page draws it. */
export const verifyReport = s.object({
  table: s.string,
  environment: s.string,
  against: s.literal('extract', 'environment', 'oracle'),
  source: s.string,
  tier: s.number,
  agree: s.boolean,
  notes: s.array(s.string),
  counts: s.object({ agree: s.boolean, source: s.number, target: s.number, partitions: s.number, differing: s.array(s.object({ partition: partitionValue, source: s.number, target: s.number })) }),
  checksums: s.optional(
    s.object({
      agree: s.boolean,
      partitions: s.array(s.object({ partition: partitionValue, source: s.number, target: s.number, columns: s.array(s.string), bound: s.optional(s.string) })),
      rows: s.array(rowDifference),
      differingRows: s.number,
    }),
  ),
  sample: s.optional(s.object({ agree: s.boolean, seed: s.number, compared: s.number, rows: s.array(rowDifference), differingRows: s.number })),
  scans: s.optional(
    s.object({
      queries: s.array(s.object({ side: s.literal('source', 'target'), tier: s.number, what: s.string, bytesScanned: s.number, costUsd: s.number })),
      bytesScanned: s.number,
      costUsd: s.number,
    }),
  ),
});
export type VerifyResult = s.Infer<typeof verifyReport>;

/**
 * What an operation on a spec answers: the spec's table (`database.table`), one sentence for a notification
 * (`summary`), the whole account for the log (`text`), and the operation's report as data.
 */
function operationReply<const O extends string, const R extends s.Shape>(operation: O, result: R) {
  return s.object({ operation: s.literal(operation), table: s.string, summary: s.string, text: s.string, result, warnings: s.optional(s.array(s.string)) });
}

/** Plan and deploy also say the changes, one a line with its mark, and what the marks mean when one destroys or rewrites. */
function planReply<const O extends string>(operation: O) {
  return s.object({ ...operationReply(operation, deployPlan).fields, detail: s.string });
}

export const reportRow = s.object({
  table: s.string,
  source: s.nullable(s.number),
  sourceFrom: s.literal('oracle', 'source.row_count', 'none'),
  target: s.nullable(s.number),
  matched: s.nullable(s.boolean),
  error: s.optional(s.string),
  /** The last `tablespec verify` of the table on this environment, from the history. */
  verify: s.optional(s.object({ at: s.string, agree: s.boolean, tier: s.optional(s.number) })),
});
export const workspaceReport = s.object({ environment: s.string, generatedAt: s.string, rows: s.array(reportRow) });
export type WorkspaceReport = s.Infer<typeof workspaceReport>;

export const historyEntry = s.object({
  at: s.string,
  user: s.string,
  environment: s.string,
  operation: s.literal('deploy', 'load', 'reconcile', 'purge', 'verify', 'incident'),
  table: s.string,
  result: s.literal('ok', 'failed', 'cancelled', 'skipped'),
  changes: s.optional(s.array(s.string)),
  rows: s.optional(s.number),
  bytesScanned: s.optional(s.number),
  /** What the operation adds: a load's staged rows, failed conversions, mode and its rejected values' sample file. */
  detail: s.optional(s.record(s.unknown)),
  error: s.optional(s.string),
});
export type HistoryEntry = s.Infer<typeof historyEntry>;

const queryHistoryEntry = s.object({
  id: s.string,
  at: s.string,
  environment: s.string,
  source: s.optional(s.string),
  sql: s.string,
  result: s.literal('ok', 'failed', 'cancelled', 'scan-limit', 'refused'),
  rows: s.optional(s.number),
  elapsedMs: s.optional(s.number),
  bytesScanned: s.optional(s.number),
  costUsd: s.optional(s.number),
  queryId: s.optional(s.string),
  error: s.optional(s.string),
});
export type QueryHistoryEntry = s.Infer<typeof queryHistoryEntry>;

const planMark = s.object({ document: s.literal('ddl', 'deployed', 'spec'), line: s.number, safety: s.literal('rewrite', 'destructive'), change: s.string });
const planTexts = s.object({
  table: s.string,
  environment: s.string,
  engine: s.literal('duckdb', 'athena'),
  changes: s.array(change),
  destructive: s.boolean,
  ddl: s.string,
  glue: s.string,
  deployed: s.string,
  spec: s.string,
  marks: s.array(planMark),
  /** The changes for a confirmation dialog, one a line with its mark. */
  detail: s.string,
});
export type PlanTexts = s.Infer<typeof planTexts>;

/** A sample of the extract's rows holding a value that did not convert; personal columns as `<n chars>`. */
export const rejectedSample = s.object({ ...rejectedRows.fields, table: s.string, environment: s.string, at: s.string, failedConversions: s.record(s.number) });
export type RejectedSample = s.Infer<typeof rejectedSample>;

const evidence = s.object({ line: s.number, text: s.string });
const diagnosis = s.object({
  rule: s.string,
  source: s.string,
  meaning: s.string,
  remedy: s.string,
  fields: s.array(s.string),
  matches: s.number,
  evidence: s.array(evidence),
  detail: s.optional(s.string),
});
const finding = s.object({ ...diagnosis.fields, log: s.string });
/** A failed task, what was read of it (Airflow's log of each try, the EMR step, its S3 logs) and why it failed. */
const incident = s.object({
  database: s.string,
  table: s.string,
  dagId: s.string,
  runId: s.string,
  taskId: s.string,
  tryNumber: s.number,
  loadMode: s.optional(s.string),
  step: s.optional(s.unknown),
  logs: s.array(s.object({ name: s.string, lines: s.number, diagnoses: s.array(diagnosis) })),
  notes: s.array(s.string),
  pending: s.array(s.string),
  findings: s.array(finding),
});
const taskState = s.object({ taskId: s.string, state: s.nullable(s.string), tryNumber: s.number, startDate: s.optional(s.string), endDate: s.optional(s.string), mapIndex: s.number });
const runState = s.object({ runId: s.string, state: s.string, logicalDate: s.optional(s.string), startDate: s.optional(s.string), endDate: s.optional(s.string), tasks: s.array(taskState) });
/** A table's DAG and its recent runs; a table whose runs cannot be read carries its error. */
const tableRuns = s.object({
  file: s.string,
  spec: s.string,
  database: s.string,
  table: s.string,
  dagId: s.string,
  runs: s.array(runState),
  error: s.optional(s.string),
  incidents: s.optional(s.array(incident)),
  reports: s.optional(s.array(s.string)),
});
export type TableRunsInfo = s.Infer<typeof tableRuns>;
export type RunIncident = s.Infer<typeof incident>;
export type RunFinding = s.Infer<typeof finding>;
export type RunEvidence = s.Infer<typeof evidence>;

const scanFinding = s.object({ column: s.string, kind: s.string, matched: s.number, sampled: s.number, example: s.string, declared: s.boolean, sensitive: s.boolean });

export const commands = {
  'tablespec.server.deploy': { params: s.object({ ...target, confirmation: s.optional(confirmation) }), result: planReply('deploy') },
  'tablespec.server.load': { params: s.object({ ...target, confirmation: s.optional(confirmation), salt: s.optional(s.string) }), result: operationReply('load', loadReport) },
  'tablespec.server.reconcile': { params: s.object({ ...target, expected: s.optional(s.number) }), result: operationReply('reconcile', reconcileReport) },
  'tablespec.server.preview': { params: s.object({ ...target, limit: s.optional(s.number) }), result: operationReply('preview', rowsResult) },
  'tablespec.server.profile': { params: s.object({ ...target }), result: operationReply('profile', profileReport) },
  'tablespec.server.scan': {
    params: s.object({ ...target, limit: s.optional(s.number) }),
    result: s.object({
      table: s.string,
      environment: s.string,
      from: s.literal('staging', 'table'),
      rows: s.number,
      skipped: s.array(s.object({ column: s.string, reason: s.string })),
      findings: s.array(scanFinding),
    }),
  },
  /** A query from the editor (a `.sql` file, its selection, or typed); the uri names the file it came from, for the query history. */
  'tablespec.server.query': {
    params: s.object({ ...target, sql: s.string, limit: s.optional(s.number) }),
    result: s.object({ ...rowsResult.fields, environment: s.string, historyId: s.optional(s.string) }),
  },
  'tablespec.server.queryHistory': { params: s.object({ ...target }), result: s.array(queryHistoryEntry) },
  /** The plan as the texts the editor's diff view shows: the DDL and Glue input a deploy sends, the definition as deployed and as the spec asks, and the lines a destructive or rewriting change marks. */
  'tablespec.server.planText': { params: s.object({ ...target }), result: planTexts },
  'tablespec.server.history': { params: s.object({ ...target }), result: s.array(historyEntry) },
  'tablespec.server.refreshCatalog': { params: s.object({ ...target }), result: s.object({ state: s.string, source: s.optional(s.string), error: s.optional(s.string) }) },
  'tablespec.server.import': {
    /** The dictionary export or the DDL scripts, the folder to write to, the tables, overwrite changed specs. */
    params: s.object({
      ...target,
      out: s.string,
      dictionary: s.optional(s.string),
      ddl: s.optional(s.array(s.string)),
      tables: s.optional(s.array(s.string)),
      owner: s.optional(s.string),
      overwrite: s.optional(s.boolean),
    }),
    result: s.object({
      files: s.array(
        s.object({
          table: s.string,
          path: s.string,
          status: s.literal('new', 'unchanged', 'changed', 'written'),
          diff: s.optional(s.string),
          current: s.optional(s.string),
          proposed: s.optional(s.string),
        }),
      ),
      missing: s.array(s.string),
      problems: s.array(s.string),
    }),
  },
  'tablespec.server.extract': { params: s.object({ ...target }), result: s.object({ table: s.string, sqoop: s.string, spark: s.unknown, notes: s.array(s.string), markdown: s.string }) },
  'tablespec.server.report': { params: s.object({ ...target, oracle: s.optional(s.boolean) }), result: s.object({ report: workspaceReport, markdown: s.string }) },
  'tablespec.server.environments': {
    params: s.object({ ...target }),
    result: s.object({ current: s.string, environments: s.array(s.object({ name: s.string, engine: s.string, protected: s.boolean, region: s.optional(s.string) })) }),
  },
  'tablespec.server.verify': {
    /** The highest tier (1, 2 or 3), the seed of the sample, and `extract` or another environment to compare with. */
    params: s.object({ ...target, tier: s.optional(s.number), seed: s.optional(s.number), against: s.optional(s.string), salt: s.optional(s.string), confirmation: s.optional(confirmation) }),
    result: operationReply('verify', verifyReport),
  },
  /** The rejected values a load kept (`sample`: the file its history entry names, `detail.rejectedSample`). */
  'tablespec.server.rejected': { params: s.object({ ...target, sample: s.string }), result: rejectedSample },
  /** Airflow DAG files for the workspace's specs, written under `out`; a spec that cannot be written says why. */
  'tablespec.server.dag': { params: s.object({ ...target, out: s.string, emrCluster: s.string }), result: s.object({ files: s.array(s.string), errors: s.array(s.string) }) },
  /** Each table's recent DAG runs (`recent`, 1–100), and with `logs` the failed tasks read and diagnosed. */
  'tablespec.server.runs': { params: s.object({ ...target, recent: s.optional(s.number), logs: s.optional(s.boolean) }), result: s.object({ via: s.string, tables: s.array(tableRuns) }) },
  /** A log a diagnosis read, copied under .tablespec/logs to open at the matched line. */
  'tablespec.server.runLog': { params: s.object({ ...target, dagId: s.string, runId: s.string, log: s.string }), result: s.object({ path: s.string }) },
  'tablespec.server.newSpec': {
    /** `object`: the Oracle table, OWNER.TABLE. The server names the spec and writes nothing: the client writes `text` unless the file exists. */
    params: s.object({ ...target, object: s.string }),
    result: s.object({ path: s.string, exists: s.boolean, text: s.string, cursor: s.object({ line: s.number, character: s.number }) }),
  },
} as const;

export type CommandName = keyof typeof commands;
export type CommandParams<C extends CommandName> = s.Infer<(typeof commands)[C]['params']>;
export type CommandResult<C extends CommandName> = s.Infer<(typeof commands)[C]['result']>;
/** The names the server registers, in this order. */
export const commandNames = Object.keys(commands) as CommandName[];
/** Commands that only read the workspace: they run in Restricted Mode too. */
export const readOnlyCommands: readonly CommandName[] = [
  'tablespec.server.environments',
  'tablespec.server.history',
  'tablespec.server.extract',
  'tablespec.server.newSpec',
  'tablespec.server.queryHistory',
  'tablespec.server.rejected',
];
