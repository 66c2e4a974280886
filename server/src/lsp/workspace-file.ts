/**
 * `tablespec.yaml` in the editor: structure, completion and hover through yaml-language-server with
 * the workspace schema (a small file: the general YAML service is fast enough here).
 */
import { getLanguageService, type LanguageService } from 'yaml-language-server';
import workspaceSchema from '../../../schemas/tablespec.schema.json';

let service: LanguageService | undefined;

export const workspaceSchemaUri = 'tablespec-schema://schemas/tablespec.schema.json';

export function workspaceFileService(): LanguageService {
  if (service) return service;
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
