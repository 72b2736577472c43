import { describe, expect, it } from 'vitest';
import { displayName, subnetName } from '../../src/analyses/diagram/names.js';

describe('displayName', () => {
  const source = (constructPath?: string) => ({
    stack: 'Net',
    logicalId: 'VpcA1B2',
    type: 'AWS::EC2::VPC',
    ...(constructPath ? { constructPath } : {}),
  });

  it('names an element by the construct a user created, not the L1 CDK adds below it', () => {
    expect(displayName(source('Net/IngressVpc/Resource'))).toBe('IngressVpc');
    expect(displayName(source('Workload/PriceService/Service'))).toBe('PriceService');
    expect(displayName(source('Net/Service/Resource'))).toBe('Service');
  });

  it('falls back to the logical id for plain CloudFormation', () => {
    expect(displayName(source())).toBe('VpcA1B2');
    expect(displayName(source('Net'))).toBe('VpcA1B2');
  });

  it('drops the hash and the generated suffix of a CDK logical id when there is no construct path', () => {
    const cdk = (logicalId: string) => displayName({ stack: 'Net', logicalId, type: 'AWS::EC2::VPC' });
    expect(cdk('IngressVpcE8D75C19')).toBe('IngressVpc');
    expect(cdk('PriceServiceHostsInstance18BDCD385')).toBe('PriceServiceHostsInstance1');
    expect(cdk('IngressVpcIGWE904BA9B')).toBe('IngressVpc');
    expect(cdk('EgressVpcPublicSubnet1NATGatewayDD732E90')).toBe('EgressVpcPublicSubnet1');
    expect(cdk('ContainerAttachment')).toBe('ContainerAttachment');
  });
});

describe('subnetName', () => {
  const subnet = (logicalId: string, constructPath?: string) => ({
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
