/**
 * A workspace large enough that the server checks its closed specs on threads: the same diagnostics
 * as checked in the server's own thread, joins resolved across the whole workspace, the editor's
 * settings applied.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { makeWorkspace } from '../../bench/make-workspace';
import { findSpecFiles } from '../../server/src/workspace/find-files';
import { LspClient, uriOf } from '../helpers/lsp-client';

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code} ${d.message}`);

/** Starts a server on `dir` with `threads` check threads and `settings`; returns every spec's diagnostics and the running client. */
async function open(dir: string, threads: string, settings: Record<string, unknown> = {}, locale?: string): Promise<{ client: LspClient; all: Map<string, string[]> }> {
  const before = process.env.TABLESPEC_CHECK_THREADS;
  process.env.TABLESPEC_CHECK_THREADS = threads;
  const client = new LspClient();
  if (before === undefined) delete process.env.TABLESPEC_CHECK_THREADS;
  else process.env.TABLESPEC_CHECK_THREADS = before;
  client.settings = settings;
  await client.initialize(dir, locale ? { locale } : undefined);
  const all = new Map<string, string[]>();
  for (const file of findSpecFiles([dir])) all.set(file.slice(dir.length + 1), codes(await client.diagnosticsFor(uriOf(file), undefined, 60_000)));
  return { client, all };
}

describe('language server on a large workspace', () => {
  let dir: string;
  const clients: LspClient[] = [];

  before(() => {
    dir = makeWorkspace(90, 20);
    writeFileSync(
      join(dir, 'specs', 'bad_joins.table.yaml'),
      'table: bad_joins\nkind: source\nsource: { object: CARD.BAD_JOINS }\nload: { mode: overwrite }\ncolumns:\n  - { name: cust_no, oracle: VARCHAR2(12) }\njoins:\n  - table: card_dw.card_aprv_0000\n    on: [cust_no]\n  - table: card_dw.card_aprv_9999\n    on: [cust_no]\n',
    );
  });

  after(async () => {
    for (const c of clients) await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes on threads what it publishes in its own thread, joins resolved across the workspace', async () => {
    const two = await open(dir, '2');
    const one = await open(dir, '1');
    clients.push(two.client, one.client);
    assert.equal(two.all.size, 91);
    assert.deepEqual(two.all, one.all);
    const short = (file: string) => two.all.get(file)!.map((d) => d.split(' ').slice(0, 2).join(' '));
    assert.deepEqual(short('specs/bad_joins.table.yaml'), ['9:10-9:17 join-type-mismatch', '10:12-10:34 join-unknown-table']);
    assert.deepEqual(short('specs/dlq_hist/dlq_hist_0007.table.yaml'), ['29:11-29:15 pii-not-encrypted', '30:13-30:21 char-without-rtrim']);
    assert.deepEqual(
      [...two.all]
        .filter(([, ds]) => ds.length)
        .map(([f]) => f)
        .sort(),
      ['specs/bad_joins.table.yaml', 'specs/cust_acct/cust_acct_0057.table.yaml', 'specs/dlq_hist/dlq_hist_0007.table.yaml'],
    );
  });

  it("says it in the editor's language on threads, started before the settings are known", async () => {
    const two = await open(dir, '2', {}, 'ko');
    const one = await open(dir, '1', {}, 'ko');
    clients.push(two.client, one.client);
    assert.deepEqual(two.all, one.all);
    // Messages from a thread's batch as from this thread: in Korean (a 90-spec workspace is read on threads).
    const message = two.all.get('specs/dlq_hist/dlq_hist_0007.table.yaml')![0]!;
    assert.match(message, /^29:11-29:15 pii-not-encrypted .*[가-힣]/);
  });

  it('applies the editor settings on threads: disabled codes are not reported', async () => {
    const two = await open(dir, '2', { checks: { disabled: ['pii-not-encrypted', 'join-unknown-table'] } });
    clients.push(two.client);
    assert.deepEqual(
      two.all.get('specs/bad_joins.table.yaml')!.map((d) => d.split(' ')[1]),
      ['join-type-mismatch'],
    );
    assert.deepEqual(
      two.all.get('specs/dlq_hist/dlq_hist_0007.table.yaml')!.map((d) => d.split(' ')[1]),
      ['char-without-rtrim'],
    );
  });
});
