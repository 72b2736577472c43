/**
 * A hand-built model of the guide's final network (steps 7–9): a container VPC reaching the internet through a
 * transit gateway and a central egress VPC with Network Firewall, an ingress VPC with an internal ALB behind a
 * REST API and a WAF. It satisfies every invariant; each rule's test breaks one setting of it.
 */
import { known, type NatGateway, type NetworkModel, type Route } from '../../../src/model/types.js';
import {
  ecsService,
  egressRule,
  firewall,
  firewallPolicy,
  flowLog,
  gatewayEndpoint,
  ingressRule,
  interfaceEndpoint,
  internetGateway,
  listener,
  loadBalancer,
  model,
  natGateway,
  passDomain,
  restApi,
  route,
  routeTable,
  ruleGroup,
  securityGroup,
  src,
  subnet,
  targetGroup,
  tgwAttachment,
  tgwRouteTable,
  transitGateway,
  vpc,
  vpcLinkV2,
  webAcl,
} from './model-builder.js';

export const AZ_A = 'eu-central-1a';
export const AZ_B = 'eu-central-1b';

export function hubParts() {
  const containerVpc = vpc('ContainerVpc', '10.0.0.0/16', ['Net/ContainerFlowLog']);
  const ingressVpc = vpc('IngressVpc', '10.1.0.0/16', ['Net/IngressFlowLog']);
  const egressVpc = vpc('EgressVpc', '10.2.0.0/16', ['Net/EgressFlowLog']);
  const tgw = transitGateway('Tgw');
  const tgwTarget = { kind: 'transit-gateway', id: tgw.id } as const;

  // The S3 gateway endpoint adds its prefix-list route to the tables it is associated with.
  const s3Route: Route = {
    destination: { kind: 'prefix-list', prefixListId: known('pl-6ea54007'), service: 's3' },
    target: { kind: 'gateway-endpoint', id: 'Net/S3Endpoint' },
    source: src('S3Endpoint', 'AWS::EC2::VPCEndpoint'),
  };
  const taskRtA = routeTable('TaskRtA', containerVpc, [route('0.0.0.0/0', tgwTarget), s3Route]);
  const taskRtB = routeTable('TaskRtB', containerVpc, [route('0.0.0.0/0', tgwTarget), s3Route]);
  const taskA = subnet('TaskA', containerVpc, '10.0.0.0/24', AZ_A, { routeTableId: taskRtA.id });
  const taskB = subnet('TaskB', containerVpc, '10.0.1.0/24', AZ_B, { routeTableId: taskRtB.id });

  const ingressRt = routeTable('IngressRt', ingressVpc, [route('10.0.0.0/16', tgwTarget)]);
  const ingressA = subnet('IngressA', ingressVpc, '10.1.0.0/24', AZ_A, { routeTableId: ingressRt.id });
  const ingressB = subnet('IngressB', ingressVpc, '10.1.1.0/24', AZ_B, { routeTableId: ingressRt.id });

  const igw = internetGateway('EgressIgw', egressVpc);
  const publicRt = (az: string, suffix: string) =>
    routeTable(`PublicRt${suffix}`, egressVpc, [
      route('0.0.0.0/0', { kind: 'internet-gateway', id: igw.id }),
      route('10.0.0.0/16', {
        kind: 'firewall-endpoint',
        firewallId: 'Net/Firewall',
        availabilityZone: known(az),
      }),
    ]);
  const publicRtA = publicRt(AZ_A, 'A');
  const publicRtB = publicRt(AZ_B, 'B');
  const publicA = subnet('PublicA', egressVpc, '10.2.0.0/24', AZ_A, { routeTableId: publicRtA.id });
  const publicB = subnet('PublicB', egressVpc, '10.2.1.0/24', AZ_B, { routeTableId: publicRtB.id });
  const natA = natGateway('NatA', publicA);
  const natB = natGateway('NatB', publicB);
  // Firewall subnets: on to the NAT gateway after inspection, and replies back to the spokes via the TGW.
  const firewallRt = (suffix: string, nat: NatGateway) =>
    routeTable(`FirewallRt${suffix}`, egressVpc, [
      route('0.0.0.0/0', { kind: 'nat-gateway', id: nat.id }),
      route('10.0.0.0/16', tgwTarget),
    ]);
  const firewallRtA = firewallRt('A', natA);
  const firewallRtB = firewallRt('B', natB);
  const firewallA = subnet('FirewallA', egressVpc, '10.2.2.0/24', AZ_A, { routeTableId: firewallRtA.id });
  const firewallB = subnet('FirewallB', egressVpc, '10.2.3.0/24', AZ_B, { routeTableId: firewallRtB.id });
  const toEndpoint = (az: string) =>
    route('0.0.0.0/0', {
      kind: 'firewall-endpoint',
      firewallId: 'Net/Firewall',
      availabilityZone: known(az),
    });
  const attachRtA = routeTable('AttachRtA', egressVpc, [toEndpoint(AZ_A)]);
  const attachRtB = routeTable('AttachRtB', egressVpc, [toEndpoint(AZ_B)]);
  const attachA = subnet('AttachA', egressVpc, '10.2.4.0/24', AZ_A, { routeTableId: attachRtA.id });
  const attachB = subnet('AttachB', egressVpc, '10.2.5.0/24', AZ_B, { routeTableId: attachRtB.id });

  const containerAttachment = tgwAttachment('ContainerAttachment', tgw, containerVpc, [taskA, taskB]);
  const ingressAttachment = tgwAttachment('IngressAttachment', tgw, ingressVpc, [ingressA, ingressB]);
  const egressAttachment = tgwAttachment('EgressAttachment', tgw, egressVpc, [attachA, attachB], {
    applianceMode: true,
  });
  const tgwRoute = (cidr: string, attachmentId: string) => ({
    destination: known(cidr),
    target: { kind: 'attachment' as const, attachmentId },
    origin: 'static' as const,
    source: src(`TgwRoute${cidr}`, 'AWS::EC2::TransitGatewayRoute'),
  });
  const spokeTable = tgwRouteTable('SpokeTable', tgw, {
    associatedAttachmentIds: [containerAttachment.id, ingressAttachment.id],
    routes: [
      tgwRoute('0.0.0.0/0', egressAttachment.id),
      { ...tgwRoute('10.0.0.0/16', containerAttachment.id), origin: 'propagated' as const },
      { ...tgwRoute('10.1.0.0/16', ingressAttachment.id), origin: 'propagated' as const },
    ],
    propagatingAttachmentIds: [containerAttachment.id, ingressAttachment.id],
  });
  const egressTable = tgwRouteTable('EgressTable', tgw, {
    associatedAttachmentIds: [egressAttachment.id],
    routes: [tgwRoute('10.0.0.0/16', containerAttachment.id)],
  });

  const allowList = ruleGroup('AllowList', ['10.0.0.0/16'], [passDomain('api.binance.com')]);
  const policy = firewallPolicy('FirewallPolicy', {
    statefulRuleGroups: [{ ruleGroupId: known(allowList.id) }],
  });
  const egressFirewall = firewall('Firewall', egressVpc, [firewallA, firewallB], policy);

  const endpointSg = securityGroup('EndpointSg', containerVpc, [ingressRule(443, '10.0.0.0/16')]);
  // Egress only where the design's flows go: tasks to HTTPS, the proxies to the next hop's port.
  const taskSg = securityGroup('TaskSg', containerVpc, [
    ingressRule(8080, '10.0.0.0/16'),
    egressRule(443, '0.0.0.0/0'),
  ]);
  const nlbSg = securityGroup('NlbSg', containerVpc, [
    ingressRule(8080, '10.1.0.0/16'),
    egressRule(8080, '10.0.0.0/16'),
  ]);
  const albSg = securityGroup('AlbSg', ingressVpc, [
    ingressRule(80, '10.1.0.0/16'),
    egressRule(8080, '10.0.0.0/16'),
  ]);
  const linkSg = securityGroup('VpcLinkSg', ingressVpc, [egressRule(80, '10.1.0.0/16')]);
  const endpoint = (service: string) =>
    interfaceEndpoint(`${service.replace('.', '')}Endpoint`, containerVpc, service, [taskA, taskB], {
      securityGroupIds: [known(endpointSg.id)],
    });
  const service = ecsService('Service', [taskA, taskB], {
    securityGroupIds: [known(taskSg.id)],
    targetGroupIds: ['Net/ServiceTargets'],
  });
  const serviceTargets = targetGroup('ServiceTargets', {
    vpcId: containerVpc.id,
    ecsServiceIds: [service.id],
  });
  const nlb = loadBalancer('Nlb', [taskA, taskB], {
    kind: 'network',
    securityGroupIds: [known(nlbSg.id)],
    privateIpsBySubnet: { [taskA.id]: known('10.0.0.10'), [taskB.id]: known('10.0.1.10') },
    listeners: [listener('NlbListener', 8080, [serviceTargets])],
  });
  const nlbTargets = targetGroup('NlbTargets', {
    vpcId: ingressVpc.id,
    targets: [
      { address: known('10.0.0.10'), availabilityZone: 'all' },
      { address: known('10.0.1.10'), availabilityZone: 'all' },
    ],
  });
  const alb = loadBalancer('Alb', [ingressA, ingressB], {
    securityGroupIds: [known(albSg.id)],
    listeners: [listener('AlbListener', 80, [nlbTargets])],
  });
  const link = vpcLinkV2('VpcLink', [ingressA, ingressB], [linkSg]);
  const api = restApi('Api', {
    integrations: [
      {
        path: '/price',
        method: 'GET',
        type: 'HTTP_PROXY',
        vpcLinkId: link.id,
        loadBalancerId: alb.id,
        backendMethod: 'GET',
        uriPort: 80,
        uriPath: known('/price'),
        pathParameters: {},
        pathOverrideTemplates: [],
      },
    ],
  });
  const acl = webAcl(
    'WebAcl',
    api.stages.map((stage) => stage.id),
  );

  return {
    containerVpc,
    ingressVpc,
    egressVpc,
    tgw,
    taskA,
    taskB,
    taskRtA,
    taskRtB,
    ingressA,
    ingressB,
    ingressRt,
    igw,
    publicA,
    publicB,
    publicRtA,
    publicRtB,
    natA,
    natB,
    firewallA,
    firewallB,
    firewallRtA,
    firewallRtB,
    attachA,
    attachB,
    attachRtA,
    attachRtB,
    containerAttachment,
    ingressAttachment,
    egressAttachment,
    spokeTable,
    egressTable,
    allowList,
    policy,
    egressFirewall,
    endpointSg,
    taskSg,
    nlbSg,
    albSg,
    endpoints: [endpoint('ecr.api'), endpoint('ecr.dkr'), endpoint('logs')],
    s3Endpoint: gatewayEndpoint('S3Endpoint', containerVpc, 's3', [taskRtA, taskRtB]),
    serviceTargets,
    service,
    nlb,
    nlbTargets,
    alb,
    link,
    linkSg,
    api,
    acl,
  };
}

