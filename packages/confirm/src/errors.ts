/**
 * A problem the user can fix: no credentials, a profile of the wrong account, a missing permission, a stack
 * that is not deployed. The message names what went wrong, the value received and the fix, so the CLI prints
 * it as one line (exit 2) instead of a stack trace.
 */
export class ConfirmError extends Error {
  override readonly name = 'ConfirmError';
}

/** Where a call went: the account, and the profile its credentials came from (the default chain if none). */
export interface CallContext {
  readonly account: string;
  readonly profile?: string;
  readonly region: string;
}

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
]);
const BAD_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
]);

/** An AWS message inside a sentence of ours: without its own final period. */
const quoted = (message: string): string => message.replace(/\.+$/, '');

const profileText = (context: CallContext): string =>
  context.profile === undefined ? 'the default credential chain' : `profile "${context.profile}"`;

/**
 * Turns a failed AWS SDK call into a `ConfirmError` whose message says the fix, when the cause is one a
 * user can fix; anything else is returned unchanged (a bug or an outage keeps its stack trace).
 * `action` is the IAM action of the call, as in `cloudformation:DescribeStacks`.
 */
export function explainAwsFailure(error: unknown, action: string, context: CallContext): unknown {
  if (!(error instanceof Error)) return error;
  const where = `account ${context.account} in ${context.region} (${profileText(context)})`;
  if (error.name === 'CredentialsProviderError' || /Could not load credentials/i.test(error.message)) {
    return new ConfirmError(
      `no AWS credentials for ${where}: ${quoted(error.message)}. Sign in (aws sso login${context.profile === undefined ? '' : ` --profile ${context.profile}`}) or name a profile with --profile, as in --profile networking=P1,workload=P2`,
    );
  }
  if (BAD_CREDENTIALS.has(error.name)) {
    return new ConfirmError(
      `the credentials for ${where} were refused (${error.name}: ${quoted(error.message)}). Refresh them (aws sso login${context.profile === undefined ? '' : ` --profile ${context.profile}`}) and run again`,
    );
  }
  if (DENIED.has(error.name)) {
    return new ConfirmError(
      `${action} was denied in ${where}: ${quoted(error.message)}. Grant the actions of "moat confirm --iam-policy" to that principal (docs/steps.md lists them)`,
    );
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConfirmError(
      `cannot reach the AWS endpoint for ${action} in ${context.region} (${String(code)}: ${quoted(error.message)}). Check the network, the region (--region) and --endpoint-url if you gave one`,
    );
  }
  return error;
}

/** Runs one AWS call, turning a failure a user can fix into a `ConfirmError`. */
export async function callAws<T>(action: string, context: CallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainAwsFailure(error, action, context);
  }
}
