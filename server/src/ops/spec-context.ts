/**
 * Everything an operation needs about one spec: its workspace, its environment, and its plan. An
 * operation runs only on a spec without errors: a broken spec never reaches an engine.
 */
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { workspacePath } from '../core/workspace-path';
import { defaultSettings, loadWorkspaceConfig, type Environment, type WorkspaceConfig } from '../config/workspace-config';
import { LineIndex } from '../core/line-index';
import { OperationError } from '../backends/errors';
import { normalizeTable, type NormalizedTable } from '../sql/normalized-table';
import type { SpecModel } from '../document/spec-model';
import { checkFiles } from '../workspace/check-files';
import { findWorkspaceRoot } from '../workspace/find-files';

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

/** Reads and checks a spec; throws `invalid-spec` listing its errors when it has any. */
export function loadSpec(file: string, environmentName: string, text?: string): SpecContext {
  if (text === undefined && !existsSync(file)) throw new OperationError('not-found', l10n.t('No such spec: {0}', file));
  const root = findWorkspaceRoot(file) ?? dirname(file);
  const config = loadWorkspaceConfig(root);
  const environment = resolveEnvironment(config, environmentName);
  const run = checkFiles([file], { ...defaultSettings, environment: environmentName }, undefined, text === undefined ? undefined : new Map([[file, text]]), undefined, { models: true });
  const result = run.files[0]!;
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    const index = new LineIndex(result.text);
    const list = errors.slice(0, 10).map((p) => `  ${l10n.t('line {0}: {1} {2}', index.position(p.start).line + 1, p.code, p.message)}`);
    // The path as the workspace names it: the same on every machine, and short enough to read in a toast.
    const name = relative(root, file).split(sep).join('/');
    throw new OperationError('invalid-spec', `${errors.length > 1 ? l10n.t('{0} has {1} errors; fix them first:', name, errors.length) : l10n.t('{0} has 1 error; fix it first:', name)}\n${list.join('\n')}${errors.length > 10 ? `\n  ${l10n.t('… {0} more', errors.length - 10)}` : ''}`);
  }
  const model = result.model!;
  return { file, root, config, environment, model, plan: normalizeTable(model, environment) };
}

export { workspacePath };
