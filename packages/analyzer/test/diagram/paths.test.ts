import { describe, expect, it } from 'vitest';
import { diagramFlows, tracePoints } from '../../src/analyses/diagram/paths.js';
import { buildScene, type Cell, type Scene } from '../../src/analyses/diagram/scene.js';
import { endpointNamer } from '../../src/analyses/names.js';
import { guideStep7 } from './support/guide-steps.js';

const step = guideStep7({ api: true });
const scene = buildScene(step.model);
const names = endpointNamer(step.model);

/** What each point of a path is, in words: `TGW ENI ContainerAttachment eu-central-1b`. */
const pointName = (scene: Scene, ref: string): string => {
  const cells: Cell[] = scene.accounts.flatMap((a) =>
    a.vpcs.flatMap((v) => v.columns.flatMap((c) => c.subnets.flatMap((s) => s.cells))),
  );
  const cell = cells.find((c) => c.ref === ref);
  if (cell) return `${cell.title} ${cell.detail} ${cell.availabilityZone}`;
  const box = [scene.internet, ...scene.accounts.flatMap((a) => a.regional)].find((b) => b.node === ref);
  return box?.title ?? ref;
};

const flowNamed = (name: string) => step.flows.find((f) => f.expectation.name === name);

describe('tracePoints', () => {
  it('follows egress through the transit gateway in the AZ of the trace, out of the internet gateway', () => {
    const trace = flowNamed('egress-allowed')?.traces[1];
    expect(trace && tracePoints(trace, scene).map((ref) => pointName(scene, ref))).toEqual([
      'Fargate tasks PriceService eu-central-1b',
      'TGW ENI ContainerAttachment eu-central-1b',
      'Transit gateway',
      'TGW ENI EgressAttachment eu-central-1b',
      'Firewall endpoint EgressFirewall eu-central-1b',
      'NAT gateway EgressPublicSubnet2/NATGateway eu-central-1b',
      expect.stringMatching(/^igw/),
      'Internet',
    ]);
  });

  it('passes the web ACL before the API it protects, then stays in the AZ it entered', () => {
    const trace = flowNamed('ingress')?.trace;
    expect(trace && tracePoints(trace, scene).map((ref) => pointName(scene, ref))).toEqual([
      'Internet',
      'AWS WAF web ACL',
      'API Gateway (REGIONAL)',
      'ALB (internal) IngressAlb eu-central-1a',
      'TGW ENI IngressAttachment eu-central-1a',
      'Transit gateway',
      'TGW ENI ContainerAttachment eu-central-1a',
      'NLB (internal) ServiceNlb 10.0.1.10 eu-central-1a',
      'Fargate tasks PriceService eu-central-1a',
    ]);
  });

  it('ends a dropped flow where it was dropped, without reaching the internet', () => {
    const trace = flowNamed('egress-denied')?.traces[0];
    const points = trace ? tracePoints(trace, scene) : [];
    expect(points.map((ref) => pointName(scene, ref)).at(-1)).toBe(
      'Firewall endpoint EgressFirewall eu-central-1a',
    );
    expect(points).not.toContain(scene.internet.node);
  });
});

describe('diagramFlows', () => {
  it('gives every flow a unique key, a direction and its outcome', () => {
    const twice = [...step.flows, ...step.flows.slice(0, 1)];
    expect(diagramFlows(scene, twice, names).map((f) => [f.key, f.direction, f.outcome, f.holds])).toEqual([
      ['ingress', 'ingress', 'ACCEPTED', true],
      ['egress-allowed', 'egress', 'ACCEPTED', true],
      ['egress-denied', 'egress', 'DROPPED_BY_FIREWALL', true],
      ['aws-services-ecr-api', 'aws-service', 'ACCEPTED', true],
      ['aws-services-s3', 'aws-service', 'ACCEPTED', true],
      ['direct-to-task', 'ingress', 'NOT_REACHABLE_FROM_INTERNET', true],
      ['ingress-2', 'ingress', 'ACCEPTED', true],
    ]);
  });

  it('describes an API entry by its API and stage, and an undrawn element by its logical id', () => {
    const stage = step.model.restApis[0]?.stages[0]?.id ?? '';
    const flows = diagramFlows(
      scene,
      [
        {
          flow: { from: { kind: 'internet' }, to: { kind: 'entry', id: stage }, protocol: 'tcp', port: 443 },
          disposition: 'ACCEPTED',
          hops: [],
        },
        {
          flow: {
            from: { kind: 'workload', id: 'Other/Worker' },
            to: { kind: 'address', address: '10.0.0.9' },
            protocol: 'udp',
            port: 53,
          },
          disposition: 'NO_ROUTE',
          hops: [],
        },
      ],
      names,
    );
    expect(flows.map((f) => [f.key, f.description, f.direction])).toEqual([
      ['trace-1', 'internet → PriceApi stage prod:443/tcp', 'ingress'],
      ['trace-2', 'Worker → 10.0.0.9:53/udp', 'internal'],
    ]);
  });

  it('names the AZ of each outcome when the AZs disagree', () => {
    const allowed = flowNamed('egress-allowed');
    const denied = flowNamed('egress-denied');
    if (!allowed || !denied) throw new Error('fixture lacks egress flows');
    const mixed = {
      ...allowed,
      traces: [allowed.traces[0], denied.traces[1]].filter((t) => t !== undefined),
    };
    expect(diagramFlows(scene, [mixed], names)[0]?.outcome).toBe(
      'ACCEPTED in eu-central-1a; DROPPED_BY_FIREWALL in eu-central-1b',
    );
  });
});
