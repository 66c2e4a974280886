/** Problems with 1-based lines and columns, as the checker prints them. */
import { relative } from 'node:path';
import type { Severity } from '../core/problem';
import { LineIndex } from '../core/line-index';
import type { FileResult } from '../workspace/check-files';

export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export function locate(files: FileResult[], cwd = process.cwd()): LocatedProblem[] {
  const out: LocatedProblem[] = [];
  for (const f of files) {
    const index = new LineIndex(f.text);
    const file = relative(cwd, f.path) || f.path;
    for (const p of f.problems) {
      const s = index.position(p.start);
      const e = index.position(p.end);
      out.push({ file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: p.severity, code: p.code, message: p.message });
    }
  }
  return out;
}
