/** What the server says to the client unasked, and what it asks of it. */
import * as s from './shape';

/** The state of a catalog the checks read, for the status bar. */
export const catalogState = {
  method: 'tablespec/catalogState',
  params: s.object({ key: s.string, source: s.string, state: s.literal('live', 'cached', 'offline', 'snapshot') }),
} as const;
export type CatalogState = s.Infer<typeof catalogState.params>;

/**
 * Before connecting to the Oracle host a workspace's tablespec.yaml names, the server asks the editor: the
 * engineer confirms host and user once per workspace, and the password may come from the editor's secret
 * storage. `approval` and `credential` say what an answer holds for (the server decides which names are the
 * same Oracle user): a client remembers approvals under `approval` and passwords under `credential`.
 */
export const oracleAccess = {
  method: 'tablespec/oracleAccess',
  params: s.object({
    folder: s.string,
    host: s.string,
    user: s.string,
    connectString: s.string,
    passwordEnv: s.string,
    /** Whether the server found the password in its (TABLESPEC_) environment variable. */
    envHasPassword: s.boolean,
    approval: s.string,
    credential: s.string,
  }),
  result: s.object({ approved: s.boolean, password: s.optional(s.string) }),
} as const;
export type OracleAccessRequest = s.Infer<typeof oracleAccess.params>;
export type OracleAccessAnswer = s.Infer<typeof oracleAccess.result>;

/** What the client sends at `initialize`: Restricted Mode, and the editor's language. */
export const initializationOptions = s.object({ trusted: s.optional(s.boolean), locale: s.optional(s.string) });
export type InitializationOptions = s.Infer<typeof initializationOptions>;
