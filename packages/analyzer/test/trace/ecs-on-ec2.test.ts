import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, type Flow, loadAssembly, type NetworkModel, traceFlow } from '../../src/index.js';
import { fixture, readHops } from './read-hops.js';

/** test/fixtures/ecs-on-ec2/cluster.yaml, with each `[find, replace]` edit applied to its text. */
const template = readFileSync(join(fixture('ecs-on-ec2'), 'cluster.yaml'), 'utf8');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function cluster(...edits: readonly (readonly [string, string])[]): NetworkModel {
  const folder = mkdtempSync(join(tmpdir(), 'moat-ecs-ec2-'));
  folders.push(folder);
  const text = edits.reduce((current, [find, replace]) => {
    if (!current.includes(find)) throw new Error(`the fixture has no '${find}'`);
    return current.replace(find, replace);
  }, template);
  writeFileSync(join(folder, 'cluster.yaml'), text);
  return buildModel(loadAssembly(folder, { region: 'us-east-1' }));
}

const toAlb: Flow = {
  from: { kind: 'internet' },
  to: { kind: 'entry', id: 'cluster/Alb', availabilityZone: 'us-east-1a' },
  protocol: 'tcp',
  port: 80,
};
const HOST_RULE = 'FromPort: 32768, ToPort: 65535, SourceSecurityGroupId';

