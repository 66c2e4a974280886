/** The live catalog answers from memory at once, refreshes in the background, and serves its last data offline. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLiveCatalog } from '../../server/src/catalog/live-catalog';

const table = (name: string) => ({ Name: name, DatabaseName: 'card_dw' });

describe('live catalog', () => {
  it('never waits: unknown first, then answers from memory once fetched', async () => {
    let calls = 0;
    let changed = 0;
    const c = createLiveCatalog({ label: 'Glue', fetch: async () => (calls++, [table('cust_master')]), onChange: () => changed++ });
    assert.deepEqual(c.lookup('card_dw', 'cust_master'), { status: 'unknown' });
    await c.refresh(['card_dw']);
    assert.equal(c.lookup('card_dw', 'cust_master').status, 'found');
    assert.deepEqual(c.lookup('card_dw', 'other'), { status: 'absent' });
    assert.equal(c.state, 'live');
    assert.equal(calls, 1);
    assert.ok(changed >= 1);
  });

  it('refreshes in the background once the time to live has passed', async () => {
    let clock = 0;
    let version = 1;
    const c = createLiveCatalog({ label: 'Glue', ttlMs: 1000, now: () => clock, fetch: async () => [table(`t${version}`)] });
    await c.refresh(['card_dw']);
    version = 2;
    clock = 5000;
    assert.equal(c.state, 'cached');
    assert.equal(c.lookup('card_dw', 't1').status, 'found'); // the stale answer, at once
    await c.refresh();
    assert.equal(c.lookup('card_dw', 't2').status, 'found');
  });

  it('serves the last snapshot offline, from disk across restarts, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'live-catalog-'));
    try {
      const file = join(dir, 'catalog.json');
      const online = createLiveCatalog({ label: 'Glue', snapshotFile: file, fetch: async () => [table('cust_master')] });
      await online.refresh(['card_dw']);
      const offline = createLiveCatalog({ label: 'Glue', snapshotFile: file, fetch: async () => Promise.reject(new Error('getaddrinfo ENOTFOUND glue.ap-northeast-2.amazonaws.com')) });
      assert.equal(offline.state, 'cached');
      assert.equal(offline.lookup('card_dw', 'cust_master').status, 'found');
      await offline.refresh();
      assert.equal(offline.state, 'offline');
      assert.match(offline.lastError ?? '', /ENOTFOUND/);
      assert.equal(offline.lookup('card_dw', 'cust_master').status, 'found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('live Oracle dictionary', () => {
  it('answers unknown while an owner is read, then the tables, and asks again for nothing', async () => {
    const { createLiveDictionary } = await import('../../server/src/backends/oracle/live-dictionary');
    let fetched = 0;
    let changed = 0;
    const table = { owner: 'CARD', name: 'T', columns: [], primaryKey: [] };
    const d = createLiveDictionary({ label: 'Oracle', fetch: async () => (fetched++, { tables: new Map([['CARD.T', table]]), problems: [] }), onChange: () => changed++ });
    assert.equal(d.lookup('CARD.T'), 'unknown');
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(d.lookup('CARD.T'), table);
    assert.equal(d.lookup('CARD.NONE'), undefined);
    assert.deepEqual([fetched, changed], [1, 1]);
  });
});
