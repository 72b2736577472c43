import { describe, expect, it } from 'vitest';
import { ConfirmError, explainAwsFailure } from '../../src/errors.js';

const context = { account: '111111111111', region: 'eu-central-1', profile: 'moat-dev' };

/** An error as the SDK v3 throws it: its `name` is the service's error code. */
const awsError = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...extra });

describe('explainAwsFailure', () => {
  it('names the missing permission, the account and profile, and the policy to grant', () => {
    const error = explainAwsFailure(
      awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      'ec2:CreateNetworkInsightsPath',
      context,
    );
    expect(error).toBeInstanceOf(ConfirmError);
    expect((error as Error).message).toBe(
      'ec2:CreateNetworkInsightsPath was denied in account 111111111111 in eu-central-1 (profile "moat-dev"): You are not authorized to perform this operation. Grant the actions of "moat confirm --iam-policy" to that principal (docs/steps.md lists them)',
    );
  });

  it('says how to sign in when there are no credentials', () => {
    const error = explainAwsFailure(
      awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
      'sts:GetCallerIdentity',
      { account: 'the account of the credentials', region: 'eu-central-1' },
    );
    expect((error as Error).message).toBe(
      'no AWS credentials for account the account of the credentials in eu-central-1 (the default credential chain): Could not load credentials from any providers. Sign in (aws sso login) or name a profile with --profile, as in --profile networking=P1,workload=P2',
    );
  });

  it('says to refresh credentials that AWS refused', () => {
    const error = explainAwsFailure(
      awsError('ExpiredToken', 'The security token included in the request is expired'),
      'cloudformation:DescribeStacks',
      context,
    );
    expect((error as Error).message).toBe(
      'the credentials for account 111111111111 in eu-central-1 (profile "moat-dev") were refused (ExpiredToken: The security token included in the request is expired). Refresh them (aws sso login --profile moat-dev) and run again',
    );
  });

  it('keeps any other error as it is, with its stack trace: a bug or an outage is not a usage mistake', () => {
    const outage = awsError('InternalError', 'We encountered an internal error.');
    expect(explainAwsFailure(outage, 'ec2:StartNetworkInsightsAnalysis', context)).toBe(outage);
  });
});
