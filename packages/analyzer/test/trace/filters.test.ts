import { describe, expect, it } from 'vitest';
import { known, traceFlow } from '../../src/index.js';
import { modelOf, readHops } from './read-hops.js';

const allTraffic = {
  direction: 'egress',
  protocol: 'all',
  fromPort: 0,
  toPort: 65535,
  peer: { kind: 'cidr', cidr: known('0.0.0.0/0') },
} as const;

const flow = {
  from: { kind: 'workload', id: 'Network/PriceService', availabilityZone: 'eu-central-1a' },
  to: { kind: 'host', hostname: 'api.binance.com' },
  protocol: 'tcp',
  port: 443,
} as const;

describe('security groups and network ACLs', () => {
  it('denies egress at the task ENI when no security group rule allows the destination', () => {
    const trace = traceFlow(modelOf('sg-deny'), flow);
    expect(trace.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    expect(trace.reason).toBe(
      'security group TaskSecurityGroup of PriceService allows no egress tcp/443 to api.binance.com',
    );
    expect(readHops(trace.hops)).toEqual([
      'task ENI PriceService eu-central-1a: sg deny no rule of TaskSecurityGroup allows egress tcp/443 to api.binance.com',
    ]);
    expect(trace.returnHops).toBeUndefined();
  });

  it('denies the reply at the network ACL that allows no inbound ephemeral ports', () => {
    const trace = traceFlow(modelOf('nacl-deny'), flow);
    expect(trace.disposition).toBe('DENIED_BY_NACL');
    expect(trace.reason).toBe(
      'the reply fails: network ACL PrivateAcl rule 200 denies in tcp/1024-65535 from api.binance.com',
    );
    expect(readHops(trace.hops)).toEqual([
      'task ENI PriceService eu-central-1a: sg egress egress 0.0.0.0/0:443/tcp (TaskSecurityGroup)',
      'subnet PrivateA eu-central-1a: route 0.0.0.0/0 → nat NatA (PrivateRouteTableA); nacl out rule 100 allow 0.0.0.0/0 (PrivateAcl): out tcp/443 to api.binance.com',
      'nat gateway NatA eu-central-1a: source NAT to its Elastic IP',
      'subnet PublicA eu-central-1a: route 0.0.0.0/0 → igw Igw (PublicRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'internet gateway Igw: reply internet → Elastic IP of NatA',
      'nat gateway NatA eu-central-1a: reverse NAT → PriceService (in PrivateA)',
      'subnet PublicA eu-central-1a: route 10.0.0.0/16 → local (PublicRouteTable)',
      'subnet PrivateA eu-central-1a: nacl in rule 200 deny 0.0.0.0/0 (PrivateAcl): in tcp/1024-65535 from api.binance.com',
    ]);
  });

  it('denies a request the network ACL has no outbound rule for', () => {
    const model = modelOf('nacl-deny');
    const openEgress = {
      ...model,
      securityGroups: model.securityGroups.map((group) =>
        group.source.logicalId === 'TaskSecurityGroup'
          ? { ...group, rules: [...group.rules, { ...allTraffic, source: group.source }] }
          : group,
      ),
    };
    const trace = traceFlow(openEgress, { ...flow, port: 80 });
    expect(trace.disposition).toBe('DENIED_BY_NACL');
    expect(trace.reason).toBe(
      'network ACL PrivateAcl has no rule allowing out tcp/80 to api.binance.com; the final * rule denies it',
    );
  });
});
