import { describe, expect, it } from 'vitest';
import { net027 } from '../../../src/analyses/invariants/rules/net027-no-egress-to-the-world-beyond-the-design.js';
import { known, type SecurityGroupRule } from '../../../src/model/types.js';
import {
  allowAllOutbound,
  ecsService,
  listener,
  loadBalancer,
  model,
  securityGroup,
  subnet,
  vpc,
} from '../support/model-builder.js';

const net = vpc('Vpc', '10.0.0.0/16');
const private1 = subnet('Private1', net, '10.0.0.0/24', 'eu-central-1a');
const egress = (protocol: SecurityGroupRule['protocol'], from: number, to: number, cidr = '0.0.0.0/0') => ({
  direction: 'egress' as const,
  protocol,
  fromPort: from,
  toPort: to,
  peer: { kind: 'cidr' as const, cidr: known(cidr) },
});
const implicit = { ...allowAllOutbound('LbSg'), implicit: true as const };

describe('NET027 no egress to the world beyond the design', () => {
  it("fails a load balancer group that keeps EC2's default allow-all egress, saying so", () => {
    const group = { ...securityGroup('LbSg', net, []), rules: [implicit] };
    const nlb = loadBalancer('Nlb', [private1], { kind: 'network', securityGroupIds: [known(group.id)] });
    expect(
      net027.check(model({ securityGroups: [group], loadBalancers: [nlb] })).map((f) => f.message),
    ).toEqual([
      "Net/LbSg: Net/LbSg, the security group of Nlb, allows all traffic to 0.0.0.0/0 (EC2's default rule: the group declares no egress of its own); a load balancer needs no egress to the world. Restrict its egress to what its flows use.",
    ]);
  });

  it('accepts HTTPS to the world from an ALB that authenticates users with an identity provider', () => {
    const group = securityGroup('AlbSg', net, [egress('tcp', 443, 443)]);
    const authenticating = {
      ...listener('Https', 443),
      defaultActions: [
        { kind: 'authenticate' as const, type: 'authenticate-oidc' },
        { kind: 'forward' as const, targetGroupIds: [] },
      ],
    };
    const alb = loadBalancer('Alb', [private1], {
      securityGroupIds: [known(group.id)],
      listeners: [authenticating],
    });
    expect(net027.check(model({ securityGroups: [group], loadBalancers: [alb] }))).toEqual([]);
    const plain = loadBalancer('Alb', [private1], {
      securityGroupIds: [known(group.id)],
      listeners: [listener('Http', 80)],
    });
    expect(net027.check(model({ securityGroups: [group], loadBalancers: [plain] }))).toHaveLength(1);
  });

  it('accepts task egress to the world on named ports, and fails it on every port', () => {
    const named = securityGroup('TaskSg', net, [
      egress('tcp', 443, 443),
      egress('udp', 53, 53, '1.1.1.1/32'),
    ]);
    const tasks = ecsService('Service', [private1], { securityGroupIds: [known(named.id)] });
    expect(net027.check(model({ securityGroups: [named], ecsServices: [tasks] }))).toEqual([]);
    const wide = securityGroup('TaskSg', net, [egress('tcp', 0, 65535)]);
    expect(
      net027.check(model({ securityGroups: [wide], ecsServices: [tasks] })).map((f) => f.message),
    ).toEqual([
      'Net/TaskSg: Net/TaskSg, the security group of Service, allows tcp 0-65535 to 0.0.0.0/0; no flow of the design needs every port. Restrict its egress to what its flows use.',
    ]);
  });

  it('leaves alone groups that no load balancer or workload uses', () => {
    const endpoints = { ...securityGroup('EndpointSg', net, []), rules: [implicit] };
    expect(net027.check(model({ securityGroups: [endpoints] }))).toEqual([]);
  });
});
