/** The table schema as a tree to walk by YAML path: what completion and hover read. */
import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../core/markdown';
import tableSchema from '../../../schemas/table.schema.json';

export interface SchemaNode {
  description?: string;
  examples?: unknown[];
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  $ref?: string;
}

const root = tableSchema as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function deref(n: SchemaNode | undefined): SchemaNode | undefined {
  if (n?.$ref?.startsWith('#/definitions/')) return root.definitions[n.$ref.slice('#/definitions/'.length)];
  return n;
}

/** The schema at a path of keys, where `[]` steps into a list's items. */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  let n: SchemaNode | undefined = root;
  for (const step of path) {
    n = deref(n);
    if (!n) return undefined;
    n = step === '[]' ? n.items : n.properties?.[step];
  }
  return deref(n);
}

/** A markdown description of a property for hover and completion documentation. */
export function describeSchema(key: string, n: SchemaNode): string {
  const parts = [`**${escapeMarkdown(key)}**`, escapeMarkdown(n.description ?? '')];
  if (n.enum) parts.push(l10n.t('Values: {0}', n.enum.map((v) => `\`${String(v)}\``).join(', ')));
  if (n.examples?.length) parts.push(l10n.t('Example: {0}', `\`${key}: ${JSON.stringify(n.examples[0])}\``));
  return parts.filter(Boolean).join('\n\n');
}
