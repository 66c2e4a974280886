/**
 * The Oracle dictionary read live, for the source checks: fetched per owner in the background, kept in
 * memory. A lookup never waits: while an owner is being read it answers "unknown" (no problem is reported),
 * and the checks run again when the rows arrive.
 */
import type { SourceDictionary } from '../../rules/check-source';
import type { Dictionary } from '../../oracle/read-dictionary';

export function createLiveDictionary(options: { label: string; fetch: (owner: string) => Promise<Dictionary>; onChange?: () => void }): SourceDictionary {
  const owners = new Map<string, Dictionary | 'loading' | 'failed'>();
  return {
    label: options.label,
    lookup(object) {
      const owner = object.split('.')[0]!.replace(/"/g, '').toUpperCase();
      const known = owners.get(owner);
      if (known === undefined) {
        owners.set(owner, 'loading');
        options
          .fetch(owner)
          .then((d) => owners.set(owner, d))
          .catch(() => owners.set(owner, 'failed'))
          .finally(() => options.onChange?.());
        return 'unknown';
      }
      if (known === 'loading' || known === 'failed') return 'unknown';
      return known.tables.get(object.replace(/"/g, '').toUpperCase()) ?? known.tables.get(object);
    },
  };
}
