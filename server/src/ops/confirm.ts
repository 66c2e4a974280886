/**
 * What needs the engineer's explicit word before it runs: anything destructive (dropping a column, a
 * rewrite, overwriting a table, deleting old partitions, purging data), and anything at all on an
 * environment marked protected, where the table's name must be typed.
 */
import * as l10n from '@vscode/l10n';
import type { Environment } from '../config/workspace-config';
import { OperationError } from '../backends/errors';

export interface Confirmation {
  /** `--yes`, or the editor's "Yes" to a dialog that showed what will happen. */
  yes?: boolean;
  /** The table name typed by the engineer, required on a protected environment. */
  typedTable?: string;
  /** An overwrite may leave the table empty: the extract had no rows and that is what the engineer wants. */
  emptyTable?: boolean;
}

export function requireConfirmation(env: Environment, table: string, destructive: string[], confirmation: Confirmation = {}): void {
  if (env.protected) {
    if (confirmation.typedTable !== table) {
      const asked = l10n.t('Environment `{0}` is protected: type the table name to confirm (--confirm {1}).', env.name, table);
      const prompt = l10n.t('Environment `{0}` is protected.', env.name);
      const effects = destructive.length ? `\n${willDo(destructive)}` : '';
      throw new OperationError('needs-confirmation', asked + effects, undefined, { prompt: prompt + effects, typeTable: table });
    }
    return;
  }
  if (destructive.length && !confirmation.yes) {
    throw new OperationError('needs-confirmation', `${willDo(destructive)}\n${l10n.t('Confirm with --yes.')}`, undefined, { prompt: willDo(destructive) });
  }
}

function willDo(destructive: string[]): string {
  return `${l10n.t('This will:')}\n${destructive.map((d) => `  - ${d}`).join('\n')}`;
}
