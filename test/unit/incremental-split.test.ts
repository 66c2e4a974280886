/** The split reused between keystrokes is the split of the whole text, whatever the edit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSpec } from '../../bench/make-spec';
import { createSplitter, splitDocument } from '../../server/src/document/chunk-document';

/** A small deterministic random generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  '0',
  'a',
  ' ',
  '  ',
  '\n',
  '\n  ',
  '\n- ',
  '\n  - ',
  '- ',
  '#',
  ' #',
  ':',
  ': ',
  '&a',
  '*a',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\r\n',
  '---',
  'columns:',
  '\ncolumns:\n',
  '\nload: x\n',
  '',
];

describe('incremental split', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`equals splitDocument over 1,500 random edits (seed ${seed})`, () => {
      const next = random(seed);
      const split = createSplitter();
      let text = makeSpec(12);
      let reused = 0;
      for (let k = 0; k < 1500; k++) {
        // Mostly small edits near one spot (typing), sometimes anywhere; now and then a fresh document.
        if (k % 40 === 39) text = makeSpec(5 + Math.floor(next() * 20));
        const at = Math.floor(next() * (text.length + 1));
        const removed = next() < 0.4 ? Math.floor(next() * 4) : 0;
        text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)]! + text.slice(Math.min(text.length, at + removed));
        const before = splitDocument(text);
        const got = split(text);
        assert.deepEqual(got, before, `edit ${k} at ${at}`);
        if (got.mode === 'chunked') reused++;
      }
      assert.ok(reused > 100, 'most edits leave the document chunked');
    });
  }

  it('reuses the chunks of the items an edit does not touch', () => {
    const split = createSplitter();
    const text = makeSpec(50);
    const first = split(text);
    const spot = text.indexOf('oracle:', text.indexOf('- ', text.indexOf('columns:') + 400));
    const second = split(text.slice(0, spot) + 'x' + text.slice(spot));
    assert.equal(first.mode, 'chunked');
    assert.equal(second.mode, 'chunked');
    const items = (s: typeof first) => (s.mode === 'chunked' ? s.blocks.find((b) => b.items)!.items! : []);
    assert.equal(items(second).filter((c, i) => c.text === items(first)[i]!.text).length, items(first).length - 1);
  });
});
