/**
 * The Glue Data Catalog in memory: databases and their tables, with a version per table.
 *
 * Operations and their errors ("Table API - AWS Glue",
 * https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-tables.html ; "Database API"):
 * - CreateTable: AlreadyExistsException if the name is taken, EntityNotFoundException if the database is missing,
 *   ValidationException for input outside the model's constraints (glue-validate.ts).
 * - GetTable / DeleteTable: EntityNotFoundException "Table x not found." when missing.
 * - UpdateTable: replaces the whole definition by the TableInput (what is left out is gone); with `VersionId`,
 *   a version other than the current one is a ConcurrentModificationException; each update makes a new VersionId.
 * - GetTables: MaxResults 1..100 ("GetTables", same page), NextToken to the next page.
 * - CreateDatabase / GetDatabase / GetDatabases.
 */
import type { Table } from '@aws-sdk/client-glue';
import { JsonError, type JsonHandler } from './http';
import { validateTableInput } from './glue-validate';

/** A table as GetTable returns it (dates as epoch seconds, as JSON 1.1 sends timestamps). */
export type StoredTable = Omit<Table, 'CreateTime' | 'UpdateTime'> & { CreateTime: number; UpdateTime: number; Name: string; DatabaseName: string };

export class GlueStore {
  readonly databases = new Map<string, Map<string, StoredTable>>();

  /** Creates a database if it is not there (tests set up their databases with this). */
  database(name: string): void {
    if (!this.databases.has(name.toLowerCase())) this.databases.set(name.toLowerCase(), new Map());
  }

  private db(name: string): Map<string, StoredTable> {
    const d = this.databases.get(String(name).toLowerCase());
    if (!d) throw new JsonError('EntityNotFoundException', `Database ${name} not found.`);
    return d;
  }

  /** The table as stored, or undefined. */
  table(database: string, name: string): StoredTable | undefined {
    return this.databases.get(database.toLowerCase())?.get(name.toLowerCase());
  }

  tables(database: string): StoredTable[] {
    return [...(this.databases.get(database.toLowerCase())?.values() ?? [])];
  }

  create(database: string, input: Record<string, unknown>): StoredTable {
    validateTableInput(input);
    const d = this.db(database);
    const name = String(input.Name).toLowerCase();
    if (d.has(name)) throw new JsonError('AlreadyExistsException', `Table already exists.`);
    const now = Date.now() / 1000;
    const t: StoredTable = {
      ...(input as unknown as Table),
      Name: name,
      DatabaseName: database.toLowerCase(),
      CreateTime: now,
      UpdateTime: now,
      VersionId: '0',
      CatalogId: '123456789012',
      IsRegisteredWithLakeFormation: false,
    };
    d.set(name, t);
    return t;
  }

  update(database: string, input: Record<string, unknown>, versionId?: string): StoredTable {
    validateTableInput(input);
    const d = this.db(database);
    const name = String(input.Name).toLowerCase();
    const current = d.get(name);
    if (!current) throw new JsonError('EntityNotFoundException', `Table ${name} not found.`);
    if (versionId !== undefined && versionId !== current.VersionId) throw new JsonError('ConcurrentModificationException', 'Update table failed due to concurrent modifications.');
    const t: StoredTable = {
      ...(input as unknown as Table),
      Name: name,
      DatabaseName: current.DatabaseName,
      CreateTime: current.CreateTime,
      UpdateTime: Date.now() / 1000,
      VersionId: String(Number(current.VersionId) + 1),
      CatalogId: current.CatalogId,
      IsRegisteredWithLakeFormation: false,
    };
    d.set(name, t);
    return t;
  }

  /** Athena's own writes to a table's Glue entry (Iceberg commits, DDL): a new version, no input checks. */
  replace(t: StoredTable): StoredTable {
    const d = this.db(t.DatabaseName);
    const current = d.get(t.Name);
    const next: StoredTable = { ...t, UpdateTime: Date.now() / 1000, VersionId: current ? String(Number(current.VersionId) + 1) : '0' };
    d.set(t.Name, next);
    return next;
  }

  remove(database: string, name: string): void {
    const d = this.db(database);
    if (!d.delete(name.toLowerCase())) throw new JsonError('EntityNotFoundException', `Table ${name} not found.`);
  }
}

export function glueHandlers(store: GlueStore): Map<string, JsonHandler> {
  const h = new Map<string, JsonHandler>();
  h.set('AWSGlue.CreateDatabase', (b) => {
    const input = b.DatabaseInput as { Name?: string } | undefined;
    if (!input?.Name) throw new JsonError('InvalidInputException', 'Database name is required.');
    if (store.databases.has(input.Name.toLowerCase())) throw new JsonError('AlreadyExistsException', 'Database already exists.');
    store.database(input.Name);
    return {};
  });
  h.set('AWSGlue.GetDatabase', (b) => {
    if (!store.databases.has(String(b.Name).toLowerCase())) throw new JsonError('EntityNotFoundException', `Database ${b.Name} not found.`);
    return { Database: { Name: String(b.Name).toLowerCase(), CatalogId: '123456789012' } };
  });
  h.set('AWSGlue.GetDatabases', () => ({ DatabaseList: [...store.databases.keys()].map((Name) => ({ Name, CatalogId: '123456789012' })) }));
  h.set('AWSGlue.CreateTable', (b) => {
    store.create(String(b.DatabaseName), b.TableInput as Record<string, unknown>);
    return {};
  });
  h.set('AWSGlue.GetTable', (b) => {
    const t = store.databases.get(String(b.DatabaseName).toLowerCase());
    if (!t) throw new JsonError('EntityNotFoundException', `Database ${b.DatabaseName} not found.`);
    const table = t.get(String(b.Name).toLowerCase());
    if (!table) throw new JsonError('EntityNotFoundException', `Table ${b.Name} not found.`);
    return { Table: table };
  });
  h.set('AWSGlue.GetTables', (b) => {
    if (b.MaxResults !== undefined) {
      const n = Number(b.MaxResults);
      if (n < 1)
        throw new JsonError('ValidationException', `1 validation error detected: Value '${n}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`);
      if (n > 100)
        throw new JsonError('ValidationException', `1 validation error detected: Value '${n}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`);
    }
    const d = store.databases.get(String(b.DatabaseName).toLowerCase());
    if (!d) throw new JsonError('EntityNotFoundException', `Database ${b.DatabaseName} not found.`);
    const all = [...d.values()].sort((x, y) => x.Name.localeCompare(y.Name));
    let start = 0;
    if (b.NextToken !== undefined) {
      const m = /^tok:(\d+)$/.exec(Buffer.from(String(b.NextToken), 'base64').toString('utf8'));
      if (!m) throw new JsonError('InvalidInputException', 'Invalid pagination token.');
      start = Number(m[1]);
    }
    const size = b.MaxResults !== undefined ? Number(b.MaxResults) : 100;
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? Buffer.from(`tok:${start + size}`).toString('base64') : undefined;
    return { TableList: page, ...(next ? { NextToken: next } : {}) };
  });
  h.set('AWSGlue.UpdateTable', (b) => {
    store.update(String(b.DatabaseName), b.TableInput as Record<string, unknown>, b.VersionId === undefined ? undefined : String(b.VersionId));
    return {};
  });
  h.set('AWSGlue.DeleteTable', (b) => {
    store.remove(String(b.DatabaseName), String(b.Name));
    return {};
  });
  return h;
}
