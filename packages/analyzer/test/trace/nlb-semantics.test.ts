import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  type Flow,
  loadAssembly,
  type NetworkModel,
  simulateAzLoss,
  standardFlows,
  traceFlow,
} from '../../src/index.js';
import { fixture, readHops } from './read-hops.js';

/** test/fixtures/nlb-semantics/edge.yaml, with each `[find, replace]` edit applied to its text. */
const template = readFileSync(join(fixture('nlb-semantics'), 'edge.yaml'), 'utf8');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function edge(...edits: readonly (readonly [string, string])[]): NetworkModel {
  const folder = mkdtempSync(join(tmpdir(), 'moat-nlb-'));
  folders.push(folder);
  const text = edits.reduce((current, [find, replace]) => {
    if (!current.includes(find)) throw new Error(`the fixture has no '${find}'`);
    return current.replace(find, replace);
  }, template);
  writeFileSync(join(folder, 'edge.yaml'), text);
  return buildModel(loadAssembly(folder, { region: 'us-east-1' }));
}

const toPublicNlb = (availabilityZone: string): Flow => ({
  from: { kind: 'internet' },
  to: { kind: 'entry', id: 'edge/PublicNlb', availabilityZone },
  protocol: 'tcp',
  port: 80,
});
const toApi: Flow = {
  from: { kind: 'internet' },
  to: { kind: 'entry', id: 'edge/Prod' },
  protocol: 'tcp',
  port: 443,
};

const WEB_TARGETS = '      TargetType: instance\n';
const attribute = (key: string, value: string) =>
  `      TargetGroupAttributes: [{ Key: ${key}, Value: "${value}" }]\n`;
const preserveOff = [
  WEB_TARGETS,
  `${WEB_TARGETS}${attribute('preserve_client_ip.enabled', 'false')}`,
] as const;

const crossZoneOn = [
  '      Scheme: internet-facing\n',
  '      Scheme: internet-facing\n      LoadBalancerAttributes: [{ Key: load_balancing.cross_zone.enabled, Value: "true" }]\n',
] as const;

describe('NLB client IP preservation', () => {
  it("keeps the client's address for an instance target by default: the target's security group must admit it", () => {
    const trace = traceFlow(edge(), toPublicNlb('us-east-1a'));
    expect(trace.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    expect(trace.reason).toBe(
      'security group WebSecurityGroup of Web allows no ingress tcp/80 from internet',
    );
    expect(readHops(trace.hops)[1]).toBe(
      'load balancer PublicNlb us-east-1a: cross-zone off for PublicNlb (the NLB default): a target in us-east-1a; forward listener :80/TCP → WebTargets → Web:80 in us-east-1a; client IP preserved (the default for instance targets): the target sees internet',
    );
  });

  it("shows the target the NLB node's address when preserve_client_ip.enabled is false", () => {
    const trace = traceFlow(edge(preserveOff), toPublicNlb('us-east-1a'));
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops).at(-1)).toBe(
      'instance ENI Web us-east-1a: sg ingress ingress 10.2.0.0/16:80/tcp (WebSecurityGroup)',
    );
    expect(readHops(trace.returnHops)[0]).toBe('instance ENI Web us-east-1a: reply → PublicNlb (in PublicA)');
  });
});

describe('NLB cross-zone load balancing', () => {
  it('is off by default: the node in an AZ without a target forwards nowhere', () => {
    const trace = traceFlow(edge(preserveOff), toPublicNlb('us-east-1b'));
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe(
      'cross-zone load balancing is off for PublicNlb (the NLB default), and WebTargets has no target in us-east-1b: the node there has nothing to forward to',
    );
  });

  it("on for the load balancer, the node forwards to the other AZ's target; a target group can turn it off again", () => {
    const on = traceFlow(edge(preserveOff, crossZoneOn), toPublicNlb('us-east-1b'));
    expect(on.disposition).toBe('ACCEPTED');
    expect(on.hops.at(-1)?.availabilityZone).toBe('us-east-1a');
    const groupOff = [
      preserveOff[1],
      `${preserveOff[1].trimEnd().replace('}]', '}, { Key: load_balancing.cross_zone.enabled, Value: "false" }]')}\n`,
    ] as const;
    const overridden = traceFlow(edge(preserveOff, crossZoneOn, groupOff), toPublicNlb('us-east-1b'));
    expect(overridden.disposition).toBe('NO_ROUTE');
    expect(overridden.reason).toBe(
      'cross-zone load balancing is off in target group WebTargets, and WebTargets has no target in us-east-1b: the node there has nothing to forward to',
    );
  });
});

