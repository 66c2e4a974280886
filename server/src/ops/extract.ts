/** The extract configuration of a spec, with the connection from tablespec.yaml and, when asked, the split column's range. */
import { extractConfig, type ExtractConfig } from '../oracle/extract-config';
import { get, nodeAt, num, str, toJS } from '../document/yaml-node';
import type { SpecContext } from './spec-context';

export function specExtractConfig(ctx: SpecContext, bounds?: { lower: string; upper: string }): ExtractConfig {
  const root = ctx.model.root;
  const types = new Map(ctx.model.columns.filter((c) => c.name && c.oracle).map((c) => [c.name!, c.oracle!.canonical]));
  const extract = toJS(nodeAt(root, ['source', 'extract']) ?? null) as Record<string, unknown> | null;
  const settings = {
    ...(typeof extract?.hint === 'string' ? { hint: extract.hint } : {}),
    ...(num(get(get(get(root, 'source'), 'extract'), 'fetch_size')) !== undefined ? { fetchSize: Number(extract!.fetch_size) } : {}),
    ...(typeof extract?.split_by === 'string' ? { splitBy: extract.split_by } : {}),
    ...(typeof extract?.parallelism === 'number' ? { parallelism: extract.parallelism } : {}),
  };
  const object = str(nodeAt(root, ['source', 'object']))!;
  return extractConfig(ctx.plan, types, settings, object, { ...(ctx.config.oracle ? { connection: ctx.config.oracle } : {}), ...(bounds ? { bounds } : {}) });
}

/** The configuration as a Markdown page: the Sqoop command line, the Spark JDBC options, the notes. */
export function extractMarkdown(config: ExtractConfig): string {
  const notes = config.notes.length ? `\n## Notes\n\n${config.notes.map((n) => `- ${n}`).join('\n')}\n` : '';
  return `# ${config.table}\n\n## Sqoop\n\n\`\`\`sh\n${config.sqoop}\n\`\`\`\n\n## Spark JDBC\n\n\`\`\`json\n${JSON.stringify(config.spark, null, 2)}\n\`\`\`\n${notes}`;
}
