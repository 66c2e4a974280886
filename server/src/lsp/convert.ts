/** Problems to LSP diagnostics: the only place that turns offsets into LSP ranges. */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Problem, Severity } from '../core/problem';
import type { LineIndex } from '../core/line-index';
import { codeHref } from './code-docs';

const severity: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

export function toRange(index: LineIndex, start: number, end: number): Range {
  return { start: index.position(start), end: index.position(end) };
}

export function toDiagnostic(index: LineIndex, p: Problem): Diagnostic {
  const href = codeHref(p.code);
  return { range: toRange(index, p.start, p.end), severity: severity[p.severity], code: p.code, ...(href ? { codeDescription: { href } } : {}), source: 'tablespec', message: p.message };
}

/** The key that ties a diagnostic the editor sends back to the problem (and fixes) it came from. */
export function problemKey(code: string | number | undefined, range: Range): string {
  return `${code}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
