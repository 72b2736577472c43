import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAddresses } from '../../src/config/addressing.js';
import { SHARED_PARAMETER } from '../../src/stacks/shared-parameters.js';
import { natSubnetOf, routesOf, subnetsOf } from '../support/routes.js';
import {
  defaultConfig,
  jsonOf,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

let step: SynthesizedTemplates;
beforeAll(() => {
  step = synthesizeForTest(6);
});

const plan = planAddresses(defaultConfig);

describe('step 6, transit-gateway', () => {
  it('defines the network, workload and spoke-routing stacks in one account', () => {
    expect(Object.keys(step.templates).sort()).toEqual(['MoatNetwork', 'MoatSpokeRouting', 'MoatWorkload']);
  });

  it('leaves the container VPC without IGW and NAT, its default route on the TGW read from SSM', () => {
    const json = jsonOf(step, 'MoatWorkload');
    const template = templateOf(step, 'MoatWorkload');
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    expect(json.Parameters?.TransitGatewayId).toEqual(
      expect.objectContaining({
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: SHARED_PARAMETER.transitGatewayId,
      }),
    );
    for (const subnet of subnetsOf(json, 'ContainerVpc', 'Private')) {
      expect(routesOf(json, subnet)['0.0.0.0/0']).toEqual(
        expect.objectContaining({ TransitGatewayId: { Ref: 'TransitGatewayId' } }),
      );
    }
  });

  it('attaches the container VPC through its transit subnets and publishes the attachment ID', () => {
    const json = jsonOf(step, 'MoatWorkload');
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', {
      TransitGatewayId: { Ref: 'TransitGatewayId' },
      SubnetIds: subnetsOf(json, 'ContainerVpc', 'Transit').map((id) => ({ Ref: id })),
    });
    templateOf(step, 'MoatWorkload').hasResourceProperties('AWS::SSM::Parameter', {
      Name: SHARED_PARAMETER.containerAttachmentId,
      Value: { Ref: 'ContainerAttachment' },
    });
  });

  it('gives the tasks ECR, ECR Docker, Logs and SSM messages interface endpoints with private DNS, and an S3 gateway endpoint', () => {
    const template = templateOf(step, 'MoatWorkload');
    for (const service of ['ecr.api', 'ecr.dkr', 'logs', 'ssmmessages']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: `com.amazonaws.${defaultConfig.region}.${service}`,
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
      });
    }
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      VpcEndpointType: 'Gateway',
    });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 5);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface endpoints: HTTPS from the container subnets only',
      SecurityGroupIngress: plan.container.tiers.private.map((subnet) => ({
        CidrIp: subnet.cidr,
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        Description: `container subnet ${subnet.cidr}`,
      })),
    });
  });

  it('starts the service only once every endpoint exists, with ECS Exec on', () => {
    const json = jsonOf(step, 'MoatWorkload');
    const endpoints = Object.keys(json.Resources).filter(
      (id) => json.Resources[id]?.Type === 'AWS::EC2::VPCEndpoint',
    );
    expect(endpoints.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'EndpointsEcrApi',
      'EndpointsEcrDocker',
      'EndpointsLogs',
      'EndpointsS3',
      'EndpointsSsmMessages',
    ]);
    const [service] = Object.values(templateOf(step, 'MoatWorkload').findResources('AWS::ECS::Service'));
    expect(service?.DependsOn).toEqual(expect.arrayContaining(endpoints));
    expect(service?.Properties.EnableExecuteCommand).toBe(true);
  });

  it('turns the TGW default association and propagation off and routes spokes to the egress attachment', () => {
    const template = templateOf(step, 'MoatNetwork');
    template.hasResourceProperties('AWS::EC2::TransitGateway', {
      DefaultRouteTableAssociation: 'disable',
      DefaultRouteTablePropagation: 'disable',
      AutoAcceptSharedAttachments: 'disable',
    });
    template.hasResourceProperties('AWS::EC2::TransitGatewayRoute', {
      DestinationCidrBlock: '0.0.0.0/0',
      TransitGatewayAttachmentId: { Ref: Match.stringLikeRegexp('^HubEgressAttachment') },
      TransitGatewayRouteTableId: { Ref: Match.stringLikeRegexp('^HubSpokeRouteTable') },
    });
    template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTableAssociation', {
      TransitGatewayAttachmentId: { Ref: Match.stringLikeRegexp('^HubEgressAttachment') },
      TransitGatewayRouteTableId: { Ref: Match.stringLikeRegexp('^HubEgressRouteTable') },
    });
    template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTableAssociation', {
      TransitGatewayAttachmentId: { Ref: Match.stringLikeRegexp('^HubIngressAttachment') },
      TransitGatewayRouteTableId: { Ref: Match.stringLikeRegexp('^HubSpokeRouteTable') },
    });
    for (const table of ['^HubSpokeRouteTable', '^HubEgressRouteTable']) {
      template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTablePropagation', {
        TransitGatewayAttachmentId: { Ref: Match.stringLikeRegexp('^HubIngressAttachment') },
        TransitGatewayRouteTableId: { Ref: Match.stringLikeRegexp(table) },
      });
    }
    // The egress attachment propagates nowhere: spokes reach it only by the static default route.
    expect(
      template.findResources('AWS::EC2::TransitGatewayRouteTablePropagation', {
        Properties: { TransitGatewayAttachmentId: { Ref: Match.stringLikeRegexp('^HubEgressAttachment') } },
      }),
    ).toEqual({});
  });

  it("associates the container attachment with the spoke table and propagates it to both tables from the hub's account", () => {
    const json = jsonOf(step, 'MoatSpokeRouting');
    expect(json.Parameters?.ContainerAttachmentId?.Default).toBe(SHARED_PARAMETER.containerAttachmentId);
    const template = templateOf(step, 'MoatSpokeRouting');
    template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTableAssociation', {
      TransitGatewayAttachmentId: { Ref: 'ContainerAttachmentId' },
      TransitGatewayRouteTableId: { Ref: 'SpokeRouteTableId' },
    });
    for (const table of ['SpokeRouteTableId', 'EgressRouteTableId']) {
      template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTablePropagation', {
        TransitGatewayAttachmentId: { Ref: 'ContainerAttachmentId' },
        TransitGatewayRouteTableId: { Ref: table },
      });
    }
  });

  it('sends the egress transit subnets to the NAT of their AZ and the replies to the spokes back to the TGW', () => {
    const json = jsonOf(step, 'MoatNetwork');
    const publicSubnets = subnetsOf(json, 'EgressVpc', 'Public');
    subnetsOf(json, 'EgressVpc', 'Transit').forEach((subnet, index) => {
      expect(natSubnetOf(json, subnet)).toBe(publicSubnets[index]);
    });
    for (const subnet of publicSubnets) {
      const routes = routesOf(json, subnet);
      expect(routes[plan.container.cidr]?.TransitGatewayId).toEqual({
        Ref: expect.stringMatching(/^HubTransitGateway/),
      });
    }
  });

  it('moves the internet-facing ALB to the ingress VPC, targeting the NLB IPs across the TGW with AZ "all"', () => {
    const json = jsonOf(step, 'MoatNetwork');
    const template = templateOf(step, 'MoatNetwork');
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Subnets: subnetsOf(json, 'IngressVpc', 'Public').map((id) => ({ Ref: id })),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      VpcId: { Ref: Match.stringLikeRegexp('^IngressVpc') },
      Targets: plan.nlbPrivateIps.map((nlbIp) => ({
        Id: nlbIp.address,
        Port: 8080,
        AvailabilityZone: 'all',
      })),
    });
    for (const subnet of subnetsOf(json, 'IngressVpc', 'Public')) {
      expect(routesOf(json, subnet)[plan.container.cidr]?.TransitGatewayId).toBeDefined();
    }
    templateOf(step, 'MoatWorkload').resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
  });

  it('passes values between stacks by SSM parameters only, never by exports', () => {
    for (const json of Object.values(step.json)) {
      expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
      expect(JSON.stringify(json.Outputs ?? {})).not.toContain('"Export"');
    }
  });

  it('records the construct path of every resource, as cdk synth does', () => {
    const json = jsonOf(step, 'MoatNetwork');
    const [hub] = Object.entries(json.Resources).filter(
      ([, resource]) => resource.Type === 'AWS::EC2::TransitGateway',
    );
    expect(hub?.[1].Metadata?.['aws:cdk:path']).toBe('MoatNetwork/Hub/TransitGateway');
    for (const stack of Object.values(step.json)) {
      for (const [id, resource] of Object.entries(stack.Resources)) {
        expect(resource.Metadata?.['aws:cdk:path'], id).toEqual(expect.any(String));
      }
    }
  });

  it('writes flow logs for all three VPCs', () => {
    templateOf(step, 'MoatNetwork').resourceCountIs('AWS::EC2::FlowLog', 2);
    templateOf(step, 'MoatWorkload').resourceCountIs('AWS::EC2::FlowLog', 1);
  });
});
