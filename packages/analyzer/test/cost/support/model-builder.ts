import {
  type EcsService,
  type ElementId,
  known,
  type LoadBalancer,
  type NetworkModel,
  type Resolved,
  type Source,
  type VpcEndpoint,
} from '../../../src/model/types.js';
import { type DraftModel, emptyModel } from '../../support/empty-model.js';

/** One stack is enough for cost: ids are `Net/<logicalId>`, as the model builder makes them. */
const STACK = 'Net';

export const source = (logicalId: string, type: string): Source => ({
  stack: STACK,
  logicalId,
  type,
  constructPath: `${STACK}/${logicalId}/Resource`,
});

const id = (logicalId: string): ElementId => `${STACK}/${logicalId}`;

/** A hand-built network model with only the elements a cost test needs; every call returns the builder. */
export class CostModelBuilder {
  private readonly model: DraftModel = {
    ...emptyModel(),
    stacks: [{ name: STACK, account: known('111111111111'), region: known('us-east-1') }],
  };

  /** A VPC with one subnet per AZ, named `<vpc>Subnet<n>`. */
  vpc(logicalId: string, availabilityZones = 2): this {
    this.model.vpcs.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::EC2::VPC'),
      stack: STACK,
      cidrs: [],
      flowLogIds: [],
    });
    for (let n = 1; n <= availabilityZones; n++) {
      const subnet = `${logicalId}Subnet${n}`;
      this.model.subnets.push({
        id: id(subnet),
        source: source(subnet, 'AWS::EC2::Subnet'),
        vpcId: id(logicalId),
        cidr: known(`10.0.${n}.0/24`),
        availabilityZone: known(`us-east-1${'abcdef'[n - 1]}`),
        mapPublicIpOnLaunch: false,
      });
    }
    return this;
  }

  internetGateway(logicalId: string, vpc: string): this {
    this.model.internetGateways.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::EC2::InternetGateway'),
      vpcId: id(vpc),
    });
    return this;
  }

  /** A public NAT gateway with its Elastic IP `<logicalId>Eip`. */
  natGateway(logicalId: string, subnet: string): this {
    const eip = `${logicalId}Eip`;
    this.model.elasticIps.push({
      id: id(eip),
      source: source(eip, 'AWS::EC2::EIP'),
      attachedTo: id(logicalId),
    });
    this.model.natGateways.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::EC2::NatGateway'),
      placement: { kind: 'zonal', subnetId: id(subnet) },
      connectivity: 'public',
      elasticIpId: id(eip),
    });
    return this;
  }

  firewall(logicalId: string, vpc: string, subnets: readonly string[]): this {
    this.model.firewalls.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::NetworkFirewall::Firewall'),
      vpcId: id(vpc),
      subnetIds: subnets.map(id),
      policyId: known(id(`${logicalId}Policy`)),
      logTypes: [],
    });
    return this;
  }

  /** A firewall attached natively to a transit gateway: one endpoint per AZ mapping, no VPC or subnet of its own. */
  attachedFirewall(logicalId: string, availabilityZones: readonly string[]): this {
    this.model.firewalls.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::NetworkFirewall::Firewall'),
      subnetIds: [],
      transitGatewayAttachment: {
        id: `${id(logicalId)}#attachment`,
        transitGatewayId: id('Tgw'),
        availabilityZones: availabilityZones.map((zone) => known(zone)),
      },
      policyId: known(id(`${logicalId}Policy`)),
      logTypes: [],
    });
    return this;
  }

  endpoint(
    logicalId: string,
    kind: VpcEndpoint['kind'],
    service: string,
    vpc: string,
    subnets: readonly string[],
  ): this {
    this.model.vpcEndpoints.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::EC2::VPCEndpoint'),
      vpcId: id(vpc),
      kind,
      serviceName: known(`com.amazonaws.us-east-1.${service}`),
      service: known(service),
      subnetIds: subnets.map(id),
      securityGroupIds: [],
      privateDnsEnabled: kind === 'Interface',
      routeTableIds: [],
    });
    return this;
  }

  transitGatewayAttachment(logicalId: string, vpc: string): this {
    this.model.transitGatewayAttachments.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::EC2::TransitGatewayAttachment'),
      transitGatewayId: id('Tgw'),
      vpcId: id(vpc),
      subnetIds: [],
      applianceMode: false,
      stack: STACK,
    });
    return this;
  }

  loadBalancer(
    logicalId: string,
    kind: LoadBalancer['kind'],
    scheme: LoadBalancer['scheme'],
    subnets: readonly string[],
  ): this {
    this.model.loadBalancers.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
      kind,
      scheme,
      subnetIds: subnets.map(id),
      privateIpsBySubnet: {},
      securityGroupIds: [],
      crossZone: true,
      privateLinkInboundRules: true,
      listeners: [],
    });
    return this;
  }

  fargateService(
    logicalId: string,
    task: {
      desiredCount: number;
      vcpu: Resolved<number>;
      memoryGb: Resolved<number>;
      assignPublicIp?: boolean;
    },
    launchType: EcsService['launchType'] = 'FARGATE',
  ): this {
    this.model.ecsServices.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::ECS::Service'),
      subnetIds: [],
      securityGroupIds: [],
      assignPublicIp: task.assignPublicIp ?? false,
      desiredCount: task.desiredCount,
      launchType,
      cpuVcpu: task.vcpu,
      memoryGb: task.memoryGb,
      startupServices: [],
      containerPorts: [8080],
      targetGroupPorts: {},
      targetGroupIds: [],
    });
    return this;
  }

  /** An Elastic IP attached to an element of this model, such as an instance. */
  elasticIp(logicalId: string, attachedTo: string): this {
    this.model.elasticIps.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::EC2::EIP'),
      attachedTo: id(attachedTo),
    });
    return this;
  }

  instance(logicalId: string, subnet: string, instanceType: Resolved<string>, publicIp = false): this {
    this.model.instances.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::EC2::Instance'),
      subnetId: id(subnet),
      securityGroupIds: [],
      userData: false,
      publicIp,
      instanceType,
    });
    return this;
  }

  webAcl(logicalId: string, ruleNames: readonly string[]): this {
    this.model.webAcls.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::WAFv2::WebACL'),
      scope: 'REGIONAL',
      defaultAction: 'allow',
      rules: ruleNames.map((name) => ({ name, kind: 'managed', detail: `AWS ${name}` })),
      associatedIds: [],
      logging: true,
    });
    return this;
  }

  restApi(logicalId: string): this {
    this.model.restApis.push({
      id: id(logicalId),
      source: source(logicalId, 'AWS::ApiGateway::RestApi'),
      endpointType: 'REGIONAL',
      stages: [
        {
          id: id(`${logicalId}Stage`),
          source: source(`${logicalId}Stage`, 'AWS::ApiGateway::Stage'),
          stageName: 'prod',
          accessLogs: true,
        },
      ],
      integrations: [],
    });
    return this;
  }

  build(): NetworkModel {
    return structuredClone(this.model);
  }
}

export const aModel = (): CostModelBuilder => new CostModelBuilder();
