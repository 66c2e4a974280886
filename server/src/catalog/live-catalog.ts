/**
 * The catalog of an environment as the checks see it: tables fetched per database in the background,
 * kept for a time to live, refreshed when stale. A lookup never waits: it answers from memory (or from
 * the last snapshot saved on disk) and, when it has nothing, starts a fetch and says "unknown" for now.
 * When a refresh fails the last data keeps serving and the state says "offline".
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Table } from '@aws-sdk/client-glue';
import type { Catalog, CatalogLookup } from './catalog';

export interface LiveCatalogOptions {
  /** Fetches every table of a database (Glue GetTables in pages, or the local catalog). */
  fetch: (database: string) => Promise<Table[]>;
  /** Where the last snapshot is kept, so that an offline start still has metadata. */
  snapshotFile?: string;
  ttlMs?: number;
  now?: () => number;
  /** Called when fresh metadata arrived: the checks that use it should run again. */
  onChange?: () => void;
  label: string;
}

export interface LiveCatalog extends Catalog {
  /** Fetches the databases now, waiting for it (the "refresh catalog" command). */
  refresh(databases?: string[]): Promise<void>;
  readonly lastError?: string;
  readonly fetchedAt?: number;
}

interface Entry {
  tables: Map<string, Table>;
  fetchedAt: number;
}

export function createLiveCatalog(options: LiveCatalogOptions): LiveCatalog {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const databases = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<void>>();
  let lastError: string | undefined;
  let fromDisk = false;

  if (options.snapshotFile && existsSync(options.snapshotFile)) {
    try {
      const saved = JSON.parse(readFileSync(options.snapshotFile, 'utf8')) as { fetchedAt: number; databases: Record<string, Table[]> };
      for (const [db, tables] of Object.entries(saved.databases)) databases.set(db, { tables: new Map(tables.map((t) => [t.Name!.toLowerCase(), t])), fetchedAt: saved.fetchedAt });
      fromDisk = true;
    } catch {
      // a damaged snapshot is only a lost cache
    }
  }

  const save = () => {
    if (!options.snapshotFile) return;
    try {
      mkdirSync(dirname(options.snapshotFile), { recursive: true });
      const out: Record<string, Table[]> = {};
      let oldest = now();
      for (const [db, e] of databases) {
        out[db] = [...e.tables.values()];
        oldest = Math.min(oldest, e.fetchedAt);
      }
      writeFileSync(options.snapshotFile, JSON.stringify({ fetchedAt: oldest, databases: out }));
    } catch {
      // the cache on disk is a convenience
    }
  };

  const fetchDatabase = (db: string): Promise<void> => {
    const running = inFlight.get(db);
    if (running) return running;
    const p = options
      .fetch(db)
      .then((tables) => {
        databases.set(db, { tables: new Map(tables.map((t) => [t.Name!.toLowerCase(), t])), fetchedAt: now() });
        lastError = undefined;
        fromDisk = false;
        save();
        options.onChange?.();
      })
      .catch((err: Error) => {
        lastError = err.message;
        options.onChange?.();
      })
      .finally(() => inFlight.delete(db));
    inFlight.set(db, p);
    return p;
  };

  const catalog: LiveCatalog = {
    get source() {
      return options.label;
    },
    get state() {
      if (lastError) return 'offline';
      const stale = fromDisk || [...databases.values()].some((e) => now() - e.fetchedAt > ttl);
      return stale ? 'cached' : 'live';
    },
    get lastError() {
      return lastError;
    },
    get fetchedAt() {
      const times = [...databases.values()].map((e) => e.fetchedAt);
      return times.length ? Math.min(...times) : undefined;
    },
    lookup(database, table): CatalogLookup {
      const db = database.toLowerCase();
      const entry = databases.get(db);
      if (!entry) {
        void fetchDatabase(db);
        return { status: 'unknown' };
      }
      if (now() - entry.fetchedAt > ttl || fromDisk) void fetchDatabase(db);
      const found = entry.tables.get(table.toLowerCase());
      return found ? { status: 'found', table: found } : { status: 'absent' };
    },
    async refresh(list) {
      await Promise.all((list ?? [...databases.keys()]).map((db) => fetchDatabase(db.toLowerCase())));
    },
  };
  return catalog;
}
