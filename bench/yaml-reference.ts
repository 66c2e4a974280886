/**
 * The reference every typing benchmark is measured against: yaml-language-server validating the same
 * texts with TableSpec's own JSON Schema, in process, one keystroke's text after another.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import schema from '../schemas/table.schema.json';

/** The validation time of each text, in milliseconds (the schema is compiled before the first). */
export async function yamlLanguageServer(texts: string[]): Promise<number[]> {
  const ls = getLanguageService({ schemaRequestService: async () => JSON.stringify(schema), workspaceContext: { resolveRelativePath: (r) => r } });
  ls.configure({ validate: true, completion: true, hover: true, schemas: [{ uri: 'file:///table.schema.json', fileMatch: ['*.table.yaml'], schema: schema as object }] });
  const uri = 'file:///bench/wide.table.yaml';
  await ls.doValidation(TextDocument.create(uri, 'yaml', 0, texts[0]!), false); // compile the schema
  const times: number[] = [];
  let version = 1;
  for (const text of texts) {
    const doc = TextDocument.create(uri, 'yaml', version++, text);
    const t = performance.now();
    await ls.doValidation(doc, false);
    times.push(performance.now() - t);
  }
  return times;
}
