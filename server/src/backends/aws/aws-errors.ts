/** AWS SDK failures mapped to the kinds a user can act on, each saying what to do. */
import * as l10n from '@vscode/l10n';
import { OperationError } from '../errors';

export function mapAwsError(err: unknown, profile: string | undefined, action: string): OperationError {
  if (err instanceof OperationError) return err;
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? '';
  const message = e.message ?? String(err);
  const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
  if (name === 'AbortError') return new OperationError('cancelled', l10n.t('{0} was cancelled.', action), message);
  // An expired SSO session comes as the service's ExpiredToken, or from the SDK itself before any call:
  // CredentialsProviderError "The SSO session associated with this profile has expired …", TokenProviderError
  // "Token is expired …". Whatever the class, the fix is the same command.
  if (/ExpiredToken|TokenRefreshRequired|TokenProviderError|token.*expired|expired.*token|session.*(expired|invalid)|SSO.*(expired|refresh)|sso login/i.test(name + ' ' + message)) {
    return new OperationError('expired-session', l10n.t('The AWS session has expired: run `{0}` and try again.', login), message, undefined, login);
  }
  if (/Region is missing/i.test(message)) {
    return new OperationError(
      'invalid-spec',
      profile
        ? l10n.t('No AWS region: set `region` in the environment in tablespec.yaml, or `region` in profile {0} (~/.aws/config).', profile)
        : l10n.t('No AWS region: set `region` in the environment in tablespec.yaml, or AWS_REGION.'),
      message,
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|no credentials/i.test(message)) {
    return new OperationError(
      'no-credentials',
      profile
        ? l10n.t('No AWS credentials for profile {0}: run `aws configure --profile {0}`, or `{1}` for an SSO profile.', profile, login)
        : l10n.t('No AWS credentials: run `aws configure`, or `{0}` for an SSO profile.', login),
      message,
      undefined,
      login,
    );
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || e.$metadata?.httpStatusCode === 403) {
    return new OperationError(
      'access-denied',
      profile
        ? l10n.t('Access denied to {0} for profile {1}: ask for the permission, or use another profile.', action, profile)
        : l10n.t('Access denied to {0}: ask for the permission, or use another profile.', action),
      message,
    );
  }
  if (name === 'EntityNotFoundException' || name === 'NoSuchKey' || name === 'NoSuchBucket' || /does not exist|not found/i.test(message))
    return new OperationError('not-found', `${action}: ${message}`, message);
  if (name === 'ConcurrentModificationException' || name === 'AlreadyExistsException') {
    return new OperationError('conflict', l10n.t('{0}: someone else changed it at the same time ({1}). Plan again and retry.', action, name), message);
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || /Rate exceeded/i.test(message)) {
    return new OperationError('throttled', l10n.t('{0} was throttled by AWS after retries: wait a minute and try again, or run fewer queries at once.', action), message);
  }
  if (name === 'TimeoutError' || /timed? ?out/i.test(message)) return new OperationError('timed-out', l10n.t('{0} timed out: check the network or VPN to AWS.', action), message);
  return new OperationError('failed', l10n.t('{0} failed: {1}', action, message), message);
}
