/**
 * What the checks of a workspace folder read besides the spec itself: tablespec.yaml, the Glue
 * catalog (live, or a snapshot file named in the settings) and the Oracle dictionary (live, or an
 * export named in tablespec.yaml). Each is read once and kept until forgotten; the snapshot and
 * dictionary files in use are listed, so that a change to one of them can re-check the specs.
 */
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { readSnapshotFile } from '../catalog/snapshot-catalog';
import { loadWorkspaceConfig, readWorkspaceConfig, type WorkspaceConfig } from '../config/workspace-config';
import { loadDictionary } from '../oracle/dictionary-source';
import { createLiveDictionary } from '../backends/oracle/live-dictionary';
import * as l10n from '@vscode/l10n';
import { OperationError } from '../backends/errors';
import { connectOracle, type OracleSession } from '../backends/oracle/live-oracle';
import { isPasswordEnvAllowed, oracleAccessKeys, oracleHost } from '../backends/oracle/oracle-access';
import type { SourceDictionary } from '../rules/check-source';
import { liveCatalogFor } from './live-catalogs';
import type { EditorSettings } from './settings';
import type { OracleAccessAnswer, OracleAccessRequest } from '../protocol';

export interface SourceEvents {
  /** The editor's text of a file when it is open (tablespec.yaml is read from the editor first). */
  openText(path: string): string | undefined;
  /** Something the engineer should see: a snapshot or dictionary that cannot be used. */
  warn(message: string): void;
  /** For the log only. */
  log(message: string): void;
  /** A live catalog or dictionary fetched new metadata in the background. */
  changed(): void;
  /** Asks the editor before connecting to the Oracle host tablespec.yaml names; it may give the password from its secret storage. */
  oracleAccess(request: OracleAccessRequest): Promise<OracleAccessAnswer>;
}

export type { OracleAccessRequest };

export class WorkspaceSources {
  /** In Restricted Mode nothing connects to AWS, Oracle or the local database: only files are read. */
  trusted = true;
  /** Snapshot and dictionary files in use. */
  readonly files = new Set<string>();
  private readonly configs = new Map<string, WorkspaceConfig>();
  private readonly catalogs = new Map<string, Catalog | undefined>();
  private readonly dictionaries = new Map<string, SourceDictionary | undefined>();

  constructor(private readonly events: SourceEvents) {}

  config(root: string): WorkspaceConfig {
    let c = this.configs.get(root);
    if (!c) {
      // The editor's text when tablespec.yaml is open: the checks follow it as it is typed.
      const open = root ? this.events.openText(join(root, 'tablespec.yaml')) : undefined;
      c = open !== undefined ? readWorkspaceConfig(open) : root ? loadWorkspaceConfig(root) : readWorkspaceConfig(undefined);
      this.configs.set(root, c);
    }
    return c;
  }

  catalog(root: string, settings: EditorSettings): Catalog | undefined {
    const key = `${root}|${settings.environment}|${settings.catalogSnapshot ?? ''}`;
    if (this.catalogs.has(key)) return this.catalogs.get(key);
    const env = this.config(root).environments[settings.environment];
    const file = settings.catalogSnapshot ?? env?.catalogSnapshot;
    let catalog: Catalog | undefined;
    if (!file && env && root && this.trusted) {
      catalog = liveCatalogFor(root, env, () => this.events.changed());
    } else if (file) {
      const path = join(root, file);
      this.files.add(path);
      const r = readSnapshotFile(path, file);
      // A missing file goes to the log only: it may simply not have been exported yet.
      if (r.error && r.unreadable) this.events.log(r.error);
      else if (r.error) this.events.warn(r.error);
      catalog = r.catalog;
    }
    this.catalogs.set(key, catalog);
    return catalog;
  }

  dictionary(root: string): SourceDictionary | undefined {
    if (this.dictionaries.has(root)) return this.dictionaries.get(root);
    const config = this.config(root);
    const file = config.dictionary;
    let dictionary: SourceDictionary | undefined;
    if (!file && config.oracle && root && this.trusted) {
      // No export named, a connection is: read the dictionary from Oracle in the background.
      const target = config.oracle;
      let session: Promise<OracleSession> | undefined;
      dictionary = createLiveDictionary({
        label: `Oracle ${target.connectString}`,
        fetch: async (owner) => (await (session ??= this.openOracle(root, target))).dictionary(owner),
        onChange: () => this.events.changed(),
      });
    } else if (file && root) {
      const path = join(root, file);
      this.files.add(path);
      const r = loadDictionary(path, file);
      if (r.error) this.events.warn(r.error);
      dictionary = r.dictionary;
    }
    this.dictionaries.set(root, dictionary);
    return dictionary;
  }

  /** Connects once the editor has confirmed the host: with the password from its secret storage, else from the TABLESPEC_ variable. */
  private async openOracle(root: string, target: NonNullable<WorkspaceConfig['oracle']>): Promise<OracleSession> {
    const host = oracleHost(target.connectString);
    try {
      const envHasPassword = isPasswordEnvAllowed(target.passwordEnv) && !!process.env[target.passwordEnv];
      const access = await this.events.oracleAccess({ folder: root, host, user: target.user, connectString: target.connectString, passwordEnv: target.passwordEnv, envHasPassword, ...oracleAccessKeys(root, host, target.user) });
      if (!access.approved) throw new OperationError('needs-confirmation', l10n.t('Not connected to Oracle at {0}: the connection was not confirmed.', host));
      return await connectOracle(target, access.password);
    } catch (err) {
      // The checks go on without the dictionary; the log says why.
      this.events.log(`Oracle ${host}: ${(err as Error).message}`);
      throw err;
    }
  }

  /** The catalogs in use, for the status bar. */
  catalogStates(): { key: string; source: string; state: Catalog['state'] }[] {
    return [...this.catalogs].flatMap(([key, c]) => (c ? [{ key, source: c.source, state: c.state }] : []));
  }

  /** tablespec.yaml changed: read it again, and the catalogs its environments name. */
  forgetConfig(): void {
    this.configs.clear();
    this.catalogs.clear();
  }

  /** Settings or source files changed: read everything again. */
  forgetAll(): void {
    this.forgetConfig();
    this.dictionaries.clear();
  }
}
