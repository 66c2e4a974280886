/** Editor settings under `tablespec.*`, read per resource and cached until the editor says they changed. */
import type { Connection } from 'vscode-languageserver';
import { defaultSettings, readSettings, type Settings } from '../config/workspace-config';

export function createSettingsCache(connection: Connection, supported: () => boolean) {
  const cache = new Map<string, Promise<Settings>>();
  return {
    get(scopeUri: string): Promise<Settings> {
      if (!supported()) return Promise.resolve(defaultSettings);
      let s = cache.get(scopeUri);
      if (!s) {
        s = connection.workspace.getConfiguration({ scopeUri, section: 'tablespec' }).then(readSettings, () => defaultSettings);
        cache.set(scopeUri, s);
      }
      return s;
    },
    /** The settings of many resources in one `workspace/configuration` request (a workspace's thousand specs: one round trip). */
    getMany(scopeUris: string[]): Promise<Settings[]> {
      const missing = [...new Set(scopeUris.filter((u) => !cache.has(u)))];
      if (supported() && missing.length > 1) {
        const all = connection.workspace.getConfiguration(missing.map((scopeUri) => ({ scopeUri, section: 'tablespec' }))).then(
          (raws: unknown[]) => raws.map(readSettings),
          () => missing.map(() => defaultSettings),
        );
        missing.forEach(
          (u, i) =>
            void cache.set(
              u,
              all.then((s) => s[i] ?? defaultSettings),
            ),
        );
      }
      return Promise.all(scopeUris.map((u) => this.get(u)));
    },
    clear(): void {
      cache.clear();
    },
  };
}
