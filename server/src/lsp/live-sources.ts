/**
 * What the editor's workspaces read live besides files: the open documents' text (tablespec.yaml is
 * read from the editor first), the Glue or local catalog of an environment, and the Oracle dictionary
 * of the connection tablespec.yaml names (once the editor has confirmed the host).
 */
import * as l10n from '@vscode/l10n';
import { OperationError } from '../backends/errors';
import type { WorkspaceConfig } from '../config/workspace-config';
import { createLiveDictionary } from '../backends/oracle/live-dictionary';
import { connectOracle, type OracleSession } from '../backends/oracle/live-oracle';
import { isPasswordEnvAllowed, oracleAccessKeys, oracleHost } from '../backends/oracle/oracle-access';
import type { OracleAccessAnswer, OracleAccessRequest } from '../protocol';
import type { WorkspaceHost } from '../workspace/workspace';
import { liveCatalogFor } from './live-catalogs';

export interface LiveEvents {
  /** The editor's text of a file when it is open. */
  openText(path: string): string | undefined;
  /** Something the engineer should see: a snapshot or dictionary that cannot be used. */
  warn(message: string): void;
  /** For the log only. */
  log(message: string): void;
  /** A live catalog or dictionary fetched new metadata in the background. */
  changed(): void;
  /** Asks the editor before connecting to the Oracle host tablespec.yaml names; it may give the password from its secret storage. */
  oracleAccess(request: OracleAccessRequest): Promise<OracleAccessAnswer>;
}

export type { OracleAccessRequest };

/** The host of the editor's workspaces: open texts first, catalogs and dictionaries live. */
export function liveWorkspaceHost(events: LiveEvents): WorkspaceHost {
  return {
    openText: (path) => events.openText(path),
    warn: (m) => events.warn(m),
    log: (m) => events.log(m),
    liveCatalog: (root, env) => liveCatalogFor(root, env, () => events.changed()),
    liveDictionary: (root, target) => {
      // No export named, a connection is: read the dictionary from Oracle in the background.
      let session: Promise<OracleSession> | undefined;
      return createLiveDictionary({
        label: `Oracle ${target.connectString}`,
        fetch: async (owner) => (await (session ??= openOracle(root, target, events))).dictionary(owner),
        onChange: () => events.changed(),
      });
    },
  };
}

/** Connects once the editor has confirmed the host: with the password from its secret storage, else from the TABLESPEC_ variable. */
async function openOracle(root: string, target: NonNullable<WorkspaceConfig['oracle']>, events: LiveEvents): Promise<OracleSession> {
  const host = oracleHost(target.connectString);
  try {
    const envHasPassword = isPasswordEnvAllowed(target.passwordEnv) && !!process.env[target.passwordEnv];
    const access = await events.oracleAccess({
      folder: root,
      host,
      user: target.user,
      connectString: target.connectString,
      passwordEnv: target.passwordEnv,
      envHasPassword,
      ...oracleAccessKeys(root, host, target.user),
    });
    if (!access.approved) throw new OperationError('needs-confirmation', l10n.t('Not connected to Oracle at {0}: the connection was not confirmed.', host));
    return await connectOracle(target, access.password);
  } catch (err) {
    // The checks go on without the dictionary; the log says why.
    events.log(`Oracle ${host}: ${(err as Error).message}`);
    throw err;
  }
}
