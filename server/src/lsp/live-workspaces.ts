/**
 * The editor's workspaces, one per workspace folder (and one, rootless, for specs outside every
 * folder): each a `Workspace` kept live, reading the editor's open texts and holding the editor's
 * settings, so that the checks and the operations started from the editor see what the engineer sees.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Settings } from '../config/workspace-config';
import { openWorkspace, type Workspace, type WorkspaceHost } from '../workspace/workspace';

export const toPath = (uri: string): string => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);
export const toUri = (path: string): string => pathToFileURL(path).toString();

export class LiveWorkspaces {
  private readonly byRoot = new Map<string, Workspace>();
  /** Folders whose settings the editor has given (at start-up): until then a document's settings are not known. */
  private readonly settled = new Set<string>();
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

  /** The workspace folder of a document: the innermost folder holding it; '' when none does. */
  rootOf(uri: string): string {
    const path = toPath(uri);
    return this.roots.filter((r) => path.startsWith(r + '/') || path === r).sort((a, b) => b.length - a.length)[0] ?? '';
  }

  /** The live workspace of a folder ('': of the specs outside every folder). */
  at(root: string): Workspace {
    let ws = this.byRoot.get(root);
    if (!ws) this.byRoot.set(root, (ws = openWorkspace(root, { host: this.host, trusted: this.trustedNow })));
    return ws;
  }

  /** The live workspace of a document. */
  of(uri: string): Workspace {
    return this.at(this.rootOf(uri));
  }

  all(): Workspace[] {
    return [...this.byRoot.values()];
  }

  /** The folder's settings, as the editor gave them. */
  setFolderSettings(root: string, settings: Settings): void {
    this.at(root).settings = settings;
    this.settled.add(root);
  }

  /** Settings known now for a document: its own, else its folder's once the editor gave them. */
  knownSettings(uri: string): Settings | undefined {
    const ws = this.of(uri);
    const path = toPath(uri);
    if (ws.hasSettingsOf(path)) return ws.settingsOf(path);
    return this.settled.has(ws.root) ? ws.settings : undefined;
  }

  /** A document's own settings, as the editor gave them. */
  setSettings(uri: string, settings: Settings): void {
    this.of(uri).setSettingsOf(toPath(uri), settings);
  }

  hasOwnSettings(uri: string): boolean {
    return this.of(uri).hasSettingsOf(toPath(uri));
  }
}
