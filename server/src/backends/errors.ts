/**
 * The few kinds of failure a user can act on, each with a message that says what to do. AWS and
 * DuckDB errors are mapped to these at the boundary; the rest of the code sees only these.
 */
import * as l10n from '@vscode/l10n';
import { SqlSafetyError } from '../sql/identifiers';

export type FailureKind =
  | 'no-credentials'
  | 'expired-session'
  | 'access-denied'
  | 'not-found'
  | 'conflict'
  | 'throttled'
  | 'timed-out'
  | 'cancelled'
  | 'scan-limit'
  | 'query-failed'
  | 'invalid-spec'
  | 'needs-confirmation'
  | 'needs-salt'
  | 'unsafe-sql'
  | 'failed';

export class OperationError extends Error {
  override readonly name = 'OperationError';
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** What the engine said, for the log. */
    readonly detail?: string,
    /** For `needs-confirmation`: what an editor asks (the message without the command-line flag), and the table to type on a protected environment. */
    readonly ask?: { prompt: string; typeTable?: string; emptyTable?: boolean },
    /** A shell command that fixes it (`aws sso login --profile dev`), for an editor's Copy button. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export function cancelled(what?: string): OperationError {
  return new OperationError('cancelled', l10n.t('{0} was cancelled.', what ?? l10n.t('The operation')));
}

export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw cancelled(what);
}

/** Any failure as an OperationError: unsafe SQL and engine errors included. */
export function asOperationError(err: unknown): OperationError {
  if (err instanceof OperationError) return err;
  if (err instanceof SqlSafetyError) return new OperationError('unsafe-sql', l10n.t('{0} No statement was run.', err.message));
  return new OperationError('failed', (err as Error).message ?? String(err));
}
