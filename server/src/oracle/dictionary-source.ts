/** The dictionary named in tablespec.yaml, as the source checks read it. Never throws. */
import { readFileSync } from 'node:fs';
import type { SourceDictionary } from '../rules/check-source';
import { readDictionary } from './read-dictionary';

export function loadDictionary(path: string, label: string): { dictionary?: SourceDictionary; error?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { error: `Cannot read the Oracle dictionary ${label}.` };
  }
  const dict = readDictionary(text, path.endsWith('.json') ? 'json' : 'csv');
  if (dict.tables.size === 0) return { error: `${label} holds no dictionary rows${dict.problems[0] ? `: ${dict.problems[0].message}` : ''}.` };
  return { dictionary: { label, lookup: (object) => dict.tables.get(object.toUpperCase()) ?? dict.tables.get(object) } };
}
