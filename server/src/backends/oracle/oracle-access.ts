/**
 * Who may give the Oracle password, and to which host. `tablespec.yaml` is part of a shared workspace:
 * if it could name any environment variable, a spec repository could send `AWS_SECRET_ACCESS_KEY` to a
 * host it also names. So only variables of TableSpec's own prefix (or the editor's secret storage) hold
 * the password, and a host named by the workspace is connected to only once the engineer has said so.
 */
import * as l10n from '@vscode/l10n';
import { OperationError } from '../errors';

export const passwordEnvPrefix = 'TABLESPEC_';
export const defaultPasswordEnv = 'TABLESPEC_ORACLE_PASSWORD';
/** A comma-separated list of Oracle hosts the engineer allows without asking (CI, scripts). */
export const approvedHostsEnv = 'TABLESPEC_ORACLE_HOSTS';

/** Whether an environment variable may hold the Oracle password. */
export function isPasswordEnvAllowed(name: string): boolean {
  return /^TABLESPEC_[A-Z0-9_]+$/.test(name);
}

/** Refuses a password variable outside TableSpec's prefix. */
export function checkPasswordEnv(name: string): void {
  if (!isPasswordEnvAllowed(name)) {
    throw new OperationError(
      'invalid-spec',
      l10n.t(
        "`oracle.password_env` names {0}: only variables whose name starts with {1} may hold the Oracle password (a workspace must not send another secret to a host it names). Use {2}, or the editor's secret storage.",
        name,
        passwordEnvPrefix,
        defaultPasswordEnv,
      ),
    );
  }
}

/** The host of a connect string (EZConnect `host:port/service`, `//host/service`, or a descriptor's `HOST=`), lower-case. */
export function oracleHost(connectString: string): string {
  const descriptor = /\(\s*HOST\s*=\s*([^)\s]+)\s*\)/i.exec(connectString);
  if (descriptor) return descriptor[1]!.toLowerCase();
  const ez = connectString
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/^\/\//, '');
  const bracketed = /^\[([^\]]+)\]/.exec(ez);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return ez.split(/[:/?]/)[0]!.toLowerCase();
}

/**
 * What an editor's answer holds for: an approval for this workspace folder, host and user; a password for this
 * host and user. Oracle folds a user name to one case, so `etl` and `ETL` are one user (lower case here, as the
 * editor has kept them so far).
 */
export function oracleAccessKeys(folder: string, host: string, user: string): { approval: string; credential: string } {
  const who = user.toLowerCase();
  return { approval: `${folder}|${host}|${who}`, credential: `${host}|${who}` };
}

/** Hosts allowed by the environment variable. */
export function approvedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[approvedHostsEnv] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * On the command line: the host named by the workspace needs `--yes` or the host listed in
 * TABLESPEC_ORACLE_HOSTS; else a needs-confirmation error naming host and user.
 */
export function requireHostConfirmation(target: { connectString: string; user: string }, yes: boolean, env: NodeJS.ProcessEnv = process.env): void {
  const host = oracleHost(target.connectString);
  if (yes || approvedHosts(env).includes(host)) return;
  const prompt = l10n.t('tablespec.yaml connects to Oracle at {0} as {1}, and would send it the password. Connect only to a host you know.', host, target.user);
  throw new OperationError('needs-confirmation', `${prompt} ${l10n.t('Confirm with --yes, or list the host in {0}.', approvedHostsEnv)}`, undefined, { prompt });
}
