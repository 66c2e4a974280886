/** One workspace: what the checks read besides the spec: tablespec.yaml (the editor's open text first), catalog snapshots, Restricted Mode. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/config/workspace-config';
import { liveWorkspaceHost } from '../../server/src/lsp/live-sources';
import { openWorkspace } from '../../server/src/workspace/workspace';
import { tempWorkspace } from '../helpers/temp-workspace';

const snapshot = JSON.stringify({ TableList: [{ Name: 'branch', DatabaseName: 'card_dw', StorageDescriptor: { Columns: [{ Name: 'brnch_cd', Type: 'string' }] } }] });

describe('workspace', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'glue.json': snapshot, 'bad.json': '{"TableList": ' });
  after(() => ws.remove());
  const events = () => {
    const seen = { warned: [] as string[], logged: [] as string[], open: new Map<string, string>() };
    const host = liveWorkspaceHost({
      openText: (p) => seen.open.get(p),
      warn: (m) => seen.warned.push(m),
      log: (m) => seen.logged.push(m),
      changed: () => undefined,
      oracleAccess: async () => ({ approved: false }),
    });
    return { seen, open: (root: string, trusted = true) => openWorkspace(root, { host, trusted }) };
  };

  it('reads tablespec.yaml from the editor while it is open, and again once forgotten', () => {
    const { seen, open } = events();
    const w = open(ws.root);
    assert.equal(w.config.defaultDatabase, 'card_dw');
    seen.open.set(ws.path('tablespec.yaml'), 'defaults:\n  database: card_mart\n');
    assert.equal(w.config.defaultDatabase, 'card_dw'); // kept until forgotten
    w.forgetConfig();
    assert.equal(w.config.defaultDatabase, 'card_mart');
  });

  it('reads a catalog snapshot named in the settings, and lists its file to watch', () => {
    const { seen, open } = events();
    const w = open(ws.root);
    const catalog = w.catalog({ ...defaultSettings, catalogSnapshot: 'glue.json' })!;
    assert.deepEqual([catalog.source, catalog.state], ['snapshot glue.json', 'snapshot']);
    assert.deepEqual([...w.files], [ws.path('glue.json')]);
    assert.deepEqual(w.catalogStates(), [{ key: `${ws.root}|local|glue.json`, source: 'snapshot glue.json', state: 'snapshot' }]);
    assert.deepEqual(seen.warned, []);
  });

  it('warns of a snapshot it cannot use, and logs one it cannot read', () => {
    const { seen, open } = events();
    const w = open(ws.root);
    assert.equal(w.catalog({ ...defaultSettings, catalogSnapshot: 'bad.json' }), undefined);
    assert.equal(seen.warned.length, 1);
    assert.match(seen.warned[0]!, /^bad\.json is not valid JSON: /);
    assert.equal(w.catalog({ ...defaultSettings, catalogSnapshot: 'missing.json' }), undefined);
    assert.deepEqual(seen.logged, [`Cannot read the catalog snapshot ${ws.path('missing.json')}.`]);
  });

  it('in Restricted Mode connects to nothing: no live catalog, no live dictionary', () => {
    const restricted = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\noracle:\n  connect_string: db:1521/CARD\n  user: etl\n', '.tablespec/local.duckdb': '' });
    try {
      const { open } = events();
      const untrusted = open(restricted.root, false);
      assert.equal(untrusted.catalog(defaultSettings), undefined);
      assert.equal(untrusted.dictionary(), undefined);
      const trusted = open(restricted.root);
      assert.equal(trusted.catalog(defaultSettings)?.source, 'local catalog (local)');
      assert.match(trusted.dictionary()?.label ?? '', /^Oracle db:1521\/CARD$/);
    } finally {
      restricted.remove();
    }
  });
});
