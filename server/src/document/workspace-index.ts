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

/** Whether two entries tell the other specs the same: name, columns, types, protection (no strings built: this runs on every keystroke). */
function sameEntry(a: IndexedSpec | undefined, b: IndexedSpec | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.database !== b.database || a.table !== b.table || a.columns.size !== b.columns.size) return false;
  const other = b.columns.entries();
  for (const [name, column] of a.columns) {
    const [otherName, otherColumn] = other.next().value as [string, IndexedColumn];
    if (name !== otherName || (column !== otherColumn && (column.type !== otherColumn.type || column.encrypted !== otherColumn.encrypted))) return false;
  }
  return true;
}

export const emptyWorkspace: WorkspaceView = { find: () => undefined, names: () => [] };

/**
 * Every spec of a workspace, by file. The editor and the command-line checker share it so that both
 * see the same workspace: a spec sees every spec but itself (joins relate a table to others).
 */
export class SpecIndex {
  private readonly byUri = new Map<string, IndexedSpec>();
  /** Specs by `database.table` (two files may claim one name); built again only after a change, not per keystroke. */
  private byName: Map<string, IndexedSpec[]> | undefined;

  get(uri: string): IndexedSpec | undefined {
    return this.byUri.get(uri);
  }

  /** Records what the spec at `uri` now defines; says whether that changed (name, columns, types or protection). */
  set(uri: string, spec: IndexedSpec | undefined): boolean {
    if (sameEntry(spec, this.byUri.get(uri))) return false; // a keystroke inside a comment, a rule, a load setting
    if (spec) this.byUri.set(uri, spec);
    else this.byUri.delete(uri);
    this.byName = undefined;
    return true;
  }

  /** Every spec indexed, by file. */
  all(): IndexedSpec[] {
    return [...this.byUri.values()];
  }

  delete(uri: string): void {
    this.set(uri, undefined);
  }

  /** The workspace as the spec at `uri` sees it: every other spec. */
  viewFor(uri: string): WorkspaceView {
    const byName = this.grouped();
    const others = (specs: IndexedSpec[]) => specs.filter((s) => s.uri !== uri);
    return {
      find: (n) => others(byName.get(n.toLowerCase()) ?? [])[0],
      names: () =>
        [...byName]
          .filter(([, specs]) => others(specs).length)
          .map(([n]) => n)
          .sort(),
    };
  }

  private grouped(): Map<string, IndexedSpec[]> {
    if (this.byName) return this.byName;
    const byName = new Map<string, IndexedSpec[]>();
    for (const s of this.byUri.values()) {
      const name = `${s.database}.${s.table}`;
      byName.set(name, [...(byName.get(name) ?? []), s]);
    }
    return (this.byName = byName);
  }
}
