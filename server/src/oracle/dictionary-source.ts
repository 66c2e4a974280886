/** The dictionary named in tablespec.yaml, as the source checks read it. Never throws. */
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import type { SourceDictionary } from '../rules/check-source';
import { readDictionary } from './read-dictionary';

export function loadDictionary(path: string, label: string): { dictionary?: SourceDictionary; error?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { error: l10n.t('Cannot read the Oracle dictionary {0}.', label) };
  }
  const dict = readDictionary(text, path.endsWith('.json') ? 'json' : 'csv');
  if (dict.tables.size === 0) return { error: dict.problems[0] ? l10n.t('{0} holds no dictionary rows: {1}.', label, dict.problems[0].message) : l10n.t('{0} holds no dictionary rows.', label) };
  return { dictionary: { label, lookup: (object) => dict.tables.get(object.toUpperCase()) ?? dict.tables.get(object) } };
}
