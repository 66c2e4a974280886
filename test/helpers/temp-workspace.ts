/** A workspace in a temporary folder, made of the files a test gives. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function tempWorkspace(files: Record<string, string>): { root: string; path: (p: string) => string; write: (p: string, text: string) => void; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'tablespec-ws-'));
  const write = (p: string, text: string) => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  };
  for (const [p, text] of Object.entries(files)) write(p, text);
  return { root, path: (p) => join(root, p), write, remove: () => rmSync(root, { recursive: true, force: true }) };
}
