/** The Glue Data Catalog: tables read by name or in pages, created and updated with optimistic locking. */
import { CreateTableCommand, GetTableCommand, GetTablesCommand, UpdateTableCommand, type GlueClient, type Table } from '@aws-sdk/client-glue';
import { tableInput } from '../../sql/glue-table';
import { mapAwsError } from './aws-errors';

// Where it was before it moved to sql/glue-table.ts (the plan shows the TableInput too).
export { tableInput };

export function createGlueCatalog(glue: GlueClient, profile?: string) {
  return {
    async getTable(database: string, name: string, signal?: AbortSignal): Promise<Table | undefined> {
      try {
        return (await glue.send(new GetTableCommand({ DatabaseName: database, Name: name }), signal ? { abortSignal: signal } : {})).Table;
      } catch (err) {
        if ((err as { name?: string }).name === 'EntityNotFoundException') return undefined;
        throw mapAwsError(err, profile, `Glue GetTable ${database}.${name}`);
      }
    },
    /** Every table of a database, following NextToken (100 a page, Glue's maximum). */
    async listTables(database: string, signal?: AbortSignal): Promise<Table[]> {
      const all: Table[] = [];
      let token: string | undefined;
      try {
        do {
          const out = await glue.send(new GetTablesCommand({ DatabaseName: database, MaxResults: 100, ...(token ? { NextToken: token } : {}) }), signal ? { abortSignal: signal } : {});
          all.push(...(out.TableList ?? []));
          token = out.NextToken;
        } while (token);
      } catch (err) {
        if ((err as { name?: string }).name === 'EntityNotFoundException') return [];
        throw mapAwsError(err, profile, `Glue GetTables ${database}`);
      }
      return all;
    },
    async createTable(table: Table): Promise<void> {
      try {
        await glue.send(new CreateTableCommand({ DatabaseName: table.DatabaseName!, TableInput: tableInput(table) }));
      } catch (err) {
        throw mapAwsError(err, profile, `Glue CreateTable ${table.DatabaseName}.${table.Name}`);
      }
    },
    /** Updates a table only if it is still at `versionId`: a concurrent change is reported, not overwritten. */
    async updateTable(table: Table, versionId: string | undefined): Promise<void> {
      try {
        await glue.send(new UpdateTableCommand({ DatabaseName: table.DatabaseName!, TableInput: tableInput(table), ...(versionId ? { VersionId: versionId } : {}) }));
      } catch (err) {
        throw mapAwsError(err, profile, `Glue UpdateTable ${table.DatabaseName}.${table.Name}`);
      }
    },
  };
}
