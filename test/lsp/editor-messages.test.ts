/**
 * What the editor is told over LSP when something is refused or fails: the errors of a spec listed with the
 * workspace's path, the engine's own hint kept, a refusal that loaded nothing kept out of the history, the key
 * of an unknown-key problem alone, and an imported spec's header without the importing machine's path.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/temp-workspace';

interface Failure {
  message: string;
  data: { kind: string };
}

const branch = 'table: branch\nkind: source\nsource: { object: CARD.BRANCH }\nload: { mode: overwrite }\ncolumns:\n  - { name: brnch_cd, oracle: CHAR(4), nullable: false }\n';
const hashed =
  'table: cust\nkind: source\nsource: { object: CARD.CUST }\nload: { mode: overwrite }\ncolumns:\n  - { name: cust_no, oracle: NUMBER(12), nullable: false }\n  - { name: rrno, oracle: CHAR(13), pii: rrn, encrypt: sha256 }\n';
const broken = 'table: broken\nkind: source\nsource: { object: CARD.BROKEN }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(39) }\n  - { name: b, oracle: VARCHAR2(5000) }\n';

describe('messages of refused and failed commands', () => {
  const ws = tempWorkspace({
    'tablespec.yaml': 'defaults:\n  database: card_dw\n',
    'specs/branch.table.yaml': branch,
    'specs/cust.table.yaml': hashed,
    'specs/broken.table.yaml': broken,
    'data/branch.csv': 'BRNCH_CD\n0001\n',
    'data/cust.csv': 'CUST_NO,RRNO\n1,9001011234567\n',
  });
  let client: LspClient;
  const saved = process.env.TABLESPEC_HASH_SALT;
  const command = <T>(name: string, file: string, args: Record<string, unknown> = {}) =>
    client.request<T>('workspace/executeCommand', { command: name, arguments: [{ uri: uriOf(ws.path(file)), ...args }] });
  const failure = async (p: Promise<unknown>): Promise<Failure> => {
    try {
      await p;
    } catch (e) {
      return e as Failure;
    }
    throw new Error('expected a failure');
  };

  before(async () => {
    // A first load on a machine without a salt yet.
    delete process.env.TABLESPEC_HASH_SALT;
    client = new LspClient();
    await client.initialize(ws.root);
    await command('tablespec.server.deploy', 'specs/branch.table.yaml', { confirmation: { yes: true } });
  });
  after(async () => {
    if (saved !== undefined) process.env.TABLESPEC_HASH_SALT = saved;
    await client.stop();
    ws.remove();
  });

  it('lists the errors of a refused spec, with its path in the workspace', async () => {
    const e = await failure(command('tablespec.server.load', 'specs/broken.table.yaml', { confirmation: { yes: true } }));
    assert.equal(e.data.kind, 'invalid-spec');
    const lines = e.message.split('\n');
    assert.equal(lines[0], 'specs/broken.table.yaml has 2 errors; fix them first:');
    assert.deepEqual(
      lines.slice(1).map((l) => /^ {2}line (\d+): ([a-z-]+) \S/.exec(l)?.slice(1).join(' ')),
      ['6 oracle-type-limit', '7 oracle-type-limit'],
    );
    assert.ok(!e.message.includes(ws.root), e.message);
  });

  it("keeps the engine's hint, and says to deploy only for a table that is not there", async () => {
    const query = (sql: string) => failure(command('tablespec.server.query', 'specs/branch.table.yaml', { sql }));
    const typo = await query('SELECT * FROM card_dw.brnch');
    assert.equal(typo.data.kind, 'not-found');
    assert.equal(typo.message, 'Catalog Error: Table with name brnch does not exist! Did you mean "branch"?');
    const fn = await query('SELECT flor(1)');
    assert.equal(fn.data.kind, 'query-failed');
    assert.equal(fn.message, 'Catalog Error: Scalar Function with name flor does not exist! Did you mean "floor"?');
    const missing = await query('SELECT * FROM nodb.x');
    assert.equal(missing.data.kind, 'not-found');
    assert.match(missing.message, /does not exist\. Deploy the table first\.$/);
  });

  it('keeps a load refused for want of a salt out of the history', async () => {
    await command('tablespec.server.deploy', 'specs/cust.table.yaml', { confirmation: { yes: true } });
    const e = await failure(command('tablespec.server.load', 'specs/cust.table.yaml', { confirmation: { yes: true } }));
    assert.match(e.message, /TABLESPEC_HASH_SALT/);
    const h = await command<{ operation: string; table: string; result: string }[]>('tablespec.server.history', 'tablespec.yaml');
    assert.deepEqual(
      h.map((x) => `${x.operation} ${x.table} ${x.result}`),
      ['deploy card_dw.branch ok', 'deploy card_dw.cust ok'],
    );
    await command('tablespec.server.load', 'specs/cust.table.yaml', { confirmation: { yes: true }, salt: 'a-salt-of-16-characters' });
    const after = await command<{ operation: string; result: string }[]>('tablespec.server.history', 'tablespec.yaml');
    assert.deepEqual(
      after.map((x) => `${x.operation} ${x.result}`),
      ['deploy ok', 'deploy ok', 'load ok'],
    );
  });

  it('counts one row in the singular', async () => {
    const load = await command<{ text: string }>('tablespec.server.load', 'specs/branch.table.yaml', { confirmation: { yes: true } });
    assert.equal(load.text.split('\n')[0], 'card_dw.branch (local, overwrite): 1 row staged, 0 → 1 row');
    const preview = await command<{ text: string }>('tablespec.server.preview', 'specs/branch.table.yaml', { limit: 10 });
    assert.match(preview.text, /\n\(1 row, \d+ ms\)$/);
  });

  it('names and marks only the key of an unknown-key whose `:` is missing', async () => {
    const uri = uriOf(ws.path('specs/colon.table.yaml'));
    await client.open(uri, `${branch}  - name: c\n    oracle: DATE\n    cleansing\n      - trim\n    comment: x\n`);
    const ds = await client.diagnosticsFor(uri);
    const d = ds.find((x) => x.code === 'unknown-key')!;
    assert.deepEqual(d.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 13 } });
    assert.equal(d.message, 'Key `cleansing` in columns.1 has no `:` after it.');
  });

  it("writes the import source into a spec's header relative to the workspace", async () => {
    ws.write('oracle/tables.sql', 'CREATE TABLE CARD.BRANCH_HIST (BRNCH_CD CHAR(4) NOT NULL, CHG_DT DATE);');
    await command('tablespec.server.import', 'tablespec.yaml', { ddl: [ws.path('oracle/tables.sql')], out: 'specs' });
    assert.equal(readFileSync(ws.path('specs/branch_hist.table.yaml'), 'utf8').split('\n')[0], '# Imported from oracle/tables.sql: CARD.BRANCH_HIST. Review it, then delete this line.');
  });
});
