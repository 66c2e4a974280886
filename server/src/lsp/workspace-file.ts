/**
 * `tablespec.yaml` in the editor: structure, completion and hover through yaml-language-server with
 * the workspace schema (a small file: the general YAML service is fast enough here).
 */
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from 'yaml-language-server';
import workspaceSchema from '../../../schemas/tablespec.schema.json';

let service: LanguageService | undefined;

export const workspaceSchemaUri = 'tablespec-schema://schemas/tablespec.schema.json';

export function workspaceFileService(): LanguageService {
  if (service) return service;
  // Loaded when first needed: its module compiles JSON Schema meta-schemas as it loads (a tenth of the
  // server's start), and a workspace may never open tablespec.yaml.
  const { getLanguageService } = require('yaml-language-server') as typeof import('yaml-language-server');
  service = getLanguageService({
    schemaRequestService: async (uri) => (uri === workspaceSchemaUri ? JSON.stringify(workspaceSchema) : ''),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  service.configure({
    validate: true,
    hover: true,
    completion: true,
    format: false,
    schemas: [{ uri: workspaceSchemaUri, fileMatch: ['tablespec.yaml', '**/tablespec.yaml'], schema: workspaceSchema as object }],
  });
  return service;
}

export function isWorkspaceFile(uri: string): boolean {
  return /(^|\/)tablespec\.yaml$/.test(uri);
}

/** Every string a schema gives as an example and never as an allowed or default value. */
function exampleOnlyValues(schema: unknown): Set<string> {
  const examples = new Set<string>();
  const allowed = new Set<string>();
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as Record<string, unknown>;
    for (const e of Array.isArray(node.examples) ? node.examples : []) if (typeof e !== 'object') examples.add(String(e));
    for (const e of Array.isArray(node.enum) ? node.enum : []) allowed.add(String(e));
    if (node.default !== undefined && typeof node.default !== 'object') allowed.add(String(node.default));
    if (node.const !== undefined) allowed.add(String(node.const));
    for (const v of Object.values(node)) walk(v);
  };
  walk(schema);
  return new Set([...examples].filter((e) => !allowed.has(e)));
}

let examplesOnly: Set<string> | undefined;

/**
 * Completion in tablespec.yaml: yaml-language-server's, without the schema's example values (`card_dw` for a
 * database name, a file path): offered as suggestions they take the Enter key from the name being typed.
 * Keys, enum values and defaults stay.
 */
export async function completeWorkspaceFile(doc: TextDocument, position: Position): Promise<CompletionList> {
  examplesOnly ??= exampleOnlyValues(workspaceSchema);
  const list = await workspaceFileService().doComplete(doc, position, false);
  const keep = (i: CompletionItem) => i.kind !== CompletionItemKind.Value || !examplesOnly!.has(String(i.label));
  return { ...list, items: list.items.filter(keep) };
}
