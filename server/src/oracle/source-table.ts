/** An Oracle table as the dictionary or a DDL script describes it: what import and the source checks read. */
import type { StoredType } from './stored-type';

export interface SourceColumn {
  /** The column name as Oracle stores it (upper case unless it was quoted). */
  name: string;
  /** The type as DDL writes it, such as `VARCHAR2(100 CHAR)`. */
  type: string;
  /** The dictionary's own fields, when the column comes from ALL_TAB_COLUMNS: types are compared on these. */
  stored?: StoredType;
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
