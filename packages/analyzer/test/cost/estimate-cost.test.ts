import { describe, expect, it } from 'vitest';
import {
  type CostLine,
  type CostReport,
  estimateCost,
  type UsageProfile,
} from '../../src/analyses/cost/index.js';
import { known, type NetworkModel, unknown } from '../../src/model/types.js';
import { aModel } from './support/model-builder.js';

const at720 = (model: NetworkModel, usage: UsageProfile = {}) =>
  estimateCost(model, { region: 'us-east-1', hoursPerMonth: 720, usage });

/** [logical id or '—', charge, quantity, monthly] for every line: the facts a reader checks. */
const facts = (report: CostReport) =>
  report.lines.map((line: CostLine) => [
    line.resource?.logicalId ?? '—',
    line.charge,
    line.quantity.known ? line.quantity.value : 'unknown',
    line.monthlyUsd.known ? line.monthlyUsd.value : 'unknown',
  ]);

describe('estimateCost', () => {
  it('prices a NAT gateway by the hour and its data processed, its Elastic IP as a public IPv4, and data out on the account', () => {
    const model = aModel().vpc('Vpc').internetGateway('Igw', 'Vpc').natGateway('Nat', 'VpcSubnet1').build();
    expect(facts(at720(model))).toEqual([
      ['Nat', 'natGatewayHour', '720', '32.40'],
      ['Nat', 'natGatewayGb', '5', '0.225'],
      ['NatEip', 'publicIpv4Hour', '720', '3.60'],
      ['—', 'dataTransferOutGb', '10', '0.90'],
    ]);
  });

  it('counts one firewall endpoint per subnet mapping and waives one NAT gateway-hour per endpoint-hour in its VPC', () => {
    const model = aModel()
      .vpc('Egress', 3)
      .natGateway('NatA', 'EgressSubnet1')
      .natGateway('NatB', 'EgressSubnet2')
      .firewall('Firewall', 'Egress', ['EgressSubnet1', 'EgressSubnet2', 'EgressSubnet3'])
      .build();
    const report = at720(model);
    expect(facts(report).filter(([, charge]) => charge !== 'publicIpv4Hour')).toEqual([
      ['NatA', 'natGatewayHour', '720', '32.40'],
      ['NatA', 'natGatewayGb', '5', '0.225'],
      ['NatB', 'natGatewayHour', '720', '32.40'],
      ['NatB', 'natGatewayGb', '5', '0.225'],
      ['Firewall', 'firewallEndpointHour', '2160', '853.20'],
      ['Firewall', 'firewallGb', '5', '0.325'],
      ['Firewall', 'natGatewayHourWaiver', '1440', '-64.80'],
      ['Firewall', 'natGatewayGbWaiver', '5', '-0.225'],
    ]);
    expect(report.lines.find((line) => line.charge === 'natGatewayHourWaiver')?.category).toBe('waiver');
  });

  it('waives nothing for a firewall in a VPC without NAT gateways', () => {
    const model = aModel()
      .vpc('Egress')
      .vpc('Inspection')
      .natGateway('Nat', 'EgressSubnet1')
      .firewall('Firewall', 'Inspection', ['InspectionSubnet1'])
      .build();
    expect(at720(model).lines.filter((line) => line.category === 'waiver')).toEqual([]);
    expect(at720(model).waiverRule).toBeUndefined();
  });

  it('counts one endpoint per AZ mapping of a firewall on a transit gateway, waives no NAT hour, and leaves its attachment UNKNOWN, naming why', () => {
    const model = aModel()
      .vpc('Egress')
      .natGateway('Nat', 'EgressSubnet1')
      .attachedFirewall('Firewall', ['us-east-1a', 'us-east-1b'])
      .build();
    const report = at720(model);
    expect(facts(report).filter(([, charge]) => charge !== 'publicIpv4Hour')).toEqual([
      ['Nat', 'natGatewayHour', '720', '32.40'],
      ['Nat', 'natGatewayGb', '5', '0.225'],
      ['Firewall', 'firewallEndpointHour', '1440', '568.80'],
      ['Firewall', 'firewallGb', '5', '0.325'],
      ['Firewall', 'unpriced', 'unknown', 'unknown'],
    ]);
    const attachment = report.lines.find((line) => line.charge === 'unpriced');
    expect(attachment?.what).toBe('Transit Gateway attachment of the firewall');
    expect(attachment?.monthlyUsd).toEqual(
      unknown(
        'no AWS pricing page Moat could check states the hourly or per-GB price of a Network Firewall transit gateway attachment (https://aws.amazon.com/network-firewall/pricing/, https://aws.amazon.com/transit-gateway/pricing/)',
      ),
    );
    expect(report.complete).toBe(false);
  });

  it('prices an interface endpoint per AZ and lists a gateway endpoint at $0', () => {
    const model = aModel()
      .vpc('Vpc')
      .endpoint('EcrApi', 'Interface', 'ecr.api', 'Vpc', ['VpcSubnet1', 'VpcSubnet2'])
      .endpoint('S3', 'Gateway', 's3', 'Vpc', [])
      .build();
    const report = at720(model);
    expect(facts(report)).toEqual([
      ['EcrApi', 'interfaceEndpointAzHour', '1440', '14.40'],
      ['EcrApi', 'interfaceEndpointGb', '5', '0.05'],
      ['S3', 'gatewayEndpointHour', '720', '0.00'],
    ]);
    expect(report.lines.map((line) => line.what)).toEqual([
      'interface endpoint ecr.api in 2 AZs',
      'interface endpoint data processed',
      'gateway endpoint s3',
    ]);
  });

  it('prices Transit Gateway attachments by the hour and the data each VPC sends through its attachment by the GB', () => {
    const model = aModel()
      .vpc('A')
      .vpc('B')
      .transitGatewayAttachment('AttA', 'A')
      .transitGatewayAttachment('AttB', 'B')
      .build();
    expect(facts(at720(model))).toEqual([
      ['AttA', 'transitGatewayAttachmentHour', '720', '36.00'],
      ['AttA', 'transitGatewayGb', '5', '0.10'],
      ['AttB', 'transitGatewayAttachmentHour', '720', '36.00'],
      ['AttB', 'transitGatewayGb', '5', '0.10'],
    ]);
  });

  it('prices load balancers by the hour and capacity unit, and an internet-facing one a public IPv4 per AZ', () => {
    const model = aModel()
      .vpc('Vpc')
      .loadBalancer('Alb', 'application', 'internet-facing', ['VpcSubnet1', 'VpcSubnet2'])
      .loadBalancer('Nlb', 'network', 'internal', ['VpcSubnet1', 'VpcSubnet2'])
      .build();
    const usage = {
      kinds: {
        applicationLoadBalancer: { capacityUnitsPerHour: 2 },
        networkLoadBalancer: { capacityUnitsPerHour: 2 },
      },
    };
    expect(facts(at720(model, usage))).toEqual([
      ['Alb', 'albHour', '720', '16.20'],
      ['Alb', 'albLcuHour', '1440', '11.52'],
      ['Nlb', 'nlbHour', '720', '16.20'],
      ['Nlb', 'nlbNlcuHour', '1440', '8.64'],
      ['Alb', 'publicIpv4Hour', '1440', '7.20'],
    ]);
  });

  it('prices Fargate tasks by desired count × vCPU and × GB, exactly', () => {
    const model = aModel()
      .fargateService('Service', { desiredCount: 2, vcpu: known(0.25), memoryGb: known(0.5) })
      .build();
    expect(facts(at720(model))).toEqual([
      ['Service', 'fargateVcpuHour', '360', '14.5728'],
      ['Service', 'fargateGbHour', '720', '3.2004'],
    ]);
  });

  it('says a Fargate task size it cannot resolve is unknown and flags the total incomplete, never guessing', () => {
    const model = aModel()
      .fargateService('Service', {
        desiredCount: 2,
        vcpu: unknown('Cpu is a parameter without a default'),
        memoryGb: known(1),
      })
      .build();
    const report = at720(model);
    expect(facts(report)).toEqual([
      ['Service', 'fargateVcpuHour', 'unknown', 'unknown'],
      ['Service', 'fargateGbHour', '1440', '6.4008'],
    ]);
    expect(report.complete).toBe(false);
    expect(report.totalUsd).toBe('6.4008');
    expect(report.incompleteReasons).toEqual(['Service: task vCPU: Cpu is a parameter without a default']);
  });

  it('prices an EC2 instance by type and its public IP, and names a type the table lacks', () => {
    const model = aModel()
      .vpc('Vpc')
      .instance('Web', 'VpcSubnet1', known('t3.micro'), true)
      .instance('Big', 'VpcSubnet1', known('m5.large'))
      .build();
    const report = at720(model);
    expect(facts(report)).toEqual([
      ['Web', 'ec2InstanceHour', '720', '7.488'],
      ['Big', 'ec2InstanceHour', 'unknown', 'unknown'],
      ['Web', 'publicIpv4Hour', '720', '3.60'],
    ]);
    expect(report.incompleteReasons).toEqual([
      'Big: no price for m5.large in the us-east-1 table (packages/analyzer/data/price-list/README.md says how to add one)',
    ]);
  });

  it('prices a WAF web ACL by the month, each rule or rule group by the month, and requests per million', () => {
    const model = aModel()
      .webAcl('WebAcl', ['CommonRuleSet', 'KnownBadInputs', 'SqlInjection', 'IpReputation', 'RateLimit'])
      .build();
    expect(facts(at720(model, { kinds: { webAcl: { monthlyRequests: 2_500_000 } } }))).toEqual([
      ['WebAcl', 'wafWebAclMonth', '1', '5.00'],
      ['WebAcl', 'wafRuleMonth', '5', '5.00'],
      ['WebAcl', 'wafMillionRequests', '2.5', '1.50'],
    ]);
  });

  it('prices REST API requests per million and charges data transfer out for a public API', () => {
    expect(facts(at720(aModel().restApi('Api').build()))).toEqual([
      ['Api', 'apiGatewayRestMillionRequests', '1', '3.50'],
      ['—', 'dataTransferOutGb', '10', '0.90'],
    ]);
  });

  it('bills 730 hours a month unless told otherwise', () => {
    const model = aModel().vpc('Vpc').natGateway('Nat', 'VpcSubnet1').build();
    const report = estimateCost(model, { region: 'us-east-1' });
    expect(report.hoursPerMonth).toBe(730);
    expect(facts(report)[0]).toEqual(['Nat', 'natGatewayHour', '730', '32.85']);
  });

  it('says on each usage line which figure it used: a resource entry by logical ID or construct path, else its kind, else the default', () => {
    const model = aModel()
      .vpc('Vpc', 3)
      .natGateway('NatA', 'VpcSubnet1')
      .natGateway('NatB', 'VpcSubnet2')
      .natGateway('NatC', 'VpcSubnet3')
      .restApi('Api')
      .build();
    const report = at720(model, {
      monthlyInternetEgressGb: 50,
      kinds: { natGateway: { monthlyDataProcessedGb: 100 } },
      resources: { NatA: { monthlyDataProcessedGb: 300 }, 'Net/NatB': { monthlyDataProcessedGb: 200 } },
    });
    expect(
      report.lines.flatMap((line) =>
        line.usage === undefined ? [] : [[line.resource?.logicalId ?? '—', line.quantity, line.usage]],
      ),
    ).toEqual([
      [
        'NatA',
        known('300'),
        {
          field: 'monthlyDataProcessedGb',
          value: 300,
          from: 'profile',
          at: 'resources.NatA.monthlyDataProcessedGb',
        },
      ],
      [
        'NatB',
        known('200'),
        {
          field: 'monthlyDataProcessedGb',
          value: 200,
          from: 'profile',
          at: 'resources.Net/NatB.monthlyDataProcessedGb',
        },
      ],
      [
        'NatC',
        known('100'),
        {
          field: 'monthlyDataProcessedGb',
          value: 100,
          from: 'profile',
          at: 'kinds.natGateway.monthlyDataProcessedGb',
        },
      ],
      ['Api', known('1'), { field: 'monthlyRequests', value: 1_000_000, from: 'default' }],
      [
        '—',
        known('50'),
        { field: 'monthlyInternetEgressGb', value: 50, from: 'profile', at: 'monthlyInternetEgressGb' },
      ],
    ]);
    expect(report.usage.warnings).toEqual([]);
  });

  it('warns of profile entries that match no resource, or set a figure their resource does not have', () => {
    const model = aModel().vpc('Vpc').natGateway('Nat', 'VpcSubnet1').build();
    const report = at720(model, {
      resources: { Nat: { monthlyRequests: 5 }, Natt: { monthlyDataProcessedGb: 5 } },
    });
    expect(report.usage.warnings).toEqual([
      'resources.Nat.monthlyRequests does not apply to a natGateway (its figure is monthlyDataProcessedGb); remove it',
      'resources.Natt matches no resource here; use a logical ID or a construct path from this table',
    ]);
    expect(report.lines.find((line) => line.charge === 'natGatewayGb')?.usage?.from).toBe('default');
  });

  it("waives no more NAT data than the NAT gateways of the firewall's VPC processed, nor more than the firewall did", () => {
    const model = aModel()
      .vpc('Egress')
      .natGateway('NatA', 'EgressSubnet1')
      .natGateway('NatB', 'EgressSubnet2')
      .firewall('Firewall', 'Egress', ['EgressSubnet1', 'EgressSubnet2'])
      .build();
    const waivedGb = (usage: UsageProfile) =>
      at720(model, usage).lines.find((line) => line.charge === 'natGatewayGbWaiver')?.quantity;
    expect(
      waivedGb({
        kinds: { natGateway: { monthlyDataProcessedGb: 30 }, firewall: { monthlyDataProcessedGb: 100 } },
      }),
    ).toEqual(known('60'));
    expect(
      waivedGb({
        kinds: { natGateway: { monthlyDataProcessedGb: 30 }, firewall: { monthlyDataProcessedGb: 40 } },
      }),
    ).toEqual(known('40'));
  });

  it("uses the region's own table: a NAT gateway in eu-central-1 costs $0.052 an hour", () => {
    const model = aModel().vpc('Vpc').natGateway('Nat', 'VpcSubnet1').build();
    const report = estimateCost(model, { region: 'eu-central-1' });
    expect(facts(report)[0]).toEqual(['Nat', 'natGatewayHour', '730', '37.96']);
    expect(report.region).toBe('eu-central-1');
  });

  it('cites the date and the sources of the prices it used', () => {
    const report = at720(aModel().vpc('Vpc').natGateway('Nat', 'VpcSubnet1').build());
    expect(report.pricesAsOf).toBe('2026-11-27');
    expect(report.sources).toEqual(['https://aws.amazon.com/vpc/pricing/']);
  });

  it('prices an empty model at $0.00, complete', () => {
    const report = at720(aModel().build());
    expect([report.lines, report.totalUsd, report.complete]).toEqual([[], '0.00', true]);
  });

  it('rejects a region without a price table, naming the regions that have one and how to add one', () => {
    expect(() => estimateCost(aModel().build(), { region: 'mars-north-1' })).toThrow(
      /^No price table for region 'mars-north-1'\. Moat prices the 35 commercial regions: af-south-1, ap-east-1, .*, us-west-2\. Pass one of them \(China and GovCloud have price lists of their own\), or add the region to packages\/analyzer\/data\/price-list\/regions\.json and run "npm run prices -w @moat\/analyzer"\.$/,
    );
  });

  it('prices a line UNKNOWN, never $0, where the region has no figure, and says which price is missing', () => {
    // ap-southeast-2 has no saved Price List extract today: only the free gateway endpoint is known.
    const model = aModel()
      .vpc('Vpc')
      .natGateway('Nat', 'VpcSubnet1')
      .endpoint('S3', 'Gateway', 's3', 'Vpc', [])
      .build();
    const report = estimateCost(model, { region: 'ap-southeast-2' });
    expect(facts(report)).toEqual([
      ['Nat', 'natGatewayHour', '730', 'unknown'],
      ['Nat', 'natGatewayGb', '5', 'unknown'],
      ['S3', 'gatewayEndpointHour', '730', '0.00'],
      ['NatEip', 'publicIpv4Hour', '730', 'unknown'],
    ]);
    expect([report.complete, report.totalUsd]).toEqual([false, '0.00']);
    expect(report.incompleteReasons[0]).toBe(
      'Nat: no ap-southeast-2 price for NAT gateway-hour: no saved AWS Price List extract covers ap-southeast-2 and no figure was checked by hand (packages/analyzer/data/price-list/README.md)',
    );
  });

  it('rejects hours per month outside 0–744', () => {
    expect(() => estimateCost(aModel().build(), { region: 'us-east-1', hoursPerMonth: 800 })).toThrow(
      "Invalid hours per month: received 800; expected a number above 0 and at most 744 (31 days); AWS's monthly average is 730.",
    );
  });

  it('rejects a negative figure, an unknown kind and a figure the kind does not have', () => {
    expect(() => at720(aModel().build(), { monthlyInternetEgressGb: -1 })).toThrow(
      'Invalid usage.monthlyInternetEgressGb: received -1; expected a finite number of 0 or more.',
    );
    expect(() => at720(aModel().build(), { kinds: { natGateways: {} } } as UsageProfile)).toThrow(
      'Invalid usage.kinds field: received "natGateways"; expected one of natGateway, firewall, ' +
        'transitGatewayAttachment, interfaceEndpoint, applicationLoadBalancer, networkLoadBalancer, restApi, webAcl.',
    );
    expect(() =>
      at720(aModel().build(), { kinds: { restApi: { monthlyDataProcessedGb: 3 } } } as UsageProfile),
    ).toThrow(
      'Invalid usage.kinds.restApi field: received "monthlyDataProcessedGb"; expected one of monthlyRequests.',
    );
  });
});
