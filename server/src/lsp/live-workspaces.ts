/**
 * The editor's workspaces: one per tablespec.yaml folder inside the editor's workspace folders (the
 * folder itself when it has none above a spec), as `tablespec check` groups them, and one, rootless,
 * for specs outside every folder. Each is a `Workspace` kept live, reading the editor's open texts and
 * holding the editor's settings, so that the checks and the operations started from the editor see
 * what the engineer sees.
 */
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Settings } from '../config/workspace-config';
import { findWorkspaceRoot } from '../workspace/find-files';
import { openWorkspace, type Workspace, type WorkspaceHost } from '../workspace/workspace';

export const toPath = (uri: string): string => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);
export const toUri = (path: string): string => pathToFileURL(path).toString();

export class LiveWorkspaces {
  private readonly byRoot = new Map<string, Workspace>();
  /** The settings of each editor folder, once the editor gave them: until then a document's settings are not known. */
  private readonly folderSettings = new Map<string, Settings>();
  /** The workspace root of each folder holding specs (looked up once: this runs on every keystroke). */
  private readonly rootByDir = new Map<string, string>();
  private roots: string[] = [];
  private trustedNow = true;

  constructor(private readonly host: WorkspaceHost) {}

  /** The workspace folders, from `initialize`. */
  setRoots(roots: string[]): void {
    this.roots = roots;
  }

  get folders(): readonly string[] {
    return this.roots;
  }

  /** Restricted Mode (false): the workspaces open nothing live. */
  set trusted(value: boolean) {
    this.trustedNow = value;
    for (const ws of this.byRoot.values()) ws.trusted = value;
  }

  get trusted(): boolean {
    return this.trustedNow;
  }

  /** The editor folder holding a path: the innermost; '' when none does. */
  private folderOf(path: string): string {
    return this.roots.filter((r) => path.startsWith(r + '/') || path === r).sort((a, b) => b.length - a.length)[0] ?? '';
  }

  /** The workspace root of a document: the folder of the nearest tablespec.yaml inside its editor folder, else the editor folder; '' outside every folder. */
  rootOf(uri: string): string {
    const path = toPath(uri);
    const dir = dirname(path);
    let root = this.rootByDir.get(dir);
    if (root === undefined) {
      const folder = this.folderOf(path);
      const nearest = folder ? findWorkspaceRoot(dir) : undefined;
      root = nearest && (nearest === folder || nearest.startsWith(folder + '/')) ? nearest : folder;
      this.rootByDir.set(dir, root);
    }
    return root;
  }

  /** A tablespec.yaml may have come or gone: look the roots up again. */
  forgetRoots(): void {
    this.rootByDir.clear();
  }

  /** The live workspace at a root ('': of the specs outside every folder). */
  at(root: string): Workspace {
    let ws = this.byRoot.get(root);
    if (!ws) {
      const folder = this.folderSettings.get(this.folderOf(root));
      this.byRoot.set(root, (ws = openWorkspace(root, { host: this.host, trusted: this.trustedNow, ...(folder ? { settings: folder } : {}) })));
    }
    return ws;
  }

  /** The live workspace of a document. */
  of(uri: string): Workspace {
    return this.at(this.rootOf(uri));
  }

  all(): Workspace[] {
    return [...this.byRoot.values()];
  }

  /** An editor folder's settings, as the editor gave them: those of every workspace inside it. */
  setFolderSettings(folder: string, settings: Settings): void {
    this.folderSettings.set(folder, settings);
    this.at(folder);
    for (const ws of this.byRoot.values()) if (this.folderOf(ws.root) === folder) ws.settings = settings;
  }

  /** Settings known now for a document: its own, else its editor folder's once the editor gave them. */
  knownSettings(uri: string): Settings | undefined {
    const ws = this.of(uri);
    const path = toPath(uri);
    if (ws.hasSettingsOf(path)) return ws.settingsOf(path);
    return this.folderSettings.get(this.folderOf(path));
  }

  /** A document's own settings, as the editor gave them. */
  setSettings(uri: string, settings: Settings): void {
    this.of(uri).setSettingsOf(toPath(uri), settings);
  }

  hasOwnSettings(uri: string): boolean {
    return this.of(uri).hasSettingsOf(toPath(uri));
  }
}
