/**
 * The catalogue of failure signatures: what a failed Sqoop or Spark extract, an EMR step, a YARN
 * container or an Athena load writes to its log when it fails for a known reason, what that means, and
 * which spec field (if any) fixes it. Rule ids are stable: reports, history and quick fixes refer to them.
 *
 * Patterns match one log line each, on the text the component itself prints (Oracle's ORA- codes,
 * YARN's and Spark's kill messages, the JVM's error names, S3's and Athena's error codes), never on
 * wording a wrapper might change. Split skew is not a line pattern: see split-skew.ts.
 */
import * as l10n from '@vscode/l10n';

export type SignatureSource = 'oracle' | 'yarn' | 'jvm' | 'sqoop' | 's3' | 'athena' | 'glue';

export interface FailureSignature {
  /** Stable id, `<source>.<cause>`. */
  id: string;
  source: SignatureSource;
  /** Matches one line of the log; undefined for the rules computed over many lines (split skew). */
  pattern?: RegExp;
  /** What the failure means (localized). */
  meaning: () => string;
  /** What to do (localized). */
  remedy: () => string;
  /** Literal text that every line the pattern matches contains (a byte-level pre-test; the corpus tests fail if one is missing). */
  keywords: string[];
  /** The spec fields the remedy changes, when it is a spec change (`source.extract.fetch_size` …); empty when the fix is outside the spec. */
  fields: string[];
}

