import { validateConfig } from '@moat/infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateAzLoss } from '../../src/analyses/az-loss/index.js';
import { estimateCost } from '../../src/analyses/cost/index.js';
import { tracePoints } from '../../src/analyses/diagram/paths.js';
import { buildScene } from '../../src/analyses/diagram/scene.js';
import { checkFlows, standardFlows } from '../../src/analyses/flows/index.js';
import { checkInvariants } from '../../src/analyses/invariants/index.js';
import type { Hop } from '../../src/analyses/types.js';
import { buildModel } from '../../src/model/index.js';
import type { NetworkModel } from '../../src/model/types.js';
import { type SynthesizedSteps, synthesizeSteps } from '../mutations/support/synthesized-steps.js';

/** A hop as `kind logicalId AZ`, the CDK hash left off the logical ID. */
const hopNames = (hops: readonly Hop[] = []): string[] =>
  hops.map((hop) =>
    [hop.kind, hop.node.logicalId.replace(/[0-9A-F]{8}$/, ''), hop.availabilityZone]
      .filter(Boolean)
      .join(' '),
  );

/** examples/regional-nat.yaml: a regional NAT gateway, the firewall on the Transit Gateway. */
describe('the regional NAT gateway design (egress.nat: regional) at step 7', () => {
  let steps: SynthesizedSteps;
  let model: NetworkModel;
  beforeAll(() => {
    const result = validateConfig({
      egress: { nat: 'regional', firewall: { attachment: 'transit-gateway' } },
    });
    if (!result.ok) throw new Error('the regional NAT design does not validate');
    steps = synthesizeSteps([7], result.config);
    const assembly = steps.assemblies.get(7);
    if (assembly === undefined) throw new Error('step 7 was not synthesized');
    model = buildModel(assembly);
  }, 120_000);
  afterAll(() => steps.dispose());

  it('holds every flow and invariant, egress leaving by the regional NAT gateway of its AZ and its route table, both ways', () => {
    const results = checkFlows(model, standardFlows(model));
    expect(results.filter((result) => !result.holds)).toEqual([]);
    expect(checkInvariants(model)).toEqual([]);
    const egress = results.find((result) => result.expectation.name === 'egress-allowed');
    expect(egress?.traces.map((trace) => trace.availabilityZone)).toEqual(['eu-central-1a', 'eu-central-1b']);
    for (const trace of egress?.traces ?? []) {
      const az = trace.availabilityZone ?? '';
      const n = az === 'eu-central-1a' ? 1 : 2;
      expect(hopNames(trace.hops)).toEqual([
        `task ENI PriceService ${az}`,
        `subnet ContainerVpcPrivateSubnet${n}Subnet ${az}`,
        `tgw attachment ContainerAttachment ${az}`,
        `firewall EgressFirewall ${az}`,
        `subnet EgressVpcTransitSubnet${n}Subnet ${az}`,
        `nat gateway EgressVpcRegionalNatGateway ${az}`,
        `nat gateway route table EgressVpcRegionalNatGateway ${az}`,
        'internet gateway EgressVpcIGW',
      ]);
      expect(hopNames(trace.returnHops)).toEqual([
        'internet gateway EgressVpcIGW',
        `nat gateway EgressVpcRegionalNatGateway ${az}`,
        `nat gateway route table EgressVpcRegionalNatGateway ${az}`,
        `tgw attachment HubEgressAttachment ${az}`,
        `firewall EgressFirewall ${az}`,
        `subnet ContainerVpcTransitSubnet${n}Subnet ${az}`,
        `task ENI PriceService ${az}`,
      ]);
    }
  });

  it('survives the loss of either AZ', () => {
    expect(simulateAzLoss(model).map((loss) => [loss.availabilityZone, loss.survives])).toEqual([
      ['eu-central-1a', true],
      ['eu-central-1b', true],
    ]);
  });

  it('prices no zonal NAT gateway or its Elastic IPs, and leaves the regional one UNKNOWN, the total a lower bound', () => {
    const report = estimateCost(model, { region: 'us-east-1', hoursPerMonth: 730 });
    expect(report.lines.filter((line) => line.charge.startsWith('natGateway'))).toEqual([]);
    const regional = report.lines.filter((line) =>
      line.resource?.logicalId.startsWith('EgressVpcRegionalNatGateway'),
    );
    expect(regional.map((line) => [line.what, line.monthlyUsd.known])).toEqual([
      ['regional NAT gateway hours, data processed and public IPv4 addresses', false],
    ]);
    expect(report.complete).toBe(false);
  });

  it('draws the regional NAT gateway in the egress VPC, outside its subnets, on the egress path', () => {
    const scene = buildScene(model);
    const egressVpc = scene.accounts
      .flatMap((account) => account.vpcs)
      .find((vpc) => vpc.name.includes('EgressVpc'));
    expect(egressVpc?.regionalNatGateways.map((box) => [box.title, box.detail])).toEqual([
      ['Regional NAT gateway', 'RegionalNatGateway'],
    ]);
    const egress = checkFlows(model, standardFlows(model)).find(
      (result) => result.expectation.name === 'egress-allowed',
    );
    const points = egress === undefined ? [] : tracePoints(egress.trace, scene);
    expect(points).toContain(egressVpc?.regionalNatGateways[0]?.node);
  });
});
