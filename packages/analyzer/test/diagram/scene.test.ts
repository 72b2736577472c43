import { describe, expect, it } from 'vitest';
import { buildScene } from '../../src/analyses/diagram/scene.js';
import { guideStep7 } from './support/guide-steps.js';

const scene = buildScene(guideStep7().model);
const vpcNamed = (name: string) => scene.accounts.flatMap((a) => a.vpcs).find((vpc) => vpc.name === name);

describe('buildScene', () => {
  it('stacks edge VPC subnets from the internet inwards: public, firewall, transit', () => {
    const egress = vpcNamed('Egress');
    expect(egress?.placement).toBe('edge');
    expect(egress?.columns.map((c) => c.availabilityZone)).toEqual(['eu-central-1a', 'eu-central-1b']);
    expect(egress?.columns[0]?.subnets.map((s) => [s.name, s.cidr, s.tier])).toEqual([
      ['Public subnet', '10.2.0.0/24', 'public'],
      ['Firewall subnet', '10.2.10.0/28', 'firewall'],
      ['Transit subnet', '10.2.20.0/28', 'transit'],
    ]);
  });

  it('puts the transit gateway ENI first in a VPC below the gateway, followed by the load balancer and tasks', () => {
    const container = vpcNamed('Container');
    expect(container?.placement).toBe('inner');
    expect(container?.columns[0]?.subnets[0]?.cells.map((c) => `${c.title}: ${c.detail}`)).toEqual([
      'TGW ENI: ContainerAttachment',
      'NLB (internal): ServiceNlb 10.0.1.10',
      'Fargate tasks: PriceService',
      'Endpoint: ecr.api',
      'Endpoint: ecr.dkr',
      'Endpoint: logs',
    ]);
    expect(container?.gatewayEndpoints.map((e) => e.detail)).toEqual(['s3']);
  });

  it('joins every attachment ENI to its transit gateway, above it from edge VPCs and below it to inner ones', () => {
    expect(
      scene.attachments.map((a) => `${a.eni.detail} ${a.eni.availabilityZone} ${a.placement}`).sort(),
    ).toEqual([
      'ContainerAttachment eu-central-1a inner',
      'ContainerAttachment eu-central-1b inner',
      'EgressAttachment eu-central-1a edge',
      'EgressAttachment eu-central-1b edge',
      'IngressAttachment eu-central-1a edge',
      'IngressAttachment eu-central-1b edge',
    ]);
  });

  it('groups the stacks of one account into one account box', () => {
    expect(scene.accounts.map((a) => [a.label, a.vpcs.map((v) => v.name)])).toEqual([
      ['AWS account 111111111111 · eu-central-1', ['Ingress', 'Egress', 'Container']],
    ]);
    const split = buildScene(guideStep7({ splitAccounts: true }).model);
    expect(split.accounts.map((a) => [a.label, a.vpcs.map((v) => v.name)])).toEqual([
      ['AWS account 111111111111 · eu-central-1', ['Ingress', 'Egress']],
      ['AWS account 222222222222 · eu-central-1', ['Container']],
    ]);
  });
});
