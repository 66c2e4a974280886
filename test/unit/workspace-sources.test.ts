/** What the editor's checks read besides the spec: tablespec.yaml (open text first), catalog snapshots, Restricted Mode. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { defaultEditorSettings } from '../../server/src/lsp/settings';
import { WorkspaceSources } from '../../server/src/lsp/workspace-sources';
import { tempWorkspace } from '../helpers/temp-workspace';

const snapshot = JSON.stringify({ TableList: [{ Name: 'branch', DatabaseName: 'card_dw', StorageDescriptor: { Columns: [{ Name: 'brnch_cd', Type: 'string' }] } }] });

describe('workspace sources', () => {
  const ws = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\n', 'glue.json': snapshot, 'bad.json': '{"TableList": ' });
  after(() => ws.remove());
  const events = () => {
    const seen = { warned: [] as string[], logged: [] as string[], open: new Map<string, string>() };
    return { seen, sources: new WorkspaceSources({ openText: (p) => seen.open.get(p), warn: (m) => seen.warned.push(m), log: (m) => seen.logged.push(m), changed: () => undefined, oracleAccess: async () => ({ approved: false }) }) };
  };

  it('reads tablespec.yaml from the editor while it is open, and again once forgotten', () => {
    const { seen, sources } = events();
    assert.equal(sources.config(ws.root).defaultDatabase, 'card_dw');
    seen.open.set(ws.path('tablespec.yaml'), 'defaults:\n  database: card_mart\n');
    assert.equal(sources.config(ws.root).defaultDatabase, 'card_dw'); // kept until forgotten
    sources.forgetConfig();
    assert.equal(sources.config(ws.root).defaultDatabase, 'card_mart');
  });

  it('reads a catalog snapshot named in the settings, and lists its file to watch', () => {
    const { seen, sources } = events();
    const catalog = sources.catalog(ws.root, { ...defaultEditorSettings, catalogSnapshot: 'glue.json' })!;
    assert.deepEqual([catalog.source, catalog.state], ['snapshot glue.json', 'snapshot']);
    assert.deepEqual([...sources.files], [ws.path('glue.json')]);
    assert.deepEqual(sources.catalogStates(), [{ key: `${ws.root}|local|glue.json`, source: 'snapshot glue.json', state: 'snapshot' }]);
    assert.deepEqual(seen.warned, []);
  });

  it('warns of a snapshot it cannot use, and logs one it cannot read', () => {
    const { seen, sources } = events();
    assert.equal(sources.catalog(ws.root, { ...defaultEditorSettings, catalogSnapshot: 'bad.json' }), undefined);
    assert.equal(seen.warned.length, 1);
    assert.match(seen.warned[0]!, /^bad\.json is not valid JSON: /);
    assert.equal(sources.catalog(ws.root, { ...defaultEditorSettings, catalogSnapshot: 'missing.json' }), undefined);
    assert.deepEqual(seen.logged, [`Cannot read the catalog snapshot ${ws.path('missing.json')}.`]);
  });

  it('in Restricted Mode connects to nothing: no live catalog, no live dictionary', () => {
    const restricted = tempWorkspace({ 'tablespec.yaml': 'defaults:\n  database: card_dw\noracle:\n  connect_string: db:1521/CARD\n  user: etl\n', '.tablespec/local.duckdb': '' });
    try {
      const { sources } = events();
      sources.trusted = false;
      assert.equal(sources.catalog(restricted.root, defaultEditorSettings), undefined);
      assert.equal(sources.dictionary(restricted.root), undefined);
      const trusted = events().sources;
      assert.equal(trusted.catalog(restricted.root, defaultEditorSettings)?.source, 'local catalog (local)');
      assert.match(trusted.dictionary(restricted.root)?.label ?? '', /^Oracle db:1521\/CARD$/);
    } finally {
      restricted.remove();
    }
  });
});
