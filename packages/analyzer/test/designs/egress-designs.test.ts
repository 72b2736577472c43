import { validateConfig } from '@moat/infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateAzLoss } from '../../src/analyses/az-loss/index.js';
import { tracePoints } from '../../src/analyses/diagram/paths.js';
import { buildScene } from '../../src/analyses/diagram/scene.js';
import { checkFlows, standardFlows } from '../../src/analyses/flows/index.js';
import { buildModel } from '../../src/model/index.js';
import type { NetworkModel } from '../../src/model/types.js';
import { type SynthesizedSteps, synthesizeSteps } from '../mutations/support/synthesized-steps.js';

/** Step 7 of one egress design (docs/egress-designs.md), as Moat's infra synthesizes it from `input`. */
function designAtStep7(input: unknown): { model: NetworkModel; steps: SynthesizedSteps } {
  const result = validateConfig(input);
  if (!result.ok) throw new Error(`the design ${JSON.stringify(input)} does not validate`);
  const steps = synthesizeSteps([7], result.config);
  const assembly = steps.assemblies.get(7);
  if (assembly === undefined) throw new Error('step 7 was not synthesized');
  return { model: buildModel(assembly), steps };
}

describe('the egress designs at step 7', () => {
  let onTgw: ReturnType<typeof designAtStep7>;
  let development: ReturnType<typeof designAtStep7>;
  beforeAll(() => {
    onTgw = designAtStep7({ egress: { firewall: { attachment: 'transit-gateway' } } });
    development = designAtStep7({ profile: 'development' });
  }, 120_000);
  afterAll(() => {
    onTgw.steps.dispose();
    development.steps.dispose();
  });

  it('with the firewall on the TGW, inspects egress at the firewall attachment between the spoke and the egress VPC, both ways', () => {
    const results = checkFlows(onTgw.model, standardFlows(onTgw.model));
    expect(results.filter((result) => !result.holds)).toEqual([]);
    const egress = results.find((result) => result.expectation.name === 'egress-allowed');
    expect(egress?.traces.map((trace) => trace.availabilityZone)).toEqual(['eu-central-1a', 'eu-central-1b']);
    for (const trace of egress?.traces ?? []) {
      const n = trace.availabilityZone === 'eu-central-1a' ? 1 : 2;
      expect(
        trace.hops.map((hop) => `${hop.kind} ${hop.node.logicalId.replace(/[0-9A-F]{8}$/, '')}`),
      ).toEqual([
        'task ENI PriceService',
        `subnet ContainerVpcPrivateSubnet${n}Subnet`,
        'tgw attachment ContainerAttachment',
        'firewall EgressFirewall',
        `subnet EgressVpcTransitSubnet${n}Subnet`,
        `nat gateway EgressVpcPublicSubnet${n}NATGateway`,
        `subnet EgressVpcPublicSubnet${n}Subnet`,
        'internet gateway EgressVpcIGW',
      ]);
      expect(trace.returnHops?.map((hop) => hop.kind)).toContain('firewall');
    }
  });

  it('with the firewall on the TGW, survives the loss of either AZ', () => {
    expect(simulateAzLoss(onTgw.model).map((loss) => [loss.availabilityZone, loss.survives])).toEqual([
      ['eu-central-1a', true],
      ['eu-central-1b', true],
    ]);
  });

  it('draws the firewall attached to the TGW beside the gateway, and egress passing through it', () => {
    const scene = buildScene(onTgw.model);
    expect(scene.attachedFirewalls).toHaveLength(1);
    const [link] = scene.attachedFirewalls;
    const egress = checkFlows(onTgw.model, standardFlows(onTgw.model)).find(
      (result) => result.expectation.name === 'egress-allowed',
    );
    const points = egress === undefined ? [] : tracePoints(egress.trace, scene);
    const at = points.indexOf(link?.firewall ?? '');
    expect(at).toBeGreaterThan(0);
    expect([points[at - 1], points[at + 1]]).toEqual([link?.transitGateway, link?.transitGateway]);
  });

  it('in the development profile, holds every flow but survives no loss of the first AZ, where the NAT and the firewall endpoint are', () => {
    const results = checkFlows(development.model, standardFlows(development.model));
    expect(results.filter((result) => !result.holds)).toEqual([]);
    const losses = simulateAzLoss(development.model);
    expect(losses.map((loss) => [loss.availabilityZone, loss.survives])).toEqual([
      ['eu-central-1a', false],
      ['eu-central-1b', true],
    ]);
    const stopped = losses[0]?.flows.filter((flow) => !flow.holds) ?? [];
    expect(stopped.map((flow) => `${flow.expectation.name} ${flow.trace.disposition}`)).toEqual([
      'egress-allowed BLACKHOLE',
      'aws-services BLACKHOLE',
      'aws-services BLACKHOLE',
      'aws-services BLACKHOLE',
    ]);
  });
});
