import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-central-1';

export interface SmallApp {
  readonly app: App;
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
}

/**
 * A team's own small network, not Moat's: one VPC with flow logs in two AZs (given in the context, so
 * nothing is looked up), in-process synthesis with construct paths as `cdk synth` writes them.
 */
export function smallApp(): SmallApp {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'moat-cdk-')),
    context: {
      [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: [`${REGION}a`, `${REGION}b`],
      'aws:cdk:enable-path-metadata': true,
    },
  });
  const stack = new Stack(app, 'Shop', { env: { account: ACCOUNT, region: REGION } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    flowLogs: { All: { trafficType: ec2.FlowLogTrafficType.ALL } },
  });
  return { app, stack, vpc };
}

/** The mistake the plugin must catch: a task security group open to the whole internet on 8080. */
export function worldOpenTaskGroup({ stack, vpc }: SmallApp): ec2.SecurityGroup {
  const group = new ec2.SecurityGroup(stack, 'TaskSecurityGroup', { vpc, description: 'tasks' });
  group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(8080), 'the app port');
  return group;
}
