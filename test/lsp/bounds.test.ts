/**
 * The language server under pathological documents, over the real protocol: an alias bomb and a merge
 * chain get their one problem while a normal spec opened after them is still checked promptly, a
 * bombed tablespec.yaml never reaches the YAML service, and the server's memory comes back near where
 * it was once the bad documents are closed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../helpers/lsp-client';
import { aliasBomb, mergeChain } from '../helpers/yaml-bombs';

const normal = `table: cust
kind: source
source: { object: CARD.CUST }
load: { mode: overwrite }
columns:
  - { name: cust_no, oracle: NUMBER(39), nullable: false }
`;

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
/** The server's resident memory in MB, from /proc. */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('language server bounds', () => {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tablespec-lsp-bounds-'));
    writeFileSync(join(dir, 'tablespec.yaml'), 'defaults:\n  database: card_dw\n');
    client = new LspClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a normal spec opened after two bombs is checked promptly; each bomb gets one problem on an alias', async () => {
    const warm = uriOf(join(dir, 'warm.table.yaml'));
    await client.open(warm, normal);
    await client.diagnosticsFor(warm);
    const baseline = rssMb(client.pid);

    const bomb = uriOf(join(dir, 'bomb.table.yaml'));
    const chain = uriOf(join(dir, 'chain.table.yaml'));
    const good = uriOf(join(dir, 'cust.table.yaml'));
    const started = Date.now();
    await client.open(bomb, aliasBomb());
    await client.open(chain, mergeChain(1000));
    await client.open(good, normal);
    const goodDiagnostics = await client.diagnosticsFor(good, () => true, 5000);
    const elapsed = Date.now() - started;
    assert.deepEqual(codes(goodDiagnostics), ['6:37 oracle-type-limit']);
    assert.ok(elapsed < 2000, `the normal spec waited ${elapsed} ms`);
    assert.deepEqual(codes(await client.diagnosticsFor(bomb)), ['5:8 yaml-alias-limit']);
    const chainCodes = codes(await client.diagnosticsFor(chain));
    assert.equal(chainCodes.length, 1);
    assert.match(chainCodes[0]!, /^\d+:\d+ yaml-alias-limit$/);

    // Requests on the bombs answer at once.
    const t = Date.now();
    await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: bomb }, position: { line: 3, character: 9 } });
    await client.request('textDocument/completion', { textDocument: { uri: chain }, position: { line: 3, character: 0 } });
    assert.ok(Date.now() - t < 1000);

    await client.close(bomb);
    await client.close(chain);
    await client.diagnosticsFor(bomb, (d) => d.diagnostics.length === 0);
    await client.diagnosticsFor(chain, (d) => d.diagnostics.length === 0);
    assert.ok(rssMb(client.pid) - baseline < 64, `server memory grew ${rssMb(client.pid) - baseline} MB`);
  });

  it('a tablespec.yaml with a merge chain gets one problem and never reaches the YAML service', async () => {
    const file = uriOf(join(dir, 'tablespec.yaml'));
    const started = Date.now();
    await client.open(file, `defaults:\n  database: card_dw\n${mergeChain(1000)}`);
    const ds = await client.diagnosticsFor(file, (d) => d.diagnostics.some((x) => x.code === 'yaml-alias-limit'), 5000);
    assert.equal(ds.length, 1);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: file }, position: { line: 400, character: 3 } });
    assert.equal(hover, null);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    await client.close(file);
  });
});
