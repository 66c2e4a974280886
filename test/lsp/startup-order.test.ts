/** At start-up every spec is indexed before any is checked: a join to a spec later in the folder resolves. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

describe('workspace start-up', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': 'defaults:\n  database: card_dw\n',
    'a_first.table.yaml':
      'table: a_first\nkind: source\nsource: { object: CARD.A }\nload: { mode: overwrite }\ncolumns:\n  - { name: id, oracle: NUMBER(5) }\njoins:\n  - { table: card_dw.z_last, on: [id] }\n',
    'z_last.table.yaml': 'table: z_last\nkind: source\nsource: { object: CARD.Z }\nload: { mode: overwrite }\ncolumns:\n  - { name: id, oracle: NUMBER(5) }\n',
  });
  const client = new LspClient();
  after(async () => {
    await client.stop();
    ws.remove();
  });

  it('resolves a join to a spec checked after it', async () => {
    await client.initialize(ws.root);
    const ds = await client.diagnosticsFor(uriOf(ws.path('a_first.table.yaml')));
    assert.deepEqual(
      ds.map((d) => d.code),
      [],
    );
  });
});
