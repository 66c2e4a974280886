/**
 * What the server keeps of each spec it has checked: the text and version it checked, and for open
 * documents only, what completion, hover, quick fixes and symbols read (the tree, the line index, the
 * fixes) and the checker whose caches make the next keystroke cheap. A workspace of a thousand specs
 * must not keep a thousand trees.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, Problem } from '../core/problem';
import type { LineIndex } from '../core/line-index';
import { createSpecChecker, type CheckResult } from '../document/check-spec';
import { checkAliasBound } from '../document/parse-yaml';
import type { ValueFindings } from '../rules/check-value-findings';
import { checkBudgetMs } from './budget';

export interface Checked {
  version: number;
  text: string;
  /** Whether the text declares joins: worked out once, the first time a table's definition changes. */
  joins?: boolean;
  open?: { index: LineIndex; result: CheckResult; fixes: Map<string, Fix[]> };
}

type SpecChecker = ReturnType<typeof createSpecChecker>;

export class SpecCache {
  /** Every spec checked, open or not, by URI. */
  readonly checked = new Map<string, Checked>();
  /** The findings of the last value scan of each spec (counts and masked examples only), shown as diagnostics. */
  readonly valueScans = new Map<string, ValueFindings>();
  /** The codes and severities last published per spec, for the TableSpec view. */
  readonly published = new Map<string, { code: string; severity: Problem['severity'] }[]>();
  private readonly checkers = new Map<string, SpecChecker>();
  /** The problem of a tablespec.yaml whose aliases go over the bound, by version: such a file never reaches the YAML service. */
  private readonly workspaceBound = new Map<string, { version: number; problem: Problem | undefined }>();

  /** The checker of an open document, made on its first check and kept until it closes. */
  checkerOf(uri: string): SpecChecker {
    let checker = this.checkers.get(uri);
    if (!checker) this.checkers.set(uri, (checker = createSpecChecker({ budgetMs: checkBudgetMs })));
    return checker;
  }

  /** The alias-bound problem of an open tablespec.yaml, computed once per version. */
  overBound(doc: TextDocument): Problem | undefined {
    let known = this.workspaceBound.get(doc.uri);
    if (!known || known.version !== doc.version) this.workspaceBound.set(doc.uri, (known = { version: doc.version, problem: checkAliasBound(doc.getText()) }));
    return known.problem;
  }

  /** A document closed: whatever it cost to keep open (its checker's caches) goes with it. */
  forgetOpen(uri: string): void {
    this.checkers.delete(uri);
    this.workspaceBound.delete(uri);
  }

  /** A spec gone from disk. */
  forget(uri: string): void {
    this.forgetOpen(uri);
    this.checked.delete(uri);
    this.published.delete(uri);
  }
}
