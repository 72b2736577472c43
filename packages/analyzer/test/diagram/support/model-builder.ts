import type { Disposition, ExpectedFlow, Flow, FlowResult, Hop, Trace } from '../../../src/analyses/types.js';
import type { ElementId, NetworkModel, Source } from '../../../src/model/types.js';
import { known } from '../../../src/model/types.js';
import { emptyModel } from '../../support/empty-model.js';

/**
 * A concise typed builder for the models the diagram tests draw: only what the diagram reads is set, the rest
 * takes the plainest value. Ids are `${stack}/${logicalId}` and construct paths follow CDK's shapes, as the
 * real model builder produces them.
 */

export class ModelBuilder {
  readonly #draft = emptyModel();
  readonly #sources = new Map<ElementId, Source>();
  readonly #subnetCount = new Map<string, number>();

  #element(
    stack: string,
    logicalId: string,
    type: string,
    constructPath: string,
  ): { id: ElementId; source: Source } {
    const source: Source = { stack, logicalId, type, constructPath: `${stack}/${constructPath}` };
    const id = `${stack}/${logicalId}`;
    this.#sources.set(id, source);
    return { id, source };
  }

  stack(name: string, account = '111111111111', region = 'eu-central-1'): this {
    this.#draft.stacks.push({ name, account: known(account), region: known(region) });
    return this;
  }

  vpc(stack: string, name: string, cidr: string): ElementId {
    const element = this.#element(stack, `${name}Vpc`, 'AWS::EC2::VPC', `${name}/Resource`);
    this.#draft.vpcs.push({ ...element, stack, cidrs: [known(cidr)], flowLogIds: [] });
    return element.id;
  }

  /** `group` is the CDK subnet group name ("Public", "Firewall"); public groups map public IPs on launch. */
  subnet(vpcId: ElementId, group: string, cidr: string, availabilityZone: string): ElementId {
    const vpc = this.#source(vpcId);
    const n = (this.#subnetCount.get(`${vpcId}/${group}`) ?? 0) + 1;
    this.#subnetCount.set(`${vpcId}/${group}`, n);
    const vpcName = vpc.logicalId.replace(/Vpc$/, '');
    const element = this.#element(
      vpc.stack,
      `${vpcName}${group}Subnet${n}`,
      'AWS::EC2::Subnet',
      `${vpcName}/${group}Subnet${n}/Subnet`,
    );
    this.#draft.subnets.push({
      ...element,
      vpcId,
      cidr: known(cidr),
      availabilityZone: known(availabilityZone),
      mapPublicIpOnLaunch: group === 'Public',
    });
    return element.id;
  }

  internetGateway(vpcId: ElementId): ElementId {
    const vpc = this.#source(vpcId);
    const element = this.#element(
      vpc.stack,
      `${vpc.logicalId}Igw`,
      'AWS::EC2::InternetGateway',
      `${vpc.logicalId}/IGW`,
    );
    this.#draft.internetGateways.push({ ...element, vpcId });
    return element.id;
  }

  natGateway(subnetId: ElementId): ElementId {
    const subnet = this.#source(subnetId);
    const element = this.#element(
      subnet.stack,
      `${subnet.logicalId}Nat`,
      'AWS::EC2::NatGateway',
      `${subnet.logicalId}/NATGateway`,
    );
    this.#draft.natGateways.push({
      ...element,
      placement: { kind: 'zonal', subnetId },
      connectivity: 'public',
    });
    return element.id;
  }

  transitGateway(stack: string, name: string): ElementId {
    const element = this.#element(stack, name, 'AWS::EC2::TransitGateway', name);
    this.#draft.transitGateways.push({
      ...element,
      defaultRouteTableAssociation: false,
      defaultRouteTablePropagation: false,
    });
    return element.id;
  }

  attachment(
    transitGatewayId: ElementId,
    vpcId: ElementId,
    subnetIds: readonly ElementId[],
    name: string,
  ): ElementId {
    const stack = this.#source(vpcId).stack;
    const element = this.#element(stack, name, 'AWS::EC2::TransitGatewayAttachment', name);
    this.#draft.transitGatewayAttachments.push({
      ...element,
      transitGatewayId,
      vpcId,
      subnetIds,
      applianceMode: false,
      stack,
    });
    return element.id;
  }

  firewall(vpcId: ElementId, subnetIds: readonly ElementId[], name: string): ElementId {
    const element = this.#element(this.#source(vpcId).stack, name, 'AWS::NetworkFirewall::Firewall', name);
    this.#draft.firewalls.push({
      ...element,
      vpcId,
      subnetIds,
      policyId: known('policy'),
      logTypes: ['ALERT', 'FLOW'],
    });
    return element.id;
  }

  loadBalancer(
    name: string,
    kind: 'application' | 'network',
    scheme: 'internet-facing' | 'internal',
    subnetIds: readonly ElementId[],
    privateIps: readonly string[] = [],
  ): ElementId {
    const stack = this.#source(subnetIds[0] ?? '').stack;
    const element = this.#element(stack, name, 'AWS::ElasticLoadBalancingV2::LoadBalancer', name);
    const privateIpsBySubnet = Object.fromEntries(
      privateIps.map((ip, i) => [subnetIds[i] ?? '', known(ip)] as const).filter(([subnet]) => subnet),
    );
    this.#draft.loadBalancers.push({
      ...element,
      kind,
      scheme,
      subnetIds,
      privateIpsBySubnet,
      securityGroupIds: [],
      crossZone: kind === 'application',
      privateLinkInboundRules: true,
      listeners: [],
    });
    return element.id;
  }

  service(name: string, subnetIds: readonly ElementId[]): ElementId {
    const stack = this.#source(subnetIds[0] ?? '').stack;
    const element = this.#element(stack, name, 'AWS::ECS::Service', `${name}/Service`);
    this.#draft.ecsServices.push({
      ...element,
      subnetIds,
      securityGroupIds: [],
      assignPublicIp: false,
      desiredCount: subnetIds.length,
      launchType: 'FARGATE',
      cpuVcpu: known(0.25),
      memoryGb: known(0.5),
      startupServices: [],
      containerPorts: [8080],
      targetGroupPorts: {},
      targetGroupIds: [],
    });
    return element.id;
  }

  instance(name: string, subnetId: ElementId, publicIp: boolean): ElementId {
    const element = this.#element(this.#source(subnetId).stack, name, 'AWS::EC2::Instance', name);
    this.#draft.instances.push({
      ...element,
      subnetId,
      securityGroupIds: [],
      userData: false,
      publicIp,
      instanceType: known('t3.micro'),
    });
    return element.id;
  }

  endpoint(vpcId: ElementId, service: string, subnetIds: readonly ElementId[]): ElementId {
    const stack = this.#source(vpcId).stack;
    const logicalId = `${service.replace(/[^a-z0-9]/gi, '')}Endpoint`;
    const element = this.#element(stack, logicalId, 'AWS::EC2::VPCEndpoint', logicalId);
    this.#draft.vpcEndpoints.push({
      ...element,
      vpcId,
      kind: subnetIds.length > 0 ? 'Interface' : 'Gateway',
      serviceName: known(`com.amazonaws.eu-central-1.${service}`),
      service: known(service),
      subnetIds,
      securityGroupIds: [],
      privateDnsEnabled: subnetIds.length > 0,
      routeTableIds: [],
    });
    return element.id;
  }

  restApi(stack: string, name: string, stageName: string): { api: ElementId; stage: ElementId } {
    const api = this.#element(stack, name, 'AWS::ApiGateway::RestApi', `${name}/Resource`);
    const stage = this.#element(
      stack,
      `${name}Stage`,
      'AWS::ApiGateway::Stage',
      `${name}/DeploymentStage.${stageName}`,
    );
    this.#draft.restApis.push({
      ...api,
      endpointType: 'REGIONAL',
      stages: [
        { ...stage, stageName, throttlingRateLimit: 100, throttlingBurstLimit: 200, accessLogs: true },
      ],
      integrations: [],
    });
    return { api: api.id, stage: stage.id };
  }

  webAcl(stack: string, name: string, associatedIds: readonly ElementId[]): ElementId {
    const element = this.#element(stack, name, 'AWS::WAFv2::WebACL', name);
    this.#draft.webAcls.push({
      ...element,
      scope: 'REGIONAL',
      defaultAction: 'allow',
      rules: [{ name: 'AWSManagedRulesCommonRuleSet', kind: 'managed', detail: 'AWS managed' }],
      associatedIds,
      logging: true,
    });
    return element.id;
  }

  /** A RAM share of `sharedIds` with one account. */
  resourceShare(stack: string, name: string, sharedIds: readonly ElementId[], account: string): ElementId {
    const element = this.#element(stack, name, 'AWS::RAM::ResourceShare', name);
    this.#draft.resourceShares.push({
      ...element,
      principals: [known(account)],
      sharedIds: sharedIds.map(known),
    });
    return element.id;
  }

  /** A hop at an element of this model, as the tracer records it. */
  hop(kind: string, id: ElementId, availabilityZone?: string): Hop {
    return { kind, node: this.#source(id), steps: [], ...(availabilityZone ? { availabilityZone } : {}) };
  }

  build(): NetworkModel {
    return structuredClone(this.#draft);
  }

  #source(id: ElementId): Source {
    const source = this.#sources.get(id);
    if (!source) throw new Error(`test model has no element ${id}`);
    return source;
  }
}

export const trace = (
  flow: Flow,
  disposition: Disposition,
  hops: readonly Hop[],
  availabilityZone?: string,
): Trace => ({
  flow,
  disposition,
  hops,
  ...(availabilityZone ? { availabilityZone } : {}),
});

export const flowResult = (name: string, expected: Disposition, traces: readonly Trace[]): FlowResult => {
  const [first] = traces;
  if (!first) throw new Error(`flow ${name} needs a trace`);
  const expectation: ExpectedFlow = { name, flow: first.flow, expected };
  const broken = traces.find((t) => t.disposition !== expected);
  return { expectation, trace: broken ?? first, traces, holds: broken === undefined };
};
