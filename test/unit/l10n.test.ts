/** Every string of the extension has its Korean text: the manifest (package.nls.ko.json) and the runtime bundle. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8')) as Record<string, string>;

describe('Korean', () => {
  it('translates every manifest string', () => {
    const en = json('package.nls.json');
    const ko = json('package.nls.ko.json');
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    for (const key of manifest.match(/%[\w.]+%/g) ?? []) assert.ok(key.slice(1, -1) in en, `${key} has no text`);
  });
  it('translates every runtime string, keeping its placeholders', () => {
    const en = json('l10n/bundle.l10n.json');
    const ko = json('l10n/bundle.l10n.ko.json');
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(ko)) {
      assert.notEqual(v, k, `"${k}" is not translated`);
      assert.deepEqual((v.match(/\{\d\}/g) ?? []).sort(), (k.match(/\{\d\}/g) ?? []).sort(), k);
    }
  });
});
