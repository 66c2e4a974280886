/** What one spec tells the others: its qualified name and its columns' target types, for joins. */

export interface IndexedColumn {
  type: string;
  encrypted: boolean;
}

export interface IndexedSpec {
  uri: string;
  database: string;
  table: string;
  columns: Map<string, IndexedColumn>;
}

/** The other specs of the workspace, as the checks see them. */
export interface WorkspaceView {
  find(qualifiedName: string): IndexedSpec | undefined;
  /** Every `database.table` in the workspace, for completion. */
  names(): string[];
}

export const emptyWorkspace: WorkspaceView = { find: () => undefined, names: () => [] };

/** A workspace view over a map of specs by `database.table`. */
export function workspaceFrom(specs: Iterable<IndexedSpec>): WorkspaceView {
  const byName = new Map<string, IndexedSpec>();
  for (const s of specs) byName.set(`${s.database}.${s.table}`, s);
  return { find: (n) => byName.get(n.toLowerCase()), names: () => [...byName.keys()].sort() };
}
