/** What a value finding says, in the editor and on the command line: counts and a masked example only. */
import * as l10n from '@vscode/l10n';
import { piiLabels } from '../rules/detect-pii';
import type { ValueFinding } from './scan-values';

export interface FindingFacts extends ValueFinding {
  column: string;
  sampled: number;
}

const n = (x: number) => x.toLocaleString('en');

/** One sentence for an undeclared finding: what, how many of how many, a masked example, what to do. */
export function findingMessage(f: FindingFacts, method: string): string {
  const label = piiLabels[f.kind]();
  return f.within === 'text'
    ? l10n.t(
        '`{0}` holds {1} inside its text: {2} of {3} sampled values (e.g. {4}). Mark it `pii: {5}` and `encrypt: {6}`, or clean the text at the source.',
        f.column,
        label,
        n(f.matched),
        n(f.sampled),
        f.example,
        f.kind,
        method,
      )
    : l10n.t('`{0}` holds {1} values: {2} of {3} sampled values (e.g. {4}). Mark it `pii: {5}` and `encrypt: {6}`.', f.column, label, n(f.matched), n(f.sampled), f.example, f.kind, method);
}

/** One line for a finding the spec already declares. */
export function declaredMessage(f: FindingFacts): string {
  return l10n.t('`{0}`: {1}, {2} of {3} sampled values (e.g. {4}); declared in the spec.', f.column, piiLabels[f.kind](), n(f.matched), n(f.sampled), f.example);
}
