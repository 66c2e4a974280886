/** Editor settings under `tablespec.*`, read per resource and cached until the editor says they changed. */
import type { Connection } from 'vscode-languageserver';
import { defaultSettings, type CheckSettings } from '../config/workspace-config';

export interface EditorSettings extends CheckSettings {
  /** A Glue GetTables snapshot, relative to the workspace folder; overrides the environment's. */
  catalogSnapshot?: string;
  /** Check every spec of the workspace, not only open ones. */
  workspaceDiagnostics: boolean;
}

export const defaultEditorSettings: EditorSettings = { ...defaultSettings, workspaceDiagnostics: true };

function normalise(raw: unknown): EditorSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const checks = (r.checks && typeof r.checks === 'object' ? r.checks : {}) as Record<string, unknown>;
  const catalog = (r.catalog && typeof r.catalog === 'object' ? r.catalog : {}) as Record<string, unknown>;
  const validation = (r.validation && typeof r.validation === 'object' ? r.validation : {}) as Record<string, unknown>;
  const s: EditorSettings = {
    environment: typeof r.environment === 'string' && r.environment ? r.environment : defaultSettings.environment,
    largeTableGb: typeof checks.largeTableGb === 'number' && checks.largeTableGb >= 0 ? checks.largeTableGb : defaultSettings.largeTableGb,
    disabled: Array.isArray(checks.disabled) ? checks.disabled.filter((c): c is string => typeof c === 'string') : [],
    workspaceDiagnostics: validation.workspace !== false,
  };
  if (typeof catalog.snapshot === 'string' && catalog.snapshot) s.catalogSnapshot = catalog.snapshot;
  return s;
}

export function createSettingsCache(connection: Connection, supported: () => boolean) {
  const cache = new Map<string, Promise<EditorSettings>>();
  return {
    get(scopeUri: string): Promise<EditorSettings> {
      if (!supported()) return Promise.resolve(defaultEditorSettings);
      let s = cache.get(scopeUri);
      if (!s) {
        s = connection.workspace.getConfiguration({ scopeUri, section: 'tablespec' }).then(normalise, () => defaultEditorSettings);
        cache.set(scopeUri, s);
      }
      return s;
    },
    /** The settings of many resources in one `workspace/configuration` request (a workspace's thousand specs: one round trip). */
    getMany(scopeUris: string[]): Promise<EditorSettings[]> {
      const missing = [...new Set(scopeUris.filter((u) => !cache.has(u)))];
      if (supported() && missing.length > 1) {
        const all = connection.workspace.getConfiguration(missing.map((scopeUri) => ({ scopeUri, section: 'tablespec' }))).then(
          (raws: unknown[]) => raws.map(normalise),
          () => missing.map(() => defaultEditorSettings),
        );
        missing.forEach((u, i) => void cache.set(u, all.then((s) => s[i] ?? defaultEditorSettings)));
      }
      return Promise.all(scopeUris.map((u) => this.get(u)));
    },
    clear(): void {
      cache.clear();
    },
  };
}
