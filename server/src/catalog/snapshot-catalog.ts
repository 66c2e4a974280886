/**
 * A catalog read from a snapshot file: Glue's own `GetTables` response saved as JSON
 * (`aws glue get-tables --database-name card_dw > snapshot.json`), one response, a list of
 * responses (pages, or several databases), or a `GetTable` response.
 */
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import type { GetTablesResponse, Table } from '@aws-sdk/client-glue';
import { catalogFromTables, type Catalog } from './catalog';

export interface SnapshotResult {
  catalog?: Catalog;
  error?: string;
}

function tablesOf(value: unknown): Table[] | undefined {
  if (Array.isArray(value)) {
    const all: Table[] = [];
    for (const page of value) {
      const t = tablesOf(page);
      if (!t) return undefined;
      all.push(...t);
    }
    return all;
  }
  if (value && typeof value === 'object') {
    const v = value as GetTablesResponse & { Table?: Table };
    if (Array.isArray(v.TableList)) return v.TableList;
    if (v.Table && typeof v.Table === 'object') return [v.Table];
  }
  return undefined;
}

/** Parses snapshot text; never throws. */
export function readSnapshot(text: string, source: string): SnapshotResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { error: l10n.t('{0} is not valid JSON: {1}', source, (err as Error).message) };
  }
  const tables = tablesOf(json);
  if (!tables) return { error: l10n.t('{0} is not a Glue GetTables response: expected {1}, a list of them, or {2}.', source, '{"TableList": [...]}', '{"Table": {...}}') };
  return { catalog: catalogFromTables(tables, `snapshot ${source}`) };
}

/** Reads a snapshot file; never throws. `unreadable` when the file itself could not be read (missing, no access). */
export function readSnapshotFile(path: string, source: string): SnapshotResult & { unreadable?: boolean } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { error: l10n.t('Cannot read the catalog snapshot {0}.', path), unreadable: true };
  }
  return readSnapshot(text, source);
}
