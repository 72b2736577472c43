import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../src/index.js';
import { modelOf, readHops } from './read-hops.js';

describe('load balancer chains', () => {
  it('follows an ALB IP target to the fixed IP of an NLB in another VPC, then the NLB to the task', () => {
    const trace = traceFlow(modelOf('alb-to-nlb'), {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Hub/Alb' },
      protocol: 'tcp',
      port: 80,
    });
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'internet gateway IngressIgw: forward internet → public IP of Alb',
      'load balancer Alb eu-central-1a: sg ingress ingress 0.0.0.0/0:80/tcp (AlbSecurityGroup); forward listener :80/HTTP → AlbTg → Nlb:80 in eu-central-1a; sg egress egress 10.0.0.0/16:80/tcp (AlbSecurityGroup)',
      'subnet IngressPublicA eu-central-1a: route 10.0.0.0/16 → tgw Tgw (IngressPublicRouteTable)',
      'tgw attachment IngressAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated SpokeTgwRouteTable: 10.0.0.0/16 → ContainerAttachment (propagated); deliver ContainerAttachment ENI in eu-central-1a',
      'subnet ContainerTgwA eu-central-1a: route 10.0.0.0/16 → local (main table of ContainerVpc)',
      "load balancer Nlb eu-central-1a: sg ingress ingress 10.1.0.0/16:80/tcp (NlbSecurityGroup); cross-zone off for Nlb (the NLB default): a target in eu-central-1a; forward listener :80/TCP → NlbTg → ContainerService:8080 in eu-central-1a; client IP not preserved (the default for ip targets): the target sees the NLB node's address; sg egress egress 10.0.0.0/16:8080/tcp (NlbSecurityGroup)",
      'subnet ContainerPrivateA eu-central-1a: route 10.0.0.0/16 → local (ContainerPrivateRouteTable)',
      'task ENI ContainerService eu-central-1a: sg ingress ingress sg NlbSecurityGroup:8080/tcp (ContainerTaskSecurityGroup)',
    ]);
    expect(readHops(trace.returnHops)).toEqual([
      'task ENI ContainerService eu-central-1a: reply → 10.0.0.10',
      'subnet ContainerPrivateA eu-central-1a: route 10.0.0.0/16 → local (ContainerPrivateRouteTable)',
      'load balancer Nlb eu-central-1a: stateful reply of an allowed connection (security groups are stateful); reply → Alb (in IngressPublicA)',
      'subnet ContainerPrivateA eu-central-1a: route 0.0.0.0/0 → tgw Tgw (ContainerPrivateRouteTable)',
      'tgw attachment ContainerAttachment eu-central-1a: enter transit gateway ENI in eu-central-1a; route associated SpokeTgwRouteTable: 10.1.0.0/16 → IngressAttachment (propagated); deliver IngressAttachment ENI in eu-central-1a',
      'subnet IngressTgwA eu-central-1a: route 10.1.0.0/16 → local (main table of IngressVpc)',
      'load balancer Alb eu-central-1a: stateful reply of an allowed connection (security groups are stateful); reply → internet',
      'subnet IngressPublicA eu-central-1a: route 0.0.0.0/0 → igw IngressIgw (IngressPublicRouteTable)',
      'internet gateway IngressIgw: forward → internet',
    ]);
  });

  it('does not reach the internal NLB from the internet', () => {
    const trace = traceFlow(modelOf('alb-to-nlb'), {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Hub/Nlb' },
      protocol: 'tcp',
      port: 80,
    });
    expect(trace.disposition).toBe('NOT_REACHABLE_FROM_INTERNET');
    expect(trace.reason).toBe('Nlb is an internal load balancer: it has no public address');
  });
});

describe('targets Moat cannot place', () => {
  it('leaves a flow UNKNOWN when an ECS service registers its targets without subnets of its own', () => {
    const model = modelOf('nat-egress');
    const onInstances = {
      ...model,
      ecsServices: model.ecsServices.map((service) => ({
        ...service,
        subnetIds: [],
        launchType: 'EC2' as const,
      })),
    };
    const trace = traceFlow(onInstances, {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Network/Alb', availabilityZone: 'eu-central-1a' },
      protocol: 'tcp',
      port: 80,
    });
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      'ECS service PriceService registers the targets of AlbTg at run time, and the templates give its tasks no subnet Moat can read',
    );
  });

  it('leaves a flow UNKNOWN when its target group registers nothing in the templates', () => {
    const model = modelOf('nat-egress');
    const empty = {
      ...model,
      ecsServices: [],
      targetGroups: model.targetGroups.map((group) => ({ ...group, ecsServiceIds: [] })),
    };
    const trace = traceFlow(empty, {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'Network/Alb', availabilityZone: 'eu-central-1a' },
      protocol: 'tcp',
      port: 80,
    });
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(
      'target group AlbTg registers no target in the templates: its targets are registered at run time (an Auto Scaling group, the API), which Moat cannot place',
    );
  });
});