describe('ECS service on EC2 container instances (bridge network mode)', () => {
  it("reaches the task on its container instance's ENI at a dynamic host port the instance's group admits", () => {
    const trace = traceFlow(cluster(), toAlb);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'internet gateway Igw: forward internet → public IP of Alb',
      'load balancer Alb us-east-1a: sg ingress ingress 0.0.0.0/0:80/tcp (AlbSecurityGroup); forward listener :80/HTTP → WebTargets → Web:32768 in us-east-1a; host port dynamic host port on a container instance of Hosts: any of 32768-65535; sg egress egress 0.0.0.0/0:all/all (AlbSecurityGroup)',
      'subnet PublicA us-east-1a: route 10.4.0.0/16 → local (PublicRoutes)',
      'task ENI Web us-east-1a: sg ingress ingress sg AlbSecurityGroup:32768-65535/tcp (HostSecurityGroup)',
    ]);
  });

  it('is denied when the instance admits only part of the ephemeral range: the verdict is judged at the first refused port', () => {
    const trace = traceFlow(
      cluster([HOST_RULE, 'FromPort: 32768, ToPort: 61000, SourceSecurityGroupId']),
      toAlb,
    );
    expect(trace.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    expect(trace.reason).toBe(
      'security group HostSecurityGroup of Web allows no ingress tcp/61001 from Alb (in PublicA)',
    );
  });

  it("is denied when the instance's group admits the container port rather than the host ports", () => {
    const trace = traceFlow(
      cluster([HOST_RULE, 'FromPort: 8080, ToPort: 8080, SourceSecurityGroupId']),
      toAlb,
    );
    expect(trace.disposition).toBe('DENIED_BY_SECURITY_GROUP');
    expect(trace.reason).toBe(
      'security group HostSecurityGroup of Web allows no ingress tcp/32768 from Alb (in PublicA)',
    );
  });

  it('connects to a fixed host port when the port mapping names one', () => {
    const trace = traceFlow(
      cluster(
        ['PortMappings: [{ ContainerPort: 8080 }]', 'PortMappings: [{ ContainerPort: 8080, HostPort: 80 }]'],
        [HOST_RULE, 'FromPort: 80, ToPort: 80, SourceSecurityGroupId'],
      ),
      toAlb,
    );
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)[1]).toBe(
      'load balancer Alb us-east-1a: sg ingress ingress 0.0.0.0/0:80/tcp (AlbSecurityGroup); forward listener :80/HTTP → WebTargets → Web:80 in us-east-1a; host port the task listens on a container instance of Hosts at host port 80; sg egress egress 0.0.0.0/0:all/all (AlbSecurityGroup)',
    );
  });

  it('leaves from the instance ENI in the Auto Scaling group subnets for egress', () => {
    const trace = traceFlow(cluster(), {
      from: { kind: 'workload', id: 'cluster/Web', availabilityZone: 'us-east-1b' },
      to: { kind: 'internet' },
      protocol: 'tcp',
      port: 443,
    });
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'task ENI Web us-east-1b: sg egress egress 0.0.0.0/0:all/all (HostSecurityGroup)',
      'subnet PrivateB us-east-1b: route 0.0.0.0/0 → nat Nat (PrivateRoutes)',
      'nat gateway Nat us-east-1a: source NAT to its Elastic IP',
      'subnet PublicA us-east-1a: route 0.0.0.0/0 → igw Igw (PublicRoutes)',
      'internet gateway Igw: forward → internet',
    ]);
  });

  const NO_USER_DATA_JOIN = ['echo ECS_CLUSTER=', 'echo ECS_LOGLEVEL='] as const;
  const lastHop = (model: NetworkModel): string | undefined => readHops(traceFlow(model, toAlb).hops).at(-1);
  const ADMITTED =
    'task ENI Web us-east-1a: sg ingress ingress sg AlbSecurityGroup:32768-65535/tcp (HostSecurityGroup)';

  it('reads the cluster from the cfn-init commands of the launch configuration (Fn::Join)', () => {
    const model = cluster(NO_USER_DATA_JOIN, [
      '    Type: AWS::AutoScaling::LaunchConfiguration\n',
      `    Type: AWS::AutoScaling::LaunchConfiguration
    Metadata:
      AWS::CloudFormation::Init:
        config:
          commands:
            join: { command: !Join ["", ["echo ECS_CLUSTER=", !Ref Cluster, " >> /etc/ecs/ecs.config"]] }
`,
    ]);
    expect(lastHop(model)).toBe(ADMITTED);
  });

  it("reads a launch template's user data and security groups", () => {
    const model = cluster(
      NO_USER_DATA_JOIN,
      [
        'LaunchConfigurationName: !Ref HostLaunch',
        'LaunchTemplate: { LaunchTemplateId: !Ref HostTemplate, Version: !GetAtt HostTemplate.LatestVersionNumber }',
      ],
      [
        '  WebTask:\n',
        `  HostTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        SecurityGroupIds: [!Ref HostSecurityGroup]
        UserData: { "Fn::Base64": !Join ["", ["#!/bin/bash\\necho ECS_CLUSTER=", !Ref Cluster, " >> /etc/ecs/ecs.config"]] }
  WebTask:
`,
      ],
    );
    expect(lastHop(model)).toBe(ADMITTED);
  });

  it('stays UNKNOWN when two Auto Scaling groups join the cluster', () => {
    const model = cluster([
      '  HostLaunch:\n',
      `  MoreHosts:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref PublicA]
      LaunchConfigurationName: !Ref HostLaunch
      MinSize: "1"
      MaxSize: "1"
  HostLaunch:
`,
    ]);
    const trace = traceFlow(model, toAlb);
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      'ECS service Web runs its tasks on container instances (bridge network mode), and the Auto Scaling groups Hosts, MoreHosts all join its cluster: which one runs a task the templates do not say',
    );
  });

  it('gives container instances in public subnets the public IP their launch settings ask for', () => {
    const inPublic = [
      'VPCZoneIdentifier: [!Ref PrivateA, !Ref PrivateB]',
      'VPCZoneIdentifier: [!Ref PublicA, !Ref PublicB]',
    ] as const;
    const egress: Flow = {
      from: { kind: 'workload', id: 'cluster/Web', availabilityZone: 'us-east-1b' },
      to: { kind: 'internet' },
      protocol: 'tcp',
      port: 443,
    };
    const withIp = traceFlow(
      cluster(inPublic, [
        '      InstanceType: t3.medium\n',
        '      InstanceType: t3.medium\n      AssociatePublicIpAddress: true\n',
      ]),
      egress,
    );
    const without = traceFlow(cluster(inPublic), egress);
    expect(withIp.disposition).toBe('ACCEPTED');
    expect(readHops(withIp.hops)).toEqual([
      'task ENI Web us-east-1b: sg egress egress 0.0.0.0/0:all/all (HostSecurityGroup)',
      'subnet PublicB us-east-1b: route 0.0.0.0/0 → igw Igw (PublicRoutes)',
      'internet gateway Igw: forward → internet',
    ]);
    expect(without.disposition).toBe('NO_ROUTE');
    expect(without.reason).toBe(
      'Web (in PublicB) has no public IP, so internet gateway Igw cannot carry its traffic; route it through a NAT gateway',
    );
  });

  it('stays UNKNOWN, naming the cluster, when no Auto Scaling group joins it', () => {
    const trace = traceFlow(cluster(NO_USER_DATA_JOIN), toAlb);
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason ?? trace.reason).toBe(
      'ECS service Web runs its tasks on container instances (bridge network mode), and no Auto Scaling group of the templates launches instances whose user data sets ECS_CLUSTER to Cluster: which instances they run on the templates do not say',
    );
  });
});
