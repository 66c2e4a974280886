/** Compiler-style lines (`file:line:col: severity code message`) that editors and CI logs link. */
import type { LocatedProblem } from './located';

export function formatText(problems: LocatedProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}`).join('\n');
}

export function summary(problems: LocatedProblem[], files: number): string {
  const count = (s: string) => problems.filter((p) => p.severity === s).length;
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${n(files, 'file')} checked: ${n(count('error'), 'error')}, ${n(count('warning'), 'warning')}, ${count('info') + count('hint')} info.`;
}
