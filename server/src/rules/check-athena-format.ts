/**
 * What Athena can do with the table's format. On a Parquet (Hive) table Athena only inserts: DELETE,
 * UPDATE, MERGE INTO, ALTER TABLE RENAME TO and VACUUM are Iceberg-only ("Unsupported DDL",
 * https://docs.aws.amazon.com/athena/latest/ug/unsupported-ddl.html; "Update Iceberg table data",
 * https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-updating-iceberg-table-data.html), so the
 * modes, retention and purges built on them are errors there. On an Iceberg table some Hive types do not
 * exist ("Supported data types for Iceberg tables",
 * https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-supported-data-types.html). Glue takes
 * a column comment of one line and at most 255 bytes, a description of at most 2048 bytes ("Column",
 * "TableInput", AWS Glue API): longer ones are cut and line breaks become spaces, which the engineer
 * should know.
 */
import * as l10n from '@vscode/l10n';
import { problem, type Fix, type Problem } from '../core/problem';
import type { GlueType } from '../glue/glue-type';
import { isMap, setKey } from '../document/yaml-edits';
import type { RuleContext } from '../document/spec-model';
import { get, getPair, nodeAt, str, type YNode } from '../document/yaml-node';
import { problemsByOrigin } from './problems-by-origin';

/** The Iceberg-less types a type holds, anywhere inside it. */
function nonIceberg(t: GlueType): string[] {
  switch (t.kind) {
    case 'tinyint':
    case 'smallint':
    case 'char':
    case 'varchar':
      return [t.kind];
    case 'array':
      return nonIceberg(t.element);
    case 'map':
      return [...nonIceberg(t.key), ...nonIceberg(t.value)];
    case 'struct':
      return t.fields.flatMap((f) => nonIceberg(f.type));
    default:
      return [];
  }
}

const instead: Record<string, string> = { tinyint: 'int', smallint: 'int', char: 'string', varchar: 'string' };

// A column's comment problems, kept while its text is.
const commentProblems = problemsByOrigin();

function commentCut(column: YNode, comment: string): Problem[] {
  const node = get(column, 'comment');
  if (!node) return [];
  const problems: Problem[] = [];
  if (/[\r\n\t]/.test(comment)) problems.push(problem('comment-cut', 'warning', node, l10n.t('Glue keeps a column comment on one line: its line breaks are stored as spaces.')));
  const bytes = Buffer.byteLength(comment.replace(/\s+/g, ' ').trim(), 'utf8');
  if (bytes > 255)
    problems.push(problem('comment-cut', 'warning', node, l10n.t('Glue keeps at most 255 bytes of a column comment (UTF-8: a Korean character is 3 bytes); this one has {0} and is cut.', bytes)));
  return problems;
}

export function checkAthenaFormat(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const { model, text } = ctx;
  const root = model.root;
  const load = get(root, 'load');
  const formatNode = nodeAt(root, ['storage', 'format']);
  const storage = get(root, 'storage');
  const toIceberg: Fix[] = formatNode
    ? [{ title: l10n.t('Use `storage.format: iceberg`'), edits: [{ start: formatNode.start, end: formatNode.end, newText: 'iceberg' }] }]
    : isMap(storage)
      ? [{ title: l10n.t('Use `storage.format: iceberg`'), edits: [setKey(text, storage, 'format', 'iceberg')] }]
      : [];

  if (model.format === 'parquet') {
    const modeNode = get(load, 'mode');
    // No mode loads as `overwrite`, the default.
    const mode = str(modeNode) ?? (isMap(load) ? 'overwrite' : undefined);
    const partitioned = get(load, 'partition_by')?.kind === 'seq';
    const loadKey = getPair(root, 'load')?.key;
    // upsert has its own code (upsert-needs-iceberg).
    if (mode === 'overwrite' && (modeNode ?? loadKey)) {
      problems.push(
        problem(
          'load-needs-iceberg',
          'error',
          (modeNode ?? loadKey)!,
          l10n.t(
            '`overwrite` on Athena writes the new rows into a new table and swaps it in by ALTER TABLE RENAME TO, which only Iceberg tables have; this table is Parquet. Use Iceberg, or `append`.',
          ),
          toIceberg,
        ),
      );
    } else if (mode === 'append' && partitioned && (modeNode ?? loadKey)) {
      problems.push(
        problem(
          'load-needs-iceberg',
          'error',
          (modeNode ?? loadKey)!,
          l10n.t("`append` with `partition_by` replaces the batch's partitions by DELETE, which Athena runs only on Iceberg tables; this table is Parquet. Use Iceberg, or append without partitions."),
          toIceberg,
        ),
      );
    }
    const retention = get(load, 'retention');
    if (retention)
      problems.push(
        problem(
          'retention-needs-iceberg',
          'error',
          retention,
          l10n.t('`load.retention` deletes old partitions by DELETE, which Athena runs only on Iceberg tables; this table is Parquet.'),
          toIceberg,
        ),
      );
    for (const c of model.columns) {
      const purge = get(c.node, 'purge');
      if (purge)
        problems.push(
          problem('purge-needs-iceberg', 'error', purge, l10n.t('A purge runs UPDATE or DELETE and then VACUUM, which Athena runs only on Iceberg tables; this table is Parquet.'), toIceberg),
        );
    }
  } else {
    for (const c of model.columns) {
      if (!c.override || !c.target) continue;
      const bad = [...new Set(nonIceberg(c.target))];
      if (!bad.length) continue;
      const typeNode = get(c.node, 'type')!;
      problems.push(problem('iceberg-type-unsupported', 'error', typeNode, l10n.t('Iceberg tables have no {0} type: use {1}.', bad.join(', '), [...new Set(bad.map((b) => instead[b]))].join(', '))));
    }
  }

  // The schema refuses comments over 255 characters and descriptions over 2048; Glue counts bytes, and
  // keeps a column comment on one line.
  // Glue counts bytes of UTF-8: 255 Korean characters are 765 bytes, and only 85 of them fit.
  for (const c of model.columns) {
    if (!c.comment) continue;
    for (const p of commentProblems(c.node, () => commentCut(c.node, c.comment!))) problems.push(p);
  }
  const description = get(root, 'description');
  const d = str(description);
  if (description && d && Buffer.byteLength(d.trim(), 'utf8') > 2048)
    problems.push(problem('comment-cut', 'warning', description, l10n.t('Glue keeps at most 2048 bytes of a table description; this one has {0} and is cut.', Buffer.byteLength(d.trim(), 'utf8'))));
  return problems;
}
