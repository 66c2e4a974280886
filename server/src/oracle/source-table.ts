/** An Oracle table as the dictionary or a DDL script describes it: what import and the source checks read. */

export interface SourceColumn {
  /** The column name as Oracle stores it (upper case unless it was quoted). */
  name: string;
  /** The type as DDL writes it, such as `VARCHAR2(100 CHAR)`. */
  type: string;
  nullable: boolean;
  comment?: string;
  /** 1-based position in the table. */
  position: number;
}

export interface SourceTable {
  owner: string;
  name: string;
  comment?: string;
  columns: SourceColumn[];
  /** Primary-key columns, in key order. */
  primaryKey: string[];
}

export const qualifiedName = (t: { owner: string; name: string }) => `${t.owner}.${t.name}`;
