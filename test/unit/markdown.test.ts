/** Plain text in hovers: what Markdown would read as formatting is escaped, code spans are kept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown } from '../../server/src/core/markdown';

describe('escapeMarkdown', () => {
  it('escapes ranges, emphasis, links, tags and tables, not code spans', () => {
    assert.equal(escapeMarkdown('1~38자리, -84~127'), '1\\~38자리, -84\\~127');
    assert.equal(escapeMarkdown('cust_no_old *a* [l](u) <b> 1|2 & #3'), 'cust\\_no\\_old \\*a\\* \\[l\\](u) \\<b\\> 1\\|2 \\& \\#3');
    assert.equal(escapeMarkdown('use `a_b~c` or `x*`'), 'use `a_b~c` or `x*`');
  });
  it('keeps a line from starting a list', () => {
    assert.equal(escapeMarkdown('- item\n12. x\n  + y'), '\\- item\n12\\. x\n  \\+ y');
  });
});
