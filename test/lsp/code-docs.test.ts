/** Each diagnostic links to its code's page (LSP `codeDescription.href`): a file of the extension's docs/checks that exists. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

const spec = `table: branch
database: card_dw
kind: source
source: { object: CARD.BRANCH }
load: { mode: overwrite }
colour: red
columns:
  - { name: brnch_cd, oracle: NUMBER, cleansing: [trim] }
`;

describe('problem codes link to their documentation', () => {
  const ws = tempWorkspace({ 'specs/branch.table.yaml': spec });
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize(ws.root);
  });
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('gives every diagnostic the file URI of docs/checks/<code>.md', async () => {
    const uri = uriOf(ws.path('specs/branch.table.yaml'));
    await client.open(uri, spec);
    const ds = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    const docs = join(__dirname, '..', '..', 'docs', 'checks');
    assert.deepEqual(
      ds.map((d) => [d.code, d.codeDescription?.href]),
      ds.map((d) => [d.code, pathToFileURL(join(docs, `${d.code}.md`)).toString()]),
    );
    assert.ok(ds.some((d) => d.code === 'unknown-key'));
    for (const d of ds) assert.ok(existsSync(fileURLToPath(d.codeDescription!.href)), d.codeDescription!.href);
  });
});
