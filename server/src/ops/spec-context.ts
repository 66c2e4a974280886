/**
 * Everything an operation needs about one spec: its workspace, its environment, and its plan. An
 * operation runs only on a spec without errors: a broken spec never reaches an engine.
 */
import * as l10n from '@vscode/l10n';
import { dirname, relative, sep } from 'node:path';
import { workspacePath } from '../core/workspace-path';
import type { Environment, WorkspaceConfig } from '../config/workspace-config';
import { LineIndex } from '../core/line-index';
import { OperationError } from '../backends/errors';
import { normalizeTable, type NormalizedTable } from '../sql/normalized-table';
import type { SpecModel } from '../document/spec-model';
import { workspaceOfFile, type Workspace } from '../workspace/workspace';

export interface SpecContext {
  file: string;
  model: SpecModel;
  root: string;
  config: WorkspaceConfig;
  environment: Environment;
  plan: NormalizedTable;
}

export function resolveEnvironment(config: WorkspaceConfig, name: string): Environment {
  const env = config.environments[name];
  if (!env) throw new OperationError('invalid-spec', l10n.t('No environment `{0}` in tablespec.yaml; known: {1}.', name, Object.keys(config.environments).join(', ')));
  return env;
}

/**
 * Reads and checks a spec in its workspace; throws `invalid-spec` listing its errors when it has any.
 * `workspace`: the editor's live one (its unsaved texts and settings); by default the spec's workspace
 * is opened from disk. A check the settings disable does not count.
 */
export function loadSpec(file: string, environmentName: string, workspace: Workspace = workspaceOfFile(file)): SpecContext {
  const root = workspace.root || dirname(file);
  const config = workspace.config;
  const environment = resolveEnvironment(config, environmentName);
  let result = workspace.checkSpec(file, { environment: environmentName });
  if (!result) throw new OperationError('not-found', l10n.t('No such spec: {0}', file));
  // A check the settings disable does not block, unless the spec cannot be acted on without it (a column without a type).
  const { model } = result;
  if (!model.table || !model.database || model.columns.some((c) => !c.name || !c.target)) result = workspace.checkSpec(file, { environment: environmentName, disabled: [] })!;
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    const index = new LineIndex(result.text);
    const list = errors.slice(0, 10).map((p) => `  ${l10n.t('line {0}: {1} {2}', index.position(p.start).line + 1, p.code, p.message)}`);
    // The path as the workspace names it: the same on every machine, and short enough to read in a toast.
    const name = relative(root, file).split(sep).join('/');
    throw new OperationError(
      'invalid-spec',
      `${errors.length > 1 ? l10n.t('{0} has {1} errors; fix them first:', name, errors.length) : l10n.t('{0} has 1 error; fix it first:', name)}\n${list.join('\n')}${errors.length > 10 ? `\n  ${l10n.t('… {0} more', errors.length - 10)}` : ''}`,
    );
  }
  return { file, root, config, environment, model, plan: normalizeTable(model, environment) };
}

export { workspacePath };
