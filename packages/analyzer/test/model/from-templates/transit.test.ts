import { describe, expect, it } from 'vitest';
import { buildModel, loadAssembly } from '../../../src/index.js';
import { mutate } from '../../mutations/support/template-edits.js';
import { fixture } from '../../trace/read-hops.js';

const FIREWALL = 'AWS::NetworkFirewall::Firewall';
const assembly = loadAssembly(fixture('tgw-attached-firewall'));

describe('reading a firewall attached to a transit gateway', () => {
  const model = buildModel(assembly);

  it('gives the firewall its transit gateway attachment and the AZ of each mapping, an AZ ID by the subnet it names', () => {
    expect(model.firewalls).toEqual([
      expect.objectContaining({
        id: 'Hub/Firewall',
        subnetIds: [],
        transitGatewayAttachment: {
          id: 'Hub/Firewall#attachment',
          transitGatewayId: 'Hub/Tgw',
          availabilityZones: [
            { known: true, value: 'eu-central-1a' },
            { known: true, value: 'eu-central-1b' },
          ],
        },
      }),
    ]);
    expect(model.firewalls[0]?.vpcId).toBeUndefined();
  });

  it('links Fn::GetAtt [Firewall, TransitGatewayAttachmentId] in routes and associations to that attachment', () => {
    const table = (name: string) =>
      model.transitGatewayRouteTables.find((candidate) => candidate.source.logicalId === name);
    expect(table('InspectionRouteTable')?.associatedAttachmentIds).toEqual(['Hub/Firewall#attachment']);
    expect(table('SpokeRouteTable')?.routes.map((route) => route.target)).toEqual([
      { kind: 'attachment', attachmentId: 'Hub/Firewall#attachment' },
    ]);
    expect(model.diagnostics).toEqual([]);
  });

  it('reads an AZ ID written as a literal as that AZ ID, the same zone in every account', () => {
    const literal = buildModel(
      mutate(assembly, (t) => {
        t.find('Firewall', FIREWALL).resource.Properties.AvailabilityZoneMappings = [
          { AvailabilityZone: 'euc1-az2' },
        ];
      }),
    );
    expect(literal.firewalls[0]?.transitGatewayAttachment?.availabilityZones).toEqual([
      { known: true, value: 'euc1-az2' },
    ]);
  });

  it('associates the firewall’s attachment with the default route table when the transit gateway keeps the default', () => {
    const defaults = buildModel(
      mutate(assembly, (t) => {
        t.properties('Tgw').DefaultRouteTableAssociation = 'enable';
        t.delete('InspectionRouteTableFirewallAssociation');
      }),
    );
    const table = defaults.transitGatewayRouteTables.find((candidate) => candidate.id === 'Hub/Tgw#default');
    expect(table?.associatedAttachmentIds).toEqual(['Hub/Firewall#attachment']);
  });
});

describe('reading transit gateway attachments', () => {
  it('keeps the first of two attachments of one VPC to one transit gateway, and says AWS rejects the second', () => {
    const twice = buildModel(
      mutate(assembly, (t) => {
        t.add('Hub', 'SpokeAAttachmentAgain', {
          Type: 'AWS::EC2::TransitGatewayVpcAttachment',
          Properties: {
            TransitGatewayId: { Ref: 'Tgw' },
            VpcId: { Ref: 'SpokeAVpc' },
            SubnetIds: [{ Ref: 'SpokeAWorkloadA' }],
          },
        });
      }),
    );
    expect(
      twice.transitGatewayAttachments.filter((attachment) => attachment.vpcId === 'Hub/SpokeAVpc'),
    ).toEqual([expect.objectContaining({ id: 'Hub/SpokeAAttachment' })]);
    expect(twice.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'SpokeAAttachmentAgain is left out of the model: SpokeAAttachment already attaches Hub/SpokeAVpc to Hub/Tgw, and a transit gateway has at most one attachment per VPC (AWS rejects the second)',
    ]);
  });
});
