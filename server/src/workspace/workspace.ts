/**
 * One workspace folder, as everything that checks or runs a spec sees it: its tablespec.yaml, its
 * settings, the index of its specs (for joins), its Glue catalog and its Oracle dictionary. Built by
 * `openWorkspace` alone; the language server keeps one per folder, live (the editor's unsaved text,
 * the editor's settings), and hands it to the operations it runs; `tablespec check` and the other
 * commands open one from disk.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { readSnapshotFile } from '../catalog/snapshot-catalog';
import { defaultSettings, readWorkspaceConfig, type Environment, type Settings, type WorkspaceConfig } from '../config/workspace-config';
import { checkSpecFile, indexEntry, indexSpecFile, withJoins } from '../document/check-spec';
import type { CheckEnvironment } from '../document/check-spec';
import type { SpecModel } from '../document/spec-model';
import { SpecIndex } from '../document/workspace-index';
import type { Problem } from '../core/problem';
import { loadDictionary } from '../oracle/dictionary-source';
import type { SourceDictionary } from '../rules/check-source';
import { findSpecFiles, findWorkspaceRoot } from './find-files';

/** What a workspace asks of whoever holds it: the editor, or a command-line run. */
export interface WorkspaceHost {
  /** A file's text while the editor has it open (unsaved changes included); undefined: read the disk. */
  openText?(path: string): string | undefined;
  /** Something the engineer should see: a snapshot or dictionary that cannot be used. */
  warn?(message: string): void;
  /** For the log only (a snapshot not exported yet). */
  log?(message: string): void;
  /** How messages name a snapshot or dictionary file (default: as tablespec.yaml or the settings name it). */
  nameOf?(path: string, asNamed: string): string;
  /** The live Glue or local catalog of an environment, when the holder reads catalogs live (the editor). */
  liveCatalog?(root: string, env: Environment): Catalog | undefined;
  /** The live Oracle dictionary tablespec.yaml's connection names, when the holder reads it live (the editor). */
  liveDictionary?(root: string, target: NonNullable<WorkspaceConfig['oracle']>): SourceDictionary | undefined;
}

export interface WorkspaceOptions {
  /** The folder's settings; per-file settings may be added later (`setSettingsOf`). */
  settings?: Settings;
  /** A catalog for every environment (`tablespec check --catalog`); `catalogOnly`: no other, even when it is missing. */
  catalog?: Catalog;
  catalogOnly?: boolean;
  /** A dictionary read beforehand (`tablespec check --oracle`). */
  dictionary?: SourceDictionary;
  /** In Restricted Mode nothing live is opened: only files are read. */
  trusted?: boolean;
  host?: WorkspaceHost;
}

/** A spec checked against its workspace. */
export interface CheckedSpec {
  text: string;
  problems: Problem[];
  model: SpecModel;
}

export class Workspace {
  /** Every spec of the folder, by absolute path. */
  readonly index = new SpecIndex();
  /** Snapshot and dictionary files in use, to watch. */
  readonly files = new Set<string>();
  /** The folder's settings. */
  settings: Settings;
  trusted: boolean;
  private readonly fileSettings = new Map<string, Settings>();
  private configRead: WorkspaceConfig | undefined;
  private readonly catalogs = new Map<string, Catalog | undefined>();
  private dictionaryRead: { value: SourceDictionary | undefined } | undefined;
  private indexedFromDisk = false;

  constructor(
    /** The folder of tablespec.yaml (or of the specs, when there is none); '' for files outside any folder. */
    readonly root: string,
    private readonly options: WorkspaceOptions = {},
  ) {
    this.settings = options.settings ?? defaultSettings;
    this.trusted = options.trusted !== false;
  }

  private get host(): WorkspaceHost {
    return this.options.host ?? {};
  }

  /** tablespec.yaml as it is now: the editor's text while it is open; the defaults when there is none. */
  get config(): WorkspaceConfig {
    if (!this.configRead) this.configRead = readWorkspaceConfig(this.root ? this.textOf(join(this.root, 'tablespec.yaml')) : undefined);
    return this.configRead;
  }

