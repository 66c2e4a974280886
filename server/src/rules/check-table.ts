/**
 * Table-wide facts: the database is named or defaulted, and a table holding personal data with a
 * retention has a purge (신용정보법 §20의2: personal credit information is deleted within 5 years).
 */
import * as l10n from '@vscode/l10n';
import { problem, type Problem } from '../core/problem';
import type { RuleContext } from '../document/spec-model';
import { get, getPair, nodeAt, str } from '../document/yaml-node';

export function checkTable(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const { model } = ctx;
  const root = model.root;
  if (root && !get(root, 'database') && !ctx.config.defaultDatabase) {
    const anchor = getPair(root, 'table')?.key ?? root.pairs[0]?.key ?? { start: 0, end: 0 };
    problems.push(problem('missing-key', 'error', anchor, l10n.t('Missing required key `database`: name the Glue database here, or set `defaults.database` in tablespec.yaml.')));
  }
  const retention = nodeAt(root, ['load', 'retention']);
  const personal = retention ? model.columns.filter((c) => c.pii && c.pii !== 'none') : [];
  if (retention && personal.length && !personal.some((c) => c.hasPurge)) {
    problems.push(
      problem(
        'purge-missing',
        'info',
        retention,
        l10n.t(
          'This table keeps personal data ({0}) and has a retention, but no column has a `purge`: personal credit information must be destroyed (파기) after the relationship ends (신용정보법 §20의2).',
          `${personal
            .slice(0, 3)
            .map((c) => c.name)
            .join(', ')}${personal.length > 3 ? ', …' : ''}`,
        ),
      ),
    );
  }
  const staging = nodeAt(root, ['source', 'staging', 'location']);
  const where = str(staging);
  if (staging && where !== undefined) {
    const why = stagingLocationProblem(where);
    if (why) problems.push(problem('staging-location-invalid', 'error', staging, why));
  }
  return problems;
}

/**
 * Why a staging location is neither `s3://bucket/…` nor a path inside the workspace (table-spec.md,
 * `source.staging`); undefined when it is one. `s3a://`, `hdfs://`, `file://`, absolute paths and paths
 * that climb out of the workspace are refused: the load would read something no spec reviewer sees.
 */
export function stagingLocationProblem(location: string): string | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(location)?.[1];
  if (scheme !== undefined) {
    if (scheme !== 's3') return l10n.t('`{0}` is not a staging location: write `s3://bucket/prefix/` or a path relative to the workspace.', location);
    // S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens ("Bucket naming rules").
    if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:\/|$)/.test(location)) return l10n.t('`{0}` names no valid S3 bucket: write `s3://bucket/prefix/`.', location);
    return undefined;
  }
  if (/^(?:\/|\\|~|[a-zA-Z]:[\\/])/.test(location)) return l10n.t('`{0}` is an absolute path: a staging path is relative to the workspace, such as `data/{table}.csv`.', location);
  if (location.split(/[\\/]/).includes('..')) return l10n.t('`{0}` leaves the workspace: a staging path stays inside it, such as `data/{table}.csv`.', location);
  if (location.trim() === '') return l10n.t('The staging location is empty: write `s3://bucket/prefix/` or a path relative to the workspace.');
  return undefined;
}
