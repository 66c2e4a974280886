/** Finding specs and the workspace file on disk, for the checker and the server's first index. */
import { readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const specPattern = /\.table\.ya?ml$/i;
const skipped = new Set(['node_modules', '.git', '.tablespec', 'out', 'dist', '.vscode-test']);

/** Every spec under the given files and folders, sorted, each once. */
export function findSpecFiles(paths: readonly string[], limit = 100_000): string[] {
  const found = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (depth > 32 || found.size >= limit) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!skipped.has(e.name) && !e.name.startsWith('.')) walk(join(dir, e.name), depth + 1);
      } else if (e.isFile() && specPattern.test(e.name)) found.add(join(dir, e.name));
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(abs, 0);
    else found.add(abs);
  }
  return [...found].sort();
}

/** The folder holding the nearest `tablespec.yaml` above a path, or undefined. */
export function findWorkspaceRoot(path: string): string | undefined {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    if (existsSync(join(dir, 'tablespec.yaml'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