  /** A file's text as it is now: the editor's when open, else the disk's; undefined when it cannot be read. */
  textOf(path: string): string | undefined {
    const open = this.host.openText?.(path);
    if (open !== undefined) return open;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The settings of one file: its own when the editor gave some, else the folder's. */
  settingsOf(path: string): Settings {
    return this.fileSettings.get(path) ?? this.settings;
  }

  setSettingsOf(path: string, settings: Settings): void {
    this.fileSettings.set(path, settings);
  }

  hasSettingsOf(path: string): boolean {
    return this.fileSettings.has(path);
  }

  /** The catalog the checks compare with under these settings: a snapshot file, else the environment's live catalog. */
  catalog(settings: Settings = this.settings): Catalog | undefined {
    if (this.options.catalog) return this.options.catalog;
    const key = `${this.root}|${settings.environment}|${settings.catalogSnapshot ?? ''}`;
    if (this.catalogs.has(key)) return this.catalogs.get(key);
    const env = this.config.environments[settings.environment];
    const file = this.options.catalogOnly ? undefined : (settings.catalogSnapshot ?? env?.catalogSnapshot);
    let catalog: Catalog | undefined;
    if (file) {
      const path = join(this.root, file);
      this.files.add(path);
      const r = readSnapshotFile(path, this.host.nameOf?.(path, file) ?? file);
      // A missing file goes to the log only: it may simply not have been exported yet.
      if (r.error && r.unreadable) (this.host.log ?? this.host.warn)?.(r.error);
      else if (r.error) this.host.warn?.(r.error);
      catalog = r.catalog;
    } else if (!this.options.catalogOnly && env && this.root && this.trusted && this.host.liveCatalog) {
      catalog = this.host.liveCatalog(this.root, env);
    }
    this.catalogs.set(key, catalog);
    return catalog;
  }

  /** The Oracle dictionary the source checks read: the one given, an export named in tablespec.yaml, or the live connection. */
  dictionary(): SourceDictionary | undefined {
    if (this.options.dictionary) return this.options.dictionary;
    if (this.dictionaryRead) return this.dictionaryRead.value;
    const config = this.config;
    let dictionary: SourceDictionary | undefined;
    if (config.dictionary && this.root) {
      const path = join(this.root, config.dictionary);
      this.files.add(path);
      const r = loadDictionary(path, config.dictionary);
      if (r.error) this.host.warn?.(r.error);
      dictionary = r.dictionary;
    } else if (config.oracle && this.root && this.trusted && this.host.liveDictionary) {
      dictionary = this.host.liveDictionary(this.root, config.oracle);
    }
    this.dictionaryRead = { value: dictionary };
    return dictionary;
  }

  /** What the checks of a spec read besides its text and the other specs. */
  environment(settings: Settings): Omit<CheckEnvironment, 'workspace'> {
    const catalog = this.catalog(settings);
    const source = this.dictionary();
    return { config: this.config, settings, ...(catalog ? { catalog } : {}), ...(source ? { source } : {}) };
  }

  /** The catalogs in use, for the status bar. */
  catalogStates(): { key: string; source: string; state: Catalog['state'] }[] {
    return [...this.catalogs].flatMap(([key, c]) => (c ? [{ key, source: c.source, state: c.state }] : []));
  }

  /** tablespec.yaml changed: read it again, and the catalogs its environments name. */
  forgetConfig(): void {
    this.configRead = undefined;
    this.catalogs.clear();
  }

  /** Settings or source files changed: read everything again. */
  forgetAll(): void {
    this.forgetConfig();
    this.dictionaryRead = undefined;
    this.fileSettings.clear();
  }

  /** Indexes every spec of the folder not indexed yet (a workspace opened from disk, before a spec is checked). */
  indexSpecs(except?: string): void {
    if (this.indexedFromDisk || !this.root) return;
    this.indexedFromDisk = true;
    for (const path of findSpecFiles([this.root])) {
      if (path === except || this.index.get(path)) continue;
      const text = this.textOf(path);
      if (text !== undefined) this.index.set(path, indexSpecFile(path, text, this.config));
    }
  }

  /**
   * Checks one spec against the workspace as it is now (its text, settings, index, catalog,
   * dictionary), as an operation does before it runs; `overrides` change the file's settings (the
   * operation's environment).
   */
  checkSpec(path: string, overrides: Partial<Settings> = {}): CheckedSpec | undefined {
    const text = this.textOf(path);
    if (text === undefined) return undefined;
    this.indexSpecs(path);
    const settings = { ...this.settingsOf(path), ...overrides };
    const file = checkSpecFile(text, this.environment(settings));
    this.index.set(path, indexEntry(path, file.model));
    return { text, model: file.model, problems: withJoins(file, this.index.viewFor(path), settings) };
  }
}

/** The one way a workspace is built. */
export function openWorkspace(root: string, options: WorkspaceOptions = {}): Workspace {
  return new Workspace(root, options);
}

/** The workspace of a spec file on disk: the folder of the nearest tablespec.yaml, else the file's own. */
export function workspaceOfFile(file: string, options: WorkspaceOptions = {}): Workspace {
  return openWorkspace(findWorkspaceRoot(file) ?? dirname(file), options);
}
