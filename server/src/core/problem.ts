/** Problems, spans and fixes: the plain data every check returns. Offsets are UTF-16 code units into the document. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Span {
  start: number;
  end: number;
}

/** One replacement of the text between two offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix: a title and the edits that make it. */
export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The fix the editor may apply on "fix all" or save. */
  preferred?: boolean;
}

export interface Problem {
  code: string;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
}

export function problem(code: string, severity: Severity, span: Span, message: string, fixes?: Fix[]): Problem {
  const p: Problem = { code, severity, start: span.start, end: span.end, message };
  if (fixes && fixes.length > 0) p.fixes = fixes;
  return p;
}

/** Moves a problem found in a chunk of text to its place in the document. */
export function shiftProblem(p: Problem, base: number): Problem {
  if (base === 0) return p;
  const moved: Problem = { ...p, start: p.start + base, end: p.end + base };
  if (p.fixes) {
    moved.fixes = p.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ start: e.start + base, end: e.end + base, newText: e.newText })) }));
  }
  return moved;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Document order, then the most severe first: the order the Problems panel and the CLI print. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.start - b.start || severityRank[a.severity] - severityRank[b.severity] || a.code.localeCompare(b.code);
}
