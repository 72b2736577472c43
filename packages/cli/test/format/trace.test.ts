import { describeEndpoint, type Endpoint, type Finding, type Hop, type Trace } from '@moat/analyzer';
import { expect, it } from 'vitest';
import { findingText, formatTrace } from '../../src/format/trace.js';

const source = (stack: string, logicalId: string, type: string, constructPath?: string) => ({
  stack,
  logicalId,
  type,
  ...(constructPath === undefined ? {} : { constructPath }),
});

const taskHop: Hop = {
  kind: 'task ENI',
  node: source('Workload', 'Service', 'AWS::ECS::Service', 'Workload/PriceService/Service/Service'),
  steps: [
    {
      action: 'sg-rule',
      detail: 'egress 0.0.0.0/0:443',
      source: source('Workload', 'TaskSecurityGroup', 'AWS::EC2::SecurityGroup'),
    },
  ],
};
const firewallHop: Hop = {
  kind: 'firewall',
  node: source(
    'Network',
    'EgressFirewall',
    'AWS::NetworkFirewall::Firewall',
    'Network/EgressFirewall/Resource',
  ),
  steps: [{ action: 'rule', detail: "'drop 1.2.3.4/32:443' DROP" }],
};

it('prints the header, one numbered line per hop with kind, resource name and decision, and the reason', () => {
  const trace: Trace = {
    flow: {
      from: { kind: 'workload', id: 'Workload/Service', availabilityZone: 'eu-central-1a' },
      to: { kind: 'host', hostname: 'api.binance.com' },
      protocol: 'tcp',
      port: 443,
    },
    disposition: 'DROPPED_BY_FIREWALL',
    hops: [taskHop, firewallHop],
    reason: "the firewall EgressFirewall drops it with rule 'drop 1.2.3.4/32:443'",
    availabilityZone: 'eu-central-1a',
  };
  const names = (endpoint: Endpoint) =>
    endpoint.kind === 'workload' ? 'PriceService' : describeEndpoint(endpoint);
  expect(formatTrace(trace, 'egress', names)).toBe(
    [
      'egress PriceService → api.binance.com:443/tcp  DROPPED_BY_FIREWALL  (2 hops, AZ eu-central-1a)',
      ' 1  task ENI  PriceService    sg-rule egress 0.0.0.0/0:443 (TaskSecurityGroup)',
      " 2  firewall  EgressFirewall  rule 'drop 1.2.3.4/32:443' DROP",
      " reason: the firewall EgressFirewall drops it with rule 'drop 1.2.3.4/32:443'",
      '',
    ].join('\n'),
  );
});

it('prints the return path of an accepted flow', () => {
  const trace: Trace = {
    flow: { from: { kind: 'internet' }, to: { kind: 'entry', id: 'Network/Alb' }, protocol: 'tcp', port: 80 },
    disposition: 'ACCEPTED',
    hops: [firewallHop],
    returnHops: [firewallHop, taskHop],
  };
  expect(formatTrace(trace)).toBe(
    [
      'internet → Alb:80/tcp  ACCEPTED  (1 hop)',
      " 1  firewall  EgressFirewall  rule 'drop 1.2.3.4/32:443' DROP",
      ' return: firewall EgressFirewall → task ENI PriceService',
      '',
    ].join('\n'),
  );
});

it('names the resource of a finding as people read it, in place of where it is in the templates', () => {
  const finding: Finding = {
    ruleId: 'NET010',
    severity: 'warning',
    message:
      "MoatNetwork/ApiRestApiDeploymentStageprodE828476C (MoatNetwork/Api/RestApi/DeploymentStage.prod/Resource): stage 'prod' has no WAF web ACL.",
    source: source(
      'MoatNetwork',
      'ApiRestApiDeploymentStageprodE828476C',
      'AWS::ApiGateway::Stage',
      'MoatNetwork/Api/RestApi/DeploymentStage.prod/Resource',
    ),
  };
  expect(findingText(finding)).toBe("Api stage prod: stage 'prod' has no WAF web ACL.");
  expect(findingText({ ...finding, message: 'the account has no flow logs' })).toBe(
    'the account has no flow logs',
  );
});
