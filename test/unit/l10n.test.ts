/** Every string of the extension has its Korean text: the manifest (package.nls.ko.json), the client's runtime bundle and the server's messages. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isKorean, useLocale } from '../../server/src/core/locale';
import { defaultConfig, defaultSettings } from '../../server/src/config/workspace-config';
import { createSpecChecker } from '../../server/src/document/check-spec';
import { emptyWorkspace } from '../../server/src/document/workspace-index';

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
  it("has the walkthrough's pages in both languages", () => {
    const pages = (file: string) => Object.entries(json(file)).filter(([k]) => k.startsWith('walkthrough.') && k.endsWith('.media'));
    for (const file of ['package.nls.json', 'package.nls.ko.json']) {
      assert.equal(pages(file).length, 5, file);
      for (const [key, path] of pages(file)) assert.ok(existsSync(join(root, path)), `${file}: ${key} → ${path} does not exist`);
    }
    assert.ok(pages('package.nls.ko.json').every(([, path]) => path.startsWith('media/walkthrough/ko/')));
  });
  it('translates every runtime string, keeping its placeholders', () => {
    assertTranslated('l10n/bundle.l10n.json', 'l10n/bundle.l10n.ko.json', []);
  });
  it('translates every server message, keeping its placeholders', () => {
    // Text that reads the same in Korean: type names and a product name with its arguments.
    assertTranslated('l10n/server/bundle.l10n.json', 'l10n/server/bundle.l10n.ko.json', ['Glue ({0}, {1})', 'NUMBER(38): decimal(38,0).', 'XML: string.', 'JSON: string.']);
  });
  it('keeps code as code in the Korean server messages', () => {
    assertCodeKept('l10n/server/bundle.l10n.json', 'l10n/server/bundle.l10n.ko.json', ['MATCHED', 'MISMATCH']);
  });
});

/**
 * Code stays code: every `span` and every upper-case name (TABLESPEC_HASH_SALT, NUMBER, VARCHAR2 …) of the
 * English is in the Korean too; the client looks for some of them (`aws sso login`, TABLESPEC_HASH_SALT).
 */
function assertCodeKept(enFile: string, koFile: string, except: string[]) {
  const ko = json(koFile);
  const code = (s: string) => [...(s.match(/`[^`]+`/g) ?? []), ...(s.match(/\b[A-Z][A-Z0-9_]{3,}\b/g) ?? [])];
  for (const k of Object.keys(json(enFile))) if (!except.includes(k)) for (const c of code(k)) assert.ok(ko[k]!.includes(c), `"${k}": ${c} is lost in "${ko[k]}"`);
}

/** Same keys; each one translated (but for `same`); each placeholder kept, as many times or more (Korean may repeat one). */
function assertTranslated(enFile: string, koFile: string, same: string[]) {
  const en = json(enFile);
  const ko = json(koFile);
  assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  for (const [k, v] of Object.entries(ko)) {
    if (same.includes(k)) assert.equal(v, k);
    else assert.notEqual(v, k, `"${k}" is not translated`);
    assert.deepEqual([...new Set(v.match(/\{\d\}/g) ?? [])].sort(), [...new Set(k.match(/\{\d\}/g) ?? [])].sort(), k);
  }
}

describe('server language', () => {
  after(() => useLocale(undefined));

  it('is Korean for ko, ko-KR and ko_KR.UTF-8, English for anything else', () => {
    assert.deepEqual(['ko', 'ko-KR', 'ko_KR.UTF-8', 'KO'].map(isKorean), [true, true, true, true]);
    assert.deepEqual(['en', 'en-US', 'kok', '', undefined].map(isKorean), [false, false, false, false, false]);
  });

  it('makes the messages of a check in the language set, and back', () => {
    const text = 'table: t\ndatabase: d\nkind: source\nsource: { object: A.T }\nload: { mode: overwrite }\ncolums: []\n';
    // A fresh checker each time: a checker caches its results, messages included.
    const messages = () => createSpecChecker()(text, { config: defaultConfig, settings: defaultSettings, workspace: emptyWorkspace }).problems.map((p) => p.message);
    assert.equal(useLocale('ko-KR'), 'ko');
    assert.deepEqual(messages(), ['스펙에 필수 키 `columns`이(가) 없습니다.', '스펙에 알 수 없는 키 `colums`이(가) 있습니다. `columns`을(를) 뜻하셨나요?']);
    assert.equal(useLocale('en-US'), 'en');
    assert.deepEqual(messages(), ['Missing required key `columns` in the spec.', 'Unknown key `colums` in the spec. Did you mean `columns`?']);
  });
});
