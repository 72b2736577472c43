import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHubTemplates, spokeCidr, writeHubAssembly } from '../../bench/generate-hub.js';
import {
  buildModel,
  checkFlows,
  checkInvariants,
  loadAssembly,
  type NetworkModel,
  simulateAzLoss,
  standardFlows,
} from '../../src/index.js';

describe('the benchmark hub', () => {
  let directory: string;
  let model: NetworkModel;

  beforeAll(() => {
    directory = writeHubAssembly(mkdtempSync(join(tmpdir(), 'moat-hub-test-')), 3);
    model = buildModel(loadAssembly(directory));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('loads as a cloud assembly of a network stack and a spoke stack without diagnostics', () => {
    expect(model.stacks.map((stack) => stack.name)).toEqual(['HubNetwork', 'HubSpokes01']);
    expect(model.diagnostics).toEqual([]);
    expect(model.vpcs.map((vpc) => vpc.cidrs)).toEqual([
      [{ known: true, value: '10.0.0.0/16' }],
      [{ known: true, value: '10.64.0.0/22' }],
      [{ known: true, value: '10.64.4.0/22' }],
      [{ known: true, value: '10.64.8.0/22' }],
    ]);
    expect(model.ecsServices).toHaveLength(3);
  });

  it('propagates every spoke into the egress route table and sends the spokes to the egress attachment', () => {
    const egress = model.transitGatewayRouteTables.find(
      (table) => table.id === 'HubNetwork/EgressRouteTable',
    );
    expect(egress?.routes.map((route) => route.destination)).toEqual([
      { known: true, value: '10.64.0.0/22' },
      { known: true, value: '10.64.4.0/22' },
      { known: true, value: '10.64.8.0/22' },
    ]);
    const spokes = model.transitGatewayRouteTables.find((table) => table.id === 'HubNetwork/SpokeRouteTable');
    expect(spokes?.associatedAttachmentIds).toEqual([
      'HubSpokes01/Spoke0000Attachment',
      'HubSpokes01/Spoke0001Attachment',
      'HubSpokes01/Spoke0002Attachment',
    ]);
    expect(spokes?.routes.map((route) => [route.destination, route.target])).toEqual([
      [
        { known: true, value: '0.0.0.0/0' },
        { kind: 'attachment', attachmentId: 'HubNetwork/EgressAttachment' },
      ],
    ]);
  });

  it('verifies clean: every standard flow holds and no invariant reports an error', () => {
    const results = checkFlows(model, standardFlows(model));
    expect(
      results.map(({ expectation, traces, holds }) => [
        expectation.name,
        traces.map((trace) => trace.disposition),
        holds,
      ]),
    ).toEqual([
      ['egress-allowed', ['ACCEPTED', 'ACCEPTED'], true],
      ['egress-denied', ['DROPPED_BY_FIREWALL', 'DROPPED_BY_FIREWALL'], true],
      ['aws-services', ['ACCEPTED', 'ACCEPTED'], true],
      ['aws-services', ['ACCEPTED', 'ACCEPTED'], true],
      ['aws-services', ['ACCEPTED', 'ACCEPTED'], true],
      ['aws-services', ['ACCEPTED', 'ACCEPTED'], true],
      ['direct-to-task', ['NOT_REACHABLE_FROM_INTERNET'], true],
    ]);
    expect(checkInvariants(model).filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  it('keeps every accepted flow when either AZ is lost', () => {
    expect(
      simulateAzLoss(model).map(({ availabilityZone, survives }) => [availabilityZone, survives]),
    ).toEqual([
      ['eu-central-1a', true],
      ['eu-central-1b', true],
    ]);
  });

  it('sends allowed egress from each AZ through the firewall endpoint and NAT gateway of that AZ', () => {
    const [allowed] = checkFlows(model, standardFlows(model));
    expect(
      allowed?.traces.map((trace) =>
        trace.hops.map((hop) => `${hop.kind} ${hop.node.logicalId} ${hop.availabilityZone ?? '-'}`),
      ),
    ).toEqual(
      ['A', 'B'].map((zone) => {
        const az = `eu-central-1${zone.toLowerCase()}`;
        return [
          `task ENI Spoke0000Service ${az}`,
          `subnet Spoke0000Private${zone} ${az}`,
          `tgw attachment Spoke0000Attachment ${az}`,
          `subnet EgressTransit${zone} ${az}`,
          `firewall EgressFirewall ${az}`,
          `subnet EgressFirewall${zone} ${az}`,
          `nat gateway EgressNat${zone} ${az}`,
          `subnet EgressPublic${zone} ${az}`,
          'internet gateway EgressIgw -',
        ];
      }),
    );
  });

  it('generates the same templates for the same spoke count', () => {
    expect(JSON.stringify(generateHubTemplates(45))).toBe(JSON.stringify(generateHubTemplates(45)));
  });

  it('splits the spokes into stacks that stay under the CloudFormation limit of 500 resources', () => {
    const stacks = generateHubTemplates(45);
    expect(stacks.map((stack) => stack.name)).toEqual([
      'HubNetwork',
      'HubSpokes01',
      'HubSpokes02',
      'HubSpokes03',
    ]);
    for (const stack of stacks) expect(Object.keys(stack.template.Resources).length).toBeLessThan(500);
  });

  it('gives each spoke the next /22 of 10.64.0.0/10, up to the last one', () => {
    expect([spokeCidr(0), spokeCidr(1), spokeCidr(64), spokeCidr(4095)]).toEqual([
      '10.64.0.0/22',
      '10.64.4.0/22',
      '10.65.0.0/22',
      '10.127.252.0/22',
    ]);
  });

  it.each([0, 4097, 2.5])('rejects %s spokes, naming the range it accepts', (spokes) => {
    expect(() => generateHubTemplates(spokes)).toThrow(
      `The hub needs a whole number of spokes from 1 to 4096 (one /22 of 10.64.0.0/10 each), received ${spokes}.`,
    );
  });
});
