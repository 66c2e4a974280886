/**
 * Retries, timeouts, poke intervals and pool slots of a table's DAG, from `source.size_gb` and the
 * extract's parallelism. The throughput figures are planning numbers, not measurements of any cluster:
 * an Oracle JDBC mapper moves about 4 GB an hour, an Athena INSERT/MERGE about 200 GB an hour; each
 * budget is twice the estimate, at least 30 minutes, at most 24 hours.
 */

export interface DagSizing {
  sizeGb: number;
  retries: number;
  retryDelayMinutes: number;
  /** Wall-clock budget of the extract step (the sensor's timeout), minutes. */
  extractMinutes: number;
  /** Budget of the load step, minutes. */
  loadMinutes: number;
  /** Budget of the reconcile step, minutes. */
  reconcileMinutes: number;
  pokeIntervalSeconds: number;
  /** Slots in the extract pool: one per mapper, so that the pool caps the Oracle sessions of all DAGs together. */
  extractPoolSlots: number;
  /** Slots in the Athena pool: Athena's DML concurrency is a shared quota, big loads take more of it. */
  loadPoolSlots: number;
}

// A table without size_gb is planned as a small one; the check already asks for size_gb on big tables.
const DEFAULT_SIZE_GB = 10;
const MAPPER_GB_PER_HOUR = 4;
const ATHENA_GB_PER_HOUR = 200;

const budget = (estimateMinutes: number) => Math.min(24 * 60, Math.max(30, Math.ceil(2 * estimateMinutes)));

/** The sizing of a table of `sizeGb` gigabytes read by `parallelism` mappers. */
export function dagSizing(sizeGb: number | undefined, parallelism: number): DagSizing {
  const size = sizeGb !== undefined && Number.isFinite(sizeGb) && sizeGb >= 0 ? sizeGb : DEFAULT_SIZE_GB;
  const mappers = Math.max(1, Math.floor(parallelism));
  return {
    sizeGb: size,
    // A retry of a long extract costs hours and Oracle undo: big tables retry less, and later.
    retries: size >= 500 ? 1 : size >= 100 ? 2 : 3,
    retryDelayMinutes: size >= 100 ? 30 : 5,
    extractMinutes: budget(10 + (size / (MAPPER_GB_PER_HOUR * mappers)) * 60),
    loadMinutes: budget(5 + (size / ATHENA_GB_PER_HOUR) * 60),
    reconcileMinutes: budget(5 + (size / (ATHENA_GB_PER_HOUR * 4)) * 60),
    pokeIntervalSeconds: size >= 100 ? 300 : 60,
    extractPoolSlots: mappers,
    loadPoolSlots: size >= 500 ? 4 : size >= 100 ? 2 : 1,
  };
}
