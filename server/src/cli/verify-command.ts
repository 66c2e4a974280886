/**
 * `tablespec verify [specs or folders…] --env NAME [--against extract|oracle|ENV] [--tier 1|2|3] [--format text|json]`:
 * compares each loaded table with its source. Exit 0 when every table agrees, 1 when one differs, 2 when
 * a table could not be compared (bad usage, a broken spec, a missing extract or table).
 */
import { runVerify } from '../commands/run-verify';
import { asOperationError } from '../commands/run-operation';
import type { Tier, VerifyReport } from '../ops/verify';
import { parseOrUsage, specFilesOr, textOrJson } from './args';
import type { Output } from './output';

export const verifyUsage = `Usage: tablespec verify [specs or folders…] [options]

Compares each loaded table with its source, inside the engine: tier 1 counts rows per partition, tier 2
compares checksums and finds the differing rows, tier 3 compares a sample of rows column by column.
The source side applies the spec's cleansing, conversions and hashing as the load does.

Options:
  --env NAME          environment of tablespec.yaml (default local)
  --against SOURCE    what the table is compared with: \`extract\` (default), the staging extract
                      through the load's conversions; \`oracle\`, the source table through the same
                      rules in Oracle SQL (oracle.connect_string in tablespec.yaml); or another
                      environment of tablespec.yaml (dev against prod)
  --tier 1|2|3        the highest tier to run (default 3; 2 for a table without a primary key)
  --seed N            seed of the tier-3 sample (default 1): the same seed compares the same rows
  --format text|json  Markdown (default) or one JSON document
  --yes               run on Athena even when the estimate is above verify.max_scan_gb (tablespec.yaml),
                      and connect to the Oracle host tablespec.yaml names
The hash salt comes from TABLESPEC_HASH_SALT. Exit code: 0 agree, 1 differ, 2 could not compare.`;

export async function verifyCommand(argv: string[], { out, err }: Output): Promise<number> {
  const parsed = parseOrUsage(
    argv,
    {
      env: { type: 'string', default: 'local' },
      against: { type: 'string', default: 'extract' },
      tier: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string', default: 'text' },
      yes: { type: 'boolean', default: false },
    },
    verifyUsage,
    err,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (!textOrJson(values.format, err)) return 2;
  const tier = values.tier === undefined ? undefined : Number(values.tier);
  if (tier !== undefined && tier !== 1 && tier !== 2 && tier !== 3) {
    err(`tablespec: --tier must be 1, 2 or 3; got '${values.tier}'.`);
    return 2;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0)) {
    err(`tablespec: --seed takes a whole number; got '${values.seed}'.`);
    return 2;
  }
  const json = values.format === 'json';
  const files = specFilesOr(positionals, err);
  if (!files) return 2;

  const controller = new AbortController();
  const onSigint = () => {
    err('tablespec: cancelling…');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const results: (VerifyReport | { file: string; error: { kind: string; message: string } })[] = [];
  let differ = false;
  let failed = false;
  try {
    for (const file of files) {
      try {
        const r = await runVerify({
          file,
          environment: values.env!,
          against: values.against!,
          ...(tier ? { tier: tier as Tier } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(values.yes ? { yes: true } : {}),
          signal: controller.signal,
          ...(json || !process.stderr.isTTY ? {} : { onProgress: (p) => err(`  ${p.message}`) }),
        });
        results.push(r.result);
        if (!json) out(r.text);
        if (!r.result.agree) differ = true;
      } catch (e) {
        const error = asOperationError(e);
        failed = true;
        results.push({ file, error: { kind: error.kind, message: error.message } });
        err(`tablespec: ${file}: ${error.message}`);
        if (error.kind === 'cancelled') break;
      }
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (json) out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  return failed ? 2 : differ ? 1 : 0;
}
