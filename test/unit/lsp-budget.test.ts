/** The language server's budgets: the checker stops at its budget and says so; a slow document waits behind the others; a late request is answered empty. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, defaultSettings } from '../../server/src/config/workspace-config';
import { createCheckQueue, slowDelayMs, withinBudget } from '../../server/src/lsp/budget';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { emptyWorkspace } from '../../server/src/document/workspace-index';

const spec = 'table: t\ndatabase: d\nkind: source\nsource: { object: A.T }\nload: { mode: overwrite }\ncolumns:\n  - { name: a, oracle: NUMBER(39) }\n';
const env = { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace };
const tick = () => new Promise((r) => setImmediate(r));

describe('language server budgets', () => {
  it('a checker over its budget skips the remaining rules and says which', () => {
    const within = createSpecChecker({ budgetMs: 60_000 })(spec, env).problems.map((p) => p.code);
    assert.deepEqual(within, ['oracle-type-limit']);
    const over = createSpecChecker({ budgetMs: 0 })(spec, env).problems;
    assert.deepEqual(
      over.map((p) => `${p.code} ${p.start}`),
      ['check-time-budget 0', 'oracle-type-limit 123'],
    );
    assert.match(over[0]!.message, /the checks of table, duplicate columns, references, load, Athena format, joins, catalog drift, SQL text, source, value scan were skipped/);
  });

  it('checks one document per turn, and a slow document goes after one scheduled later', async () => {
    let clock = 0;
    const ran: string[] = [];
    const queue = createCheckQueue(
      (uri) => {
        ran.push(uri);
        if (uri === 'slow') clock += 1000; // this check takes a second
      },
      () => clock,
    );
    queue.schedule('slow');
    queue.schedule('slow'); // asked twice before it ran: one check
    await tick();
    await tick();
    assert.deepEqual(ran, ['slow']);
    assert.ok(queue.slow.has('slow'));
    queue.schedule('slow');
    queue.schedule('quick');
    await tick();
    await tick();
    assert.deepEqual(ran, ['slow', 'quick']);
    await new Promise((r) => setTimeout(r, slowDelayMs + 50));
    await tick();
    assert.deepEqual(ran, ['slow', 'quick', 'slow']);
    queue.forget('slow');
    assert.equal(queue.slow.has('slow'), false);
  });

  it('a request that does not answer in its budget is answered with the fallback', async () => {
    let late = 0;
    const never = new Promise<string[]>(() => undefined);
    assert.deepEqual(
      await withinBudget(
        () => never,
        [],
        20,
        () => late++,
      ),
      [],
    );
    assert.equal(late, 1);
    assert.deepEqual(
      await withinBudget(
        () => ['x'],
        [],
        20,
        () => late++,
      ),
      ['x'],
    );
    assert.equal(late, 1);
  });
});
