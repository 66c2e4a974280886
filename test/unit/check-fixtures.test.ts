/** Every fixture spec reports exactly the problems its `# expect:` comments name, at those ranges. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { actualProblems, expectedProblems } from '../helpers/expectations';
import { checkFolder, fixtures } from '../helpers/fixture-workspace';

for (const folder of ['checks', 'no-defaults', 'source']) {
  describe(`fixtures/${folder}`, () => {
    for (const [file, { text, result }] of checkFolder(join(fixtures, folder))) {
      it(file, () => {
        assert.deepEqual(actualProblems(text, result.problems), expectedProblems(text));
      });
    }
  });
}