describe('internet-facing NLB ingress', () => {
  it('is a standard flow of the design', () => {
    expect(standardFlows(edge(), { design: 'derived' }).filter((flow) => flow.name === 'ingress')).toEqual([
      {
        name: 'ingress',
        flow: { ...toApi, http: { method: 'GET', path: '/prod/items' } },
        expected: 'ACCEPTED',
      },
      {
        name: 'ingress',
        flow: {
          from: { kind: 'internet' },
          to: { kind: 'entry', id: 'edge/PublicNlb' },
          protocol: 'tcp',
          port: 80,
        },
        expected: 'ACCEPTED',
      },
    ]);
  });
});

describe('REST API through a VPC link V1', () => {
  const withSecurityGroup = [
    '      Scheme: internal\n',
    '      Scheme: internal\n      SecurityGroups: [!Ref ApiNlbSecurityGroup]\n',
  ] as const;
  const securityGroup = [
    '  ItemsTargets:\n',
    '  ApiNlbSecurityGroup:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: api nlb\n      VpcId: !Ref Vpc\n      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8 }]\n  ItemsTargets:\n',
  ] as const;

  it('reaches the NLB the link targets, which forwards to its target', () => {
    const trace = traceFlow(edge(), toApi);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops).map((hop) => hop.split(':')[0])).toEqual([
      'api stage Prod',
      'load balancer ApiNlb us-east-1a',
      'subnet PrivateA us-east-1a',
      'address PrivateA us-east-1a',
    ]);
    expect(readHops(trace.hops)[1]).toContain(
      'integration GET /prod/items → VPC link V1 Link (PrivateLink) → ApiNlb:80',
    );
  });

  it('reaches the instance whose fixed private IP the target group registers, its security group judging', () => {
    const fixedIp = [
      '      SubnetId: !Ref PrivateA\n',
      '      SubnetId: !Ref PrivateA\n      PrivateIpAddress: 10.2.2.10\n',
    ] as const;
    const trace = traceFlow(edge(fixedIp), toApi);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops).at(-1)).toBe(
      'instance ENI Web us-east-1a: sg ingress ingress 10.2.0.0/16:80/tcp (WebSecurityGroup); http receives GET /prod/items (its routes are not given)',
    );
  });

  it("is UNKNOWN when the NLB's security groups judge PrivateLink traffic without a rule for every address", () => {
    const trace = traceFlow(edge(withSecurityGroup, securityGroup), toApi);
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      "ApiNlb's security groups judge the PrivateLink traffic of VPC link V1 Link, whose source addresses AWS does not document, and no rule admits every address on tcp/80: open the port to 0.0.0.0/0 in them (the VPC link is the only way in to an internal NLB) or set EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic to off",
    );
  });

  it('passes again when the NLB does not enforce its inbound rules on PrivateLink traffic', () => {
    const notEnforced = [
      withSecurityGroup[1],
      `${withSecurityGroup[1]}      EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off"\n`,
    ] as const;
    expect(traceFlow(edge(withSecurityGroup, securityGroup, notEnforced), toApi).disposition).toBe(
      'ACCEPTED',
    );
  });
});

describe('the loss of the AZ that holds every target', () => {
  it('leaves the other node nothing to forward to, naming the lost AZ', () => {
    const flow: Flow = { ...toPublicNlb('us-east-1b'), to: { kind: 'entry', id: 'edge/PublicNlb' } };
    const losses = simulateAzLoss(edge(preserveOff, crossZoneOn), [
      { name: 'ingress', flow, expected: 'ACCEPTED' },
    ]);
    const lostA = losses.find((loss) => loss.availabilityZone === 'us-east-1a');
    expect(lostA?.survives).toBe(false);
    expect(lostA?.flows[0]?.trace.reason).toBe('the targets of WebTargets were in us-east-1a');
  });
});
