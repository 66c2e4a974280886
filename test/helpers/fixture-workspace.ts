/** Checks a folder of fixture specs the way the server does: one workspace, one config, one index. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSnapshot } from '../../server/src/catalog/snapshot-catalog';
import { loadDictionary } from '../../server/src/oracle/dictionary-source';
import { defaultSettings, readWorkspaceConfig, type Settings } from '../../server/src/config/workspace-config';
import { createSpecChecker, indexEntry, type CheckResult } from '../../server/src/document/check-spec';
import { emptyWorkspace, SpecIndex } from '../../server/src/document/workspace-index';

export const fixtures = join(__dirname, '..', 'fixtures');

export function checkFolder(folder: string, settings: Settings = defaultSettings): Map<string, { text: string; result: CheckResult; recheck: (text: string) => CheckResult }> {
  const configPath = join(folder, 'tablespec.yaml');
  const config = readWorkspaceConfig(existsSync(configPath) ? readFileSync(configPath, 'utf8') : undefined);
  const snapshotPath = join(folder, 'glue-snapshot.json');
  const catalog = existsSync(snapshotPath) ? readSnapshot(readFileSync(snapshotPath, 'utf8'), 'glue-snapshot.json').catalog : undefined;
  const source = config.dictionary ? loadDictionary(join(folder, config.dictionary), config.dictionary).dictionary : undefined;
  const files = readdirSync(folder)
    .filter((f) => /\.table\.ya?ml$/.test(f))
    .sort();
  const texts = new Map(files.map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
  const index = new SpecIndex();
  for (const [f, text] of texts) index.set(f, indexEntry(f, createSpecChecker()(text, { config, settings, workspace: emptyWorkspace }).model));
  const results = new Map<string, { text: string; result: CheckResult; recheck: (text: string) => CheckResult }>();
  for (const [f, text] of texts) {
    const env = { config, settings, workspace: index.viewFor(f), ...(catalog ? { catalog } : {}), ...(source ? { source } : {}) };
    results.set(f, { text, result: createSpecChecker()(text, env), recheck: (t) => createSpecChecker()(t, env) });
  }
  return results;
}
