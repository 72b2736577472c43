import { describe, expect, it } from 'vitest';
import { subnetName } from '../src/analyses/diagram/names.js';
import { displayName, endpointNamer, sourceLocation } from '../src/analyses/names.js';
import type { Source } from '../src/model/types.js';
import { guideStep7 } from './diagram/support/guide-steps.js';

const cdk = (type: string, constructPath: string, logicalId = 'X12345678'): Source => ({
  stack: constructPath.split('/')[0] ?? 'Stack',
  logicalId,
  type,
  constructPath,
});

describe('displayName', () => {
  it('names a resource by the part of its construct path a user wrote, without the stack and the L1 CDK adds', () => {
    // Construct paths as `moat synth` writes them for the guide's steps.
    expect(displayName(cdk('AWS::EC2::VPC', 'MoatNetwork/IngressVpc/Resource'))).toBe('IngressVpc');
    expect(displayName(cdk('AWS::EC2::NatGateway', 'MoatNetwork/EgressVpc/PublicSubnet1/NATGateway'))).toBe(
      'EgressVpc/PublicSubnet1/NATGateway',
    );
    expect(displayName(cdk('AWS::EC2::VPCEndpoint', 'MoatWorkload/Endpoints/EcrApi/Resource'))).toBe(
      'Endpoints/EcrApi',
    );
    expect(
      displayName(cdk('AWS::EC2::TransitGatewayVpcAttachment', 'MoatWorkload/ContainerAttachment')),
    ).toBe('ContainerAttachment');
  });

  it('drops an id that only repeats its parent or the resource type inside the construct a user created', () => {
    expect(
      displayName(cdk('AWS::ElasticLoadBalancingV2::LoadBalancer', 'MoatNetwork/Alb/LoadBalancer/Resource')),
    ).toBe('Alb');
    expect(displayName(cdk('AWS::ECS::Service', 'MoatWorkload/PriceService/Service/Service'))).toBe(
      'PriceService',
    );
    expect(displayName(cdk('AWS::WAFv2::WebACL', 'MoatNetwork/WebAcl/WebAcl'))).toBe('WebAcl');
    expect(displayName(cdk('AWS::NetworkFirewall::Firewall', 'MoatNetwork/EgressFirewall/Firewall'))).toBe(
      'EgressFirewall',
    );
    expect(displayName(cdk('AWS::EC2::Subnet', 'MoatNetwork/EgressVpc/PublicSubnet1/Subnet'))).toBe(
      'EgressVpc/PublicSubnet1',
    );
    // A construct whose only id is the type's keeps it: one segment always stays.
    expect(displayName(cdk('AWS::ECS::Service', 'App/Service/Resource'))).toBe('Service');
  });

  it("names a CDK RestApi's deployment stage by its API and stage name", () => {
    expect(
      displayName(cdk('AWS::ApiGateway::Stage', 'MoatNetwork/Api/RestApi/DeploymentStage.prod/Resource')),
    ).toBe('Api stage prod');
  });

  it('names a plain template resource by its Name tag, else by its logical id without a CDK hash', () => {
    const plain = (logicalId: string, nameTag?: string): Source => ({
      stack: 'Net',
      logicalId,
      type: 'AWS::EC2::VPC',
      ...(nameTag === undefined ? {} : { nameTag }),
    });
    expect(displayName(plain('VpcA', 'egress-vpc'))).toBe('egress-vpc');
    expect(displayName(plain('VpcA'))).toBe('VpcA');
    expect(displayName(plain('IngressVpcE8D75C19'))).toBe('IngressVpc');
    expect(displayName({ ...plain('IngressVpcE8D75C19'), constructPath: 'Net' })).toBe('IngressVpc');
  });
});

describe('sourceLocation', () => {
  it('says where a named resource is in the templates', () => {
    expect(
      sourceLocation(
        cdk('AWS::ECS::Service', 'MoatWorkload/PriceService/Service/Service', 'PriceService0B9AD400'),
      ),
    ).toBe('MoatWorkload/PriceService0B9AD400 · AWS::ECS::Service');
  });
});

describe('endpointNamer', () => {
  it('names the tasks, load balancers and API stages a flow starts or ends at, and the rest as traces do', () => {
    const { model } = guideStep7({ api: true });
    const name = endpointNamer(model);
    const service = model.ecsServices[0]?.id ?? '';
    const stage = model.restApis[0]?.stages[0]?.id ?? '';
    expect(name({ kind: 'workload', id: service })).toBe('PriceService');
    expect(name({ kind: 'entry', id: stage })).toBe('PriceApi stage prod');
    expect(name({ kind: 'host', hostname: 'api.binance.com' })).toBe('api.binance.com');
    expect(name({ kind: 'aws-service', service: 's3' })).toBe('s3');
    expect(name({ kind: 'workload', id: 'Other/WorkerA1B2C3D4' })).toBe('WorkerA1B2C3D4');
  });
});

describe('subnetName', () => {
  const subnet = (logicalId: string, constructPath?: string): Source => ({
    stack: 'Net',
    logicalId,
    type: 'AWS::EC2::Subnet',
    ...(constructPath ? { constructPath } : {}),
  });

  it('names a subnet by its CDK subnet group, from the construct path or the logical id', () => {
    expect(subnetName(subnet('X', 'Net/EgressVpc/FirewallSubnet2/Subnet'), 'EgressVpc')).toBe(
      'Firewall subnet',
    );
    expect(subnetName(subnet('IngressVpcPublicSubnet1SubnetE867399C'), 'IngressVpc')).toBe('Public subnet');
  });

  it('keeps a name that already says subnet, and names a plain template subnet by its logical id', () => {
    expect(subnetName(subnet('AppSubnet'), 'Vpc')).toBe('AppSubnet');
    expect(subnetName(subnet('Web'), 'Vpc')).toBe('Web subnet');
  });
});
