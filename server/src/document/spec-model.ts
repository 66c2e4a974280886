/** The checked view of a spec: what the rules read, built once per check from the YAML tree. */
import type { WorkspaceConfig, Settings } from '../config/workspace-config';
import type { Catalog } from '../catalog/catalog';
import type { GlueType } from '../glue/glue-type';
import type { MappedType } from '../glue/map-oracle-type';
import type { OracleType } from '../oracle/oracle-type';
import type { PiiKind } from '../rules/detect-pii';
import type { ValueKind } from '../rules/cleansing-catalogue';
import type { WorkspaceView } from './workspace-index';
import type { SourceTable } from '../oracle/source-table';
import type { FindingFacts } from '../privacy/scan-messages';
import type { YMap, YNode, YScalar } from './yaml-node';

/** What a column says, independent of where it stands in the document. Every field is always present
 * (undefined when absent), so that all columns share one object shape. */
export interface ColumnFacts {
  name?: string;
  /** The name lower-cased: Athena compares names case-insensitively. */
  key?: string;
  oracle?: OracleType;
  mapped?: MappedType;
  /** The type the column gets in Glue: the override when valid, else the mapped type. */
  target?: GlueType;
  override: boolean;
  nullable: boolean;
  comment?: string;
  /** Declared or detected personal data; `none` when declared so. */
  pii?: PiiKind | 'none';
  encrypt?: 'sha256' | 'kms';
  /** The kind of the value after the cleansing rules. */
  cleansedKind?: ValueKind;
  hasPurge: boolean;
}

export interface ColumnModel extends ColumnFacts {
  /** The facts this model was made from. */
  facts: ColumnFacts;
  node: YNode;
  index: number;
}

export interface SpecModel {
  root: YMap | null;
  table?: string;
  database?: string;
  databaseFromDefault: boolean;
  kind: 'source' | 'mart';
  format: 'iceberg' | 'parquet';
  sizeGb?: number;
  columns: ColumnModel[];
  /** By lower-cased name; the first column of a name. */
  byName: Map<string, ColumnModel>;
}

export interface RuleContext {
  text: string;
  model: SpecModel;
  config: WorkspaceConfig;
  settings: Settings;
  workspace: WorkspaceView;
  catalog?: Catalog;
  source?: SourceDictionary;
  /** What the last value scan of this table found (`tablespec scan`), by column. */
  values?: ValueFindings;
}

/** The string items of a list node, skipping anything else (the schema reports those). */
export function stringItems(node: YNode | null | undefined): YScalar[] {
  if (node?.kind !== 'seq') return [];
  return node.items.filter((i): i is YScalar => !!i && i.kind === 'scalar' && typeof i.value === 'string');
}

/** The Oracle dictionary the source checks read: an export, or the live database. */
export interface SourceDictionary {
  /** Where the dictionary comes from, for messages. */
  label: string;
  /** The table, undefined when the dictionary has no such table, `unknown` while it is still being read. */
  lookup(object: string): SourceTable | undefined | 'unknown';
}

/** What a value scan found, per column: the checks turn it into problems with their quick fixes. */
export type ValueFindings = ReadonlyMap<string, readonly FindingFacts[]>;
