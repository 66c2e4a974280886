/**
 * The English bundles hold exactly the strings the code passes to l10n.t, as `npm run l10n` exports
 * them with @vscode/l10n-dev: a message added or reworded without re-exporting (and translating) fails here.
 * Apart from the unit tests because parsing every source file takes a few seconds.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getL10nJson } from '@vscode/l10n-dev';

const root = join(__dirname, '..', '..');

function sources(dir: string): { extension: '.ts'; contents: string }[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ extension: '.ts' as const, contents: readFileSync(join(root, dir, f), 'utf8') }));
}

const bundle = (path: string) => Object.keys(JSON.parse(readFileSync(join(root, path), 'utf8')) as object).sort();

describe('l10n bundles match the code', () => {
  it('the client bundle holds every vscode.l10n.t string of the client', async () => {
    assert.deepEqual(Object.keys(await getL10nJson(sources('client/src'))).sort(), bundle('l10n/bundle.l10n.json'));
  });
  it('the server bundle holds every l10n.t string of the server', async () => {
    assert.deepEqual(Object.keys(await getL10nJson(sources('server/src'))).sort(), bundle('l10n/server/bundle.l10n.json'));
  });
});
