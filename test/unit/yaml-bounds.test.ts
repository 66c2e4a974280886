/**
 * Bounded YAML: nested aliases and `<<: *prev` chains get one problem on the alias, in milliseconds and
 * without the memory an expansion would take; specs that reuse an anchor a sensible number of times are
 * read as before. The bombs run in a child process with a time limit, so that a checker that does
 * expand them fails the test instead of hanging it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { defaultConfig, defaultSettings, readWorkspaceConfig } from '../../server/src/config/workspace-config';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { parseYamlOnce } from '../../server/src/document/parse-yaml';
import { emptyWorkspace } from '../../server/src/document/workspace-index';
import { toJS } from '../../server/src/document/yaml-node';
import { aliasBomb, mergeChain } from '../helpers/yaml-bombs';

interface Measured {
  ms: number;
  heapMb: number;
  problems: { code: string; at: string }[];
}

/** Checks `text` with the full checker in a fresh process: time, heap growth and problems. */
function checkInChild(text: string): Measured {
  const script = `
const { createSpecChecker } = require('./server/src/document/check-spec.ts');
const { defaultConfig, defaultSettings } = require('./server/src/config/workspace-config.ts');
const { emptyWorkspace } = require('./server/src/document/workspace-index.ts');
const text = ${JSON.stringify(text)};
const check = createSpecChecker();
check('table: warm\\n', { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace });
global.gc();
const heap = process.memoryUsage().heapUsed;
const t = performance.now();
const r = check(text, { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace });
const ms = performance.now() - t;
const heapMb = (process.memoryUsage().heapUsed - heap) / 1048576;
console.log(JSON.stringify({ ms, heapMb, problems: r.problems.map((p) => ({ code: p.code, at: text.slice(p.start, p.end) })) }));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=512', '--import', 'tsx', '-e', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.signal, null, `the checker did not finish in 20 s (${r.signal})`);
  assert.equal(r.status, 0, r.stderr.slice(0, 2000));
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}

describe('bounded YAML', () => {
  it('a 271-byte alias bomb: one problem on an alias, in milliseconds, without the memory', () => {
    const text = aliasBomb();
    assert.ok(text.length < 300);
    const m = checkInChild(text);
    assert.deepEqual(m.problems, [{ code: 'yaml-alias-limit', at: '*d' }]);
    assert.ok(m.ms < 500, `took ${m.ms} ms`);
    assert.ok(m.heapMb < 64, `heap grew ${m.heapMb} MB`);
  });

  it('a 1,000-step merge-key chain: one problem on an alias, in milliseconds', () => {
    const text = mergeChain(1000);
    const m = checkInChild(text);
    assert.equal(m.problems.filter((p) => p.code === 'yaml-alias-limit').length, 1);
    assert.match(m.problems.find((p) => p.code === 'yaml-alias-limit')!.at, /^\*m\d+$/);
    assert.deepEqual(
      m.problems.filter((p) => p.code !== 'yaml-alias-limit'),
      [],
    );
    // Unbounded, this chain took over 10 s and gigabytes; the bound leaves room for a loaded machine.
    assert.ok(m.ms < 2000, `took ${m.ms} ms`);
    assert.ok(m.heapMb < 64, `heap grew ${m.heapMb} MB`);
  });

  it('an anchor reused by every column is read as written, with no alias problem', () => {
    const columns = Array.from({ length: 300 }, (_, i) =>
      i === 0 ? '  - { name: c0, oracle: VARCHAR2(10), cleansing: &std [trim, empty_to_null] }' : `  - { name: c${i}, oracle: VARCHAR2(10), cleansing: *std }`,
    );
    const text = `table: t\nkind: source\nsource: { object: A.T }\nload: { mode: overwrite }\ncolumns:\n${columns.join('\n')}\n`;
    const parsed = parseYamlOnce(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(toJS(parsed.root), parseDocument(text).toJS({ maxAliasCount: -1 }));
    const result = createSpecChecker()(text, { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace });
    assert.deepEqual(
      result.problems.filter((p) => p.code.startsWith('yaml')),
      [],
    );
  });

  it('an alias cycle is cut, not followed', () => {
    const parsed = parseYamlOnce('table: t\nx: &x [a, *x]\n');
    assert.deepEqual(toJS(parsed.root), { table: 't', x: ['a', ['a', null]] });
  });

  it('tablespec.yaml with an alias bomb falls back to the defaults at once', () => {
    const t = performance.now();
    const config = readWorkspaceConfig(`defaults:\n  database: x\n${aliasBomb()}`);
    assert.deepEqual(config, defaultConfig);
    assert.ok(performance.now() - t < 500);
  });
});
