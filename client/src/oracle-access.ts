/**
 * The server asks before it connects to the Oracle host that a workspace's tablespec.yaml names: the
 * engineer confirms host and user once per workspace (remembered in the workspace's state, which the
 * workspace's files cannot write), and the password may come from the editor's secret storage.
 */
import * as vscode from 'vscode';
import type { OracleAccessAnswer, OracleAccessRequest } from '../../server/src/protocol';
import { log } from './log';

// The server says which Oracle user and host an answer holds for; the editor only keeps it under that key.
const approvedKey = (r: OracleAccessRequest) => `tablespec.oracle.approved:${r.approval}`;
const passwordKey = (r: OracleAccessRequest) => `tablespec.oracle.password:${r.credential}`;

export function oracleAccess(context: vscode.ExtensionContext): (r: OracleAccessRequest) => Promise<OracleAccessAnswer> {
  // A "no" holds for this session: the server is not asked again until the editor restarts.
  const declined = new Set<string>();
  return async (r) => {
    const key = approvedKey(r);
    if (declined.has(key)) return { approved: false };
    if (!context.workspaceState.get<boolean>(key)) {
      const connect = vscode.l10n.t('Connect');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Connect to Oracle at {0} as {1}?', r.host, r.user),
        {
          modal: true,
          detail: vscode.l10n.t(
            "This workspace's tablespec.yaml names this database ({0}) for the source checks. Connecting sends it the Oracle password. Connect only to a host you know.",
            r.connectString,
          ),
        },
        connect,
      );
      if (answer !== connect) {
        declined.add(key);
        log(`Oracle at ${r.host} as ${r.user}: not connected (declined).`);
        return { approved: false };
      }
      await context.workspaceState.update(key, true);
    }
    let password = await context.secrets.get(passwordKey(r));
    if (!password && !r.envHasPassword) {
      password = await vscode.window.showInputBox({
        title: vscode.l10n.t('Oracle password for {0} at {1}', r.user, r.host),
        prompt: vscode.l10n.t("Kept in the editor's secret storage, never in a file. Or set {0} before starting the editor.", r.passwordEnv),
        password: true,
        ignoreFocusOut: true,
      });
      if (password) await context.secrets.store(passwordKey(r), password);
    }
    return password ? { approved: true, password } : { approved: true };
  };
}