export type HubParts = ReturnType<typeof hubParts>;

/** The hub as a model; `change` replaces parts before assembly, so a test breaks exactly one setting. */
export function hubModel(change: (parts: HubParts) => Partial<HubParts> = () => ({})): NetworkModel {
  const original = hubParts();
  const p = { ...original, ...change(original) };
  return model({
    vpcs: [p.containerVpc, p.ingressVpc, p.egressVpc],
    subnets: [
      p.taskA,
      p.taskB,
      p.ingressA,
      p.ingressB,
      p.publicA,
      p.publicB,
      p.firewallA,
      p.firewallB,
      p.attachA,
      p.attachB,
    ],
    routeTables: [
      p.taskRtA,
      p.taskRtB,
      p.ingressRt,
      p.publicRtA,
      p.publicRtB,
      p.firewallRtA,
      p.firewallRtB,
      p.attachRtA,
      p.attachRtB,
    ],
    internetGateways: [p.igw],
    natGateways: [p.natA, p.natB],
    transitGateways: [p.tgw],
    transitGatewayAttachments: [p.containerAttachment, p.ingressAttachment, p.egressAttachment],
    transitGatewayRouteTables: [p.spokeTable, p.egressTable],
    firewalls: [p.egressFirewall],
    firewallPolicies: [p.policy],
    firewallRuleGroups: [p.allowList],
    securityGroups: [p.endpointSg, p.taskSg, p.nlbSg, p.albSg, p.linkSg],
    loadBalancers: [p.nlb, p.alb],
    targetGroups: [p.serviceTargets, p.nlbTargets],
    vpcLinks: [p.link],
    ecsServices: [p.service],
    vpcEndpoints: [...p.endpoints, p.s3Endpoint],
    restApis: [p.api],
    httpApis: [],
    webAcls: [p.acl],
    flowLogs: [
      flowLog('ContainerFlowLog', p.containerVpc),
      flowLog('IngressFlowLog', p.ingressVpc),
      flowLog('EgressFlowLog', p.egressVpc),
    ],
    // The service starts its tasks once the endpoints they pull and log through exist.
    deployOrder: { [p.service.id]: [...p.endpoints, p.s3Endpoint].map((endpoint) => endpoint.id) },
  });
}