export const failureSignatures: readonly FailureSignature[] = [
  {
    id: 'oracle.snapshot-too-old',
    source: 'oracle',
    pattern: /\bORA-01555\b/,
    keywords: ['ORA-01555'],
    meaning: () => l10n.t('ORA-01555: Oracle could no longer rebuild the consistent snapshot the extract query started from: the undo it needed was overwritten while the query ran.'),
    remedy: () =>
      l10n.t(
        'Make each query shorter: split the extract by a partition or date column (`source.extract.split_by`), lower `source.extract.parallelism`, or ask the DBA to raise undo retention; run it outside the busy hours.',
      ),
    fields: ['source.extract.split_by', 'source.extract.parallelism'],
  },
  {
    id: 'oracle.connect-timeout',
    source: 'oracle',
    pattern: /\bORA-12170\b/,
    keywords: ['ORA-12170'],
    meaning: () => l10n.t('ORA-12170: the connection to the Oracle listener timed out (a firewall, a security group or a wrong host).'),
    remedy: () => l10n.t("Check `oracle.connect_string` in tablespec.yaml and that the cluster's subnet and security group reach the database's port."),
    fields: [],
  },
  {
    id: 'oracle.unknown-service',
    source: 'oracle',
    pattern: /\bORA-12514\b/,
    keywords: ['ORA-12514'],
    meaning: () => l10n.t('ORA-12514: the listener answered but does not know the service named in the connect string.'),
    remedy: () => l10n.t('Correct the service name in `oracle.connect_string` (host:port/service) in tablespec.yaml.'),
    fields: [],
  },
  {
    id: 'oracle.no-listener',
    source: 'oracle',
    pattern: /\bORA-12541\b/,
    keywords: ['ORA-12541'],
    meaning: () => l10n.t('ORA-12541: nothing listens on the host and port of the connect string.'),
    remedy: () => l10n.t('Correct the host and port in `oracle.connect_string` in tablespec.yaml, or ask the DBA whether the listener is up.'),
    fields: [],
  },
  {
    id: 'oracle.temp-space',
    source: 'oracle',
    pattern: /\bORA-01652\b/,
    keywords: ['ORA-01652'],
    meaning: () => l10n.t('ORA-01652: the extract query ran out of temporary tablespace (a sort or hash join in the query plan).'),
    remedy: () => l10n.t('Remove the sort or hash from the plan with `source.extract.hint` (a full scan without ORDER BY), lower `source.extract.parallelism`, or ask the DBA for more temp space.'),
    fields: ['source.extract.hint', 'source.extract.parallelism'],
  },
  {
    id: 'oracle.no-object',
    source: 'oracle',
    pattern: /\bORA-00942\b/,
    keywords: ['ORA-00942'],
    meaning: () => l10n.t('ORA-00942: the table or view does not exist, or the extract user cannot see it.'),
    remedy: () => l10n.t('Check `source.object` (owner and name as Oracle stores them) and that the extract user has SELECT on it.'),
    fields: ['source.object'],
  },
  {
    id: 'oracle.no-privilege',
    source: 'oracle',
    pattern: /\bORA-01031\b/,
    keywords: ['ORA-01031'],
    meaning: () => l10n.t('ORA-01031: the extract user lacks a privilege the query needs.'),
    remedy: () => l10n.t('Ask the DBA to grant SELECT on `source.object` to the extract user (and on the views its hint or query use).'),
    fields: ['source.object'],
  },
  {
    id: 'yarn.container-memory',
    source: 'yarn',
    // Hadoop's ContainersMonitorImpl ("is running beyond physical memory limits") and Spark's YarnAllocator ("Container killed by YARN for exceeding … memory limits").
    pattern: /is running beyond (?:physical|virtual) memory limits|Container killed by YARN for exceeding (?:physical |virtual )?memory limits/,
    keywords: ['memory limits'],
    meaning: () => l10n.t('YARN killed a container for using more memory than it was given: the JDBC fetch buffers or the task held too many rows at once.'),
    remedy: () =>
      l10n.t(
        'Lower `source.extract.fetch_size` (rows held per fetch), or raise `source.extract.parallelism` so that each task reads less; on the cluster, raise the container memory (mapreduce.map.memory.mb, spark.executor.memoryOverhead).',
      ),
    fields: ['source.extract.fetch_size', 'source.extract.parallelism'],
  },
  {
    id: 'jvm.out-of-memory',
    source: 'jvm',
    pattern: /java\.lang\.OutOfMemoryError\b|GC overhead limit exceeded/,
    keywords: ['OutOfMemoryError', 'GC overhead limit exceeded'],
    meaning: () => l10n.t('The JVM ran out of heap (OutOfMemoryError, or GC overhead limit exceeded): a task held more rows or wider rows than its heap.'),
    remedy: () => l10n.t('Lower `source.extract.fetch_size`, or raise `source.extract.parallelism` so that each task reads less; on the cluster, raise the task heap.'),
    fields: ['source.extract.fetch_size', 'source.extract.parallelism'],
  },
  {
    id: 'sqoop.split-skew',
    source: 'sqoop',
    keywords: [],
    meaning: () => l10n.t('One mapper ran far longer than the others: the split column is skewed, so most rows fell into one split.'),
    remedy: () => l10n.t('Choose a `source.extract.split_by` column whose values spread evenly between its minimum and maximum (a sequence or a date, not a code or a sparse key).'),
    fields: ['source.extract.split_by'],
  },
  {
    id: 's3.slow-down',
    source: 's3',
    pattern: /\bError Code: SlowDown\b|<Code>SlowDown<\/Code>|\bSlowDown\b.*\b503\b|\b503\b.*\bSlowDown\b|Please reduce your request rate/,
    keywords: ['SlowDown', 'Please reduce your request rate'],
    meaning: () => l10n.t('S3 throttled the writes (503 SlowDown): too many requests per second on one prefix.'),
    remedy: () =>
      l10n.t(
        'Lower `source.extract.parallelism` (fewer writers at once), or spread the extract over more prefixes (`source.staging.location` per partition); EMRFS retries can be raised on the cluster.',
      ),
    fields: ['source.extract.parallelism', 'source.staging.location'],
  },
  {
    id: 'athena.hive-bad-data',
    source: 'athena',
    pattern: /\bHIVE_BAD_DATA\b/,
    keywords: ['HIVE_BAD_DATA'],
    meaning: () => l10n.t('HIVE_BAD_DATA: Athena read a value in the staging files that does not fit its column type (or a file in another format).'),
    remedy: () =>
      l10n.t(
        'Check the column named in the error: its `type`, the date format, `source.staging.null_value` and `source.staging.delimiter`; a value with the delimiter inside needs quoting (`source.staging.format: csv`).',
      ),
    fields: ['columns', 'source.staging.null_value', 'source.staging.delimiter', 'source.staging.format'],
  },
  {
    id: 'athena.hive-cursor-error',
    source: 'athena',
    pattern: /\bHIVE_CURSOR_ERROR\b/,
    keywords: ['HIVE_CURSOR_ERROR'],
    meaning: () => l10n.t('HIVE_CURSOR_ERROR: Athena could not read a staging file: it is corrupt, in another format than the table says, or was replaced while the query ran.'),
    remedy: () => l10n.t('Check that every file under `source.staging.location` is in `source.staging.format` and that no extract writes there while the load runs.'),
    fields: ['source.staging.format', 'source.staging.location'],
  },
  {
    id: 'athena.iceberg-commit',
    source: 'athena',
    pattern: /\bICEBERG_COMMIT_ERROR\b/,
    keywords: ['ICEBERG_COMMIT_ERROR'],
    meaning: () => l10n.t('ICEBERG_COMMIT_ERROR: the Iceberg commit failed, usually because another write committed to the same table first.'),
    remedy: () => l10n.t('Retry the load; make sure only one DAG or task writes the table at a time (an Airflow pool of one slot per table).'),
    fields: [],
  },
  {
    id: 'athena.generic-internal',
    source: 'athena',
    pattern: /\bGENERIC_INTERNAL_ERROR\b/,
    keywords: ['GENERIC_INTERNAL_ERROR'],
    meaning: () => l10n.t('GENERIC_INTERNAL_ERROR: Athena failed inside the engine; the message after the code names the cause (often a type the files and the table disagree on).'),
    remedy: () => l10n.t('Read the message after the code; compare the column types of the table with the files, and retry once if it names no cause.'),
    fields: ['columns'],
  },
  {
    id: 'glue.entity-not-found',
    source: 'glue',
    pattern: /\bEntityNotFoundException\b/,
    keywords: ['EntityNotFoundException'],
    meaning: () => l10n.t('EntityNotFoundException: the Glue database or table the load uses does not exist (not deployed, or another name).'),
    remedy: () => l10n.t('Deploy the table first (`tablespec deploy`), or check `database` and `table` in the spec and the environment the DAG runs in.'),
    fields: ['database', 'table'],
  },
];

/** The signature of a rule id. */
export function signatureById(id: string): FailureSignature | undefined {
  return failureSignatures.find((s) => s.id === id);
}
