/**
 * What the checks know of deployed tables. Implementations answer from memory (a snapshot file, or a
 * cache of Glue refreshed in the background), so that a check never waits for the network.
 */
import type { Table } from '@aws-sdk/client-glue';

export type CatalogLookup = { status: 'found'; table: Table } | { status: 'absent' } | { status: 'unknown' };

export interface Catalog {
  /** Where the metadata comes from, for messages: "snapshot catalog/dev.json", "Glue (ap-northeast-2), 2 min ago". */
  readonly source: string;
  /** The state shown to the user: live and fresh, served from a cache, or offline. */
  readonly state: 'snapshot' | 'live' | 'cached' | 'offline';
  lookup(database: string, table: string): CatalogLookup;
}

/** A catalog over a fixed list of Glue tables. */
export function catalogFromTables(tables: Table[], source: string, state: Catalog['state'] = 'snapshot'): Catalog {
  const byName = new Map<string, Table>();
  const databases = new Set<string>();
  for (const t of tables) {
    if (!t.Name || !t.DatabaseName) continue;
    databases.add(t.DatabaseName.toLowerCase());
    byName.set(`${t.DatabaseName.toLowerCase()}.${t.Name.toLowerCase()}`, t);
  }
  return {
    source,
    state,
    lookup(database, table) {
      const found = byName.get(`${database.toLowerCase()}.${table.toLowerCase()}`);
      if (found) return { status: 'found', table: found };
      // A database the snapshot never listed says nothing about its tables.
      return databases.has(database.toLowerCase()) ? { status: 'absent' } : { status: 'unknown' };
    },
  };
}
