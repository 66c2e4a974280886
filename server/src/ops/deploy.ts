/**
 * Plan and deploy: compare the spec's table with the catalog, show every change with its safety,
 * and apply them once confirmed. A concurrent change since the plan is reported, never overwritten.
 */
import * as l10n from '@vscode/l10n';
import type { Backend, Progress, TableWriter } from '../backends/types';
import { desiredTable } from '../sql/glue-table';
import type { DeployPlan } from '../sql/table-changes';
import type { SpecContext } from './spec-context';
import { requireConfirmation, type Confirmation } from './confirm';
import { planChanges } from './plan-changes';

export type { DeployPlan, TableWriter };

export async function planDeploy(ctx: SpecContext, backend: Backend, signal?: AbortSignal): Promise<DeployPlan> {
  const desired = desiredTable(ctx.plan);
  const current = await backend.getTable(ctx.plan.database, ctx.plan.table, signal);
  const plan: DeployPlan = { table: `${ctx.plan.database}.${ctx.plan.table}`, environment: ctx.environment.name, changes: planChanges(ctx.plan, desired, current), desired };
  if (current) plan.current = current;
  return plan;
}

export function destructiveChanges(plan: DeployPlan): string[] {
  return plan.changes.filter((c) => c.safety !== 'safe').map((c) => `${c.safety === 'destructive' ? l10n.t('destroy') : l10n.t('rewrite data')}: ${c.kind} ${c.target} (${c.detail})`);
}

export async function deploy(
  ctx: SpecContext,
  backend: Backend,
  writer: TableWriter,
  confirmation: Confirmation,
  options: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<DeployPlan> {
  const plan = await planDeploy(ctx, backend, options.signal);
  const tableChanges = plan.changes.filter((c) => c.kind !== 'view');
  if (tableChanges.length === 0 && plan.changes.length === 0) return plan;
  requireConfirmation(ctx.environment, ctx.plan.table, destructiveChanges(plan), confirmation);
  await writer.apply(ctx, plan, options.signal, options.onProgress);
  return plan;
}
