/**
 * What a deploy changes in a table, as data: from the deployed table to the spec's, each change safe,
 * needing a data rewrite, or destructive. Computed by ops/plan-changes.ts; applied by each backend's writer.
 */
import type { Table } from '@aws-sdk/client-glue';

export type Safety = 'safe' | 'rewrite' | 'destructive';

export interface Change {
  kind: 'create-table' | 'add-column' | 'drop-column' | 'retype-column' | 'comment' | 'partition-keys' | 'location' | 'format' | 'properties' | 'view';
  target: string;
  detail: string;
  safety: Safety;
}

export interface DeployPlan {
  table: string;
  environment: string;
  changes: Change[];
  desired: Table;
  current?: Table;
}
