import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { STSClient } from '@aws-sdk/client-sts';
import type { CallContext } from '../errors.js';

/** The AWS SDK clients of one account and region, built once and shared by every module of a run. */
export interface AccountClients {
  readonly context: CallContext;
  readonly cloudFormation: CloudFormationClient;
  readonly ec2: EC2Client;
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;
  readonly sts: STSClient;
}

/**
 * How clients are made. `profile` picks a named profile of the shared config files; without one the SDK's
 * default credential chain applies (environment, SSO, web identity, container and instance roles):
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html
 * `endpoint` sends every call to one URL (a local emulator such as moto); `credentials` replaces the chain.
 */
export interface ClientSettings {
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export function accountClients(
  settings: ClientSettings,
  region: string,
  account: string,
  profile: string | undefined,
): AccountClients {
  const config = {
    region,
    ...(profile === undefined ? {} : { profile }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: { ...settings.credentials } }),
    // The default (3 attempts) already retries throttling; an analysis poll should not stall longer.
    maxAttempts: 3,
  };
  return {
    context: { account, region, ...(profile === undefined ? {} : { profile }) },
    cloudFormation: new CloudFormationClient(config),
    ec2: new EC2Client(config),
    ecs: new ECSClient(config),
    logs: new CloudWatchLogsClient(config),
    sts: new STSClient(config),
  };
}
