/** AWS SDK failures mapped to the kinds a user can act on, each saying what to do. */
import { OperationError } from '../errors';

export function mapAwsError(err: unknown, profile: string | undefined, action: string): OperationError {
  if (err instanceof OperationError) return err;
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? '';
  const message = e.message ?? String(err);
  const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
  if (name === 'AbortError') return new OperationError('cancelled', `${action} was cancelled.`, message);
  if (name === 'CredentialsProviderError' || /Could not load credentials|no credentials/i.test(message)) {
    return new OperationError('no-credentials', `No AWS credentials${profile ? ` for profile ${profile}` : ''}: run \`aws configure${profile ? ` --profile ${profile}` : ''}\`, or \`${login}\` for an SSO profile.`, message);
  }
  if (/ExpiredToken|TokenRefreshRequired|token.*expired|session.*expired|SSO.*expired/i.test(name + ' ' + message)) {
    return new OperationError('expired-session', `The AWS session has expired: run \`${login}\` and try again.`, message);
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || e.$metadata?.httpStatusCode === 403) {
    return new OperationError('access-denied', `Access denied to ${action}${profile ? ` for profile ${profile}` : ''}: ask for the permission, or use another profile.`, message);
  }
  if (name === 'EntityNotFoundException' || name === 'NoSuchKey' || name === 'NoSuchBucket' || /does not exist|not found/i.test(message)) return new OperationError('not-found', `${action}: ${message}`, message);
  if (name === 'ConcurrentModificationException' || name === 'AlreadyExistsException') {
    return new OperationError('conflict', `${action}: someone else changed it at the same time (${name}). Plan again and retry.`, message);
  }
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || /Rate exceeded/i.test(message)) {
    return new OperationError('throttled', `${action} was throttled by AWS after retries: wait a minute and try again, or run fewer queries at once.`, message);
  }
  if (name === 'TimeoutError' || /timed? ?out/i.test(message)) return new OperationError('timed-out', `${action} timed out: check the network or VPN to AWS.`, message);
  return new OperationError('failed', `${action} failed: ${message}`, message);
}
