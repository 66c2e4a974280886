/**
 * How a command fails on the wire: a JSON-RPC error whose `data` says the kind as a code, so that a client
 * decides what to do (ask, retry with a salt, offer a command to copy) from data, never from the wording
 * of the message, which is in the engineer's language and may change.
 */
import * as s from './shape';

/** The kinds of failure a user can act on; the server's OperationError kinds are exactly these. */
export const errorKinds = [
  'no-credentials',
  'expired-session',
  'access-denied',
  'not-found',
  'conflict',
  'throttled',
  'timed-out',
  'cancelled',
  'scan-limit',
  'query-failed',
  'invalid-spec',
  'needs-confirmation',
  'needs-salt',
  'unsafe-sql',
  'untrusted',
  'failed',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** What a refused confirmation asks: the question in the server's words, and the table to type on a protected environment. */
export const confirmationAsk = s.object({ prompt: s.string, typeTable: s.optional(s.string), emptyTable: s.optional(s.boolean) });
export type ConfirmationAsk = s.Infer<typeof confirmationAsk>;

/** The answer a client sends back with the command when it runs it again. */
export const confirmation = s.object({ yes: s.optional(s.boolean), typedTable: s.optional(s.string), emptyTable: s.optional(s.boolean) });
export type Confirmation = s.Infer<typeof confirmation>;

export const errorData = s.object({
  kind: s.literal(...errorKinds),
  /** What the engine said, for the log. */
  detail: s.optional(s.string),
  /** For needs-confirmation. */
  ask: s.optional(confirmationAsk),
  /** A shell command that fixes it (`aws sso login --profile dev`), for a Copy button. */
  command: s.optional(s.string),
});
export type ErrorData = s.Infer<typeof errorData>;

/** JSON-RPC error codes the server uses: invalid parameters, a failure, a cancelled request, an unknown command. */
export const errorCodes = { invalidParams: -32602, failed: -32603, cancelled: -32800, unknownCommand: -32601 } as const;

/** A failed request as the client receives it. */
export interface CommandError {
  code: number;
  message: string;
  data?: ErrorData;
}
