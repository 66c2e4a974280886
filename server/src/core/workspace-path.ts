/** Paths that tablespec.yaml and the specs write relative to the workspace root. */
import { isAbsolute, join } from 'node:path';

/** A path from tablespec.yaml or a spec, relative to the workspace root. */
export function workspacePath(root: string, path: string): string {
  return isAbsolute(path) ? path : join(root, path);
}
