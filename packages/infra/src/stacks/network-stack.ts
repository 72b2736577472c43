import { Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { type AddressPlan, planInZones } from '../config/addressing.js';
import { egressZones } from '../config/profile.js';
import type { MoatConfig } from '../config/schema.js';
import { ApiWebAcl } from '../constructs/api-web-acl.js';
import { EgressFirewall } from '../constructs/egress-firewall.js';
import { PublicApi } from '../constructs/public-api.js';
import { ServiceLoadBalancer } from '../constructs/service-load-balancer.js';
import {
  routeAttachment,
  routeSubnetsToTransitGateway,
  TransitGatewayHub,
} from '../constructs/transit-gateway-hub.js';
import { EgressVpc, IngressVpc, SUBNET_GROUP } from '../constructs/vpcs.js';
import { logRetentionOf } from './log-retention.js';
import { publishParameter, SHARED_PARAMETER, shareWithAccount } from './shared-parameters.js';
import type { StepDesign } from './step-design.js';

export interface NetworkStackProps extends StackProps {
  readonly config: MoatConfig;
  readonly plan: AddressPlan;
  readonly design: StepDesign;
  /** The workload account when it differs (step 10): the hub is shared with it. */
  readonly workloadAccount?: string | undefined;
}

const DEFAULT_ROUTE = '0.0.0.0/0';

/**
 * Everything the network and security teams own (step 6 on): the ingress VPC with the ALB (and from step
 * 8 the API, from 9 the WAF), the egress VPC with NAT (and from step 7 the firewall), and the Transit
 * Gateway hub with its route tables.
 */
export class NetworkStack extends Stack {
  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config, plan, design } = props;
    const logRetention = logRetentionOf(config);
    const zones = config.availabilityZones;
    /** The spokes whose return traffic the egress VPC routes back to the TGW: route ID prefix → CIDR. */
    const spokeCidrs = { Container: plan.container.cidr, Ingress: plan.ingress.cidr };

    const ingressVpc = new IngressVpc(this, 'IngressVpc', {
      plan: plan.ingress,
      availabilityZones: zones,
      flowLogRetention: logRetention,
    });
    const natZones = egressZones(config);
    /** Where the firewall is, from step 7: in firewall subnets of the egress VPC, or on the Transit Gateway. */
    const firewallPlacement = design.networkFirewall ? config.egress.firewall.attachment : undefined;
    const egressVpc = new EgressVpc(this, 'EgressVpc', {
      plan: planInZones(plan.egress, natZones),
      availabilityZones: natZones,
      withFirewallSubnets: firewallPlacement === 'subnets',
      natMode: config.egress.nat,
      flowLogRetention: logRetention,
    });

    const hub = new TransitGatewayHub(this, 'Hub', { autoAcceptSharedAttachments: design.splitAccounts });
    const transitGatewayId = hub.transitGateway.ref;
    const ingressAttachment = hub.attachVpc(
      'IngressAttachment',
      ingressVpc,
      ingressVpc.subnetsOf(SUBNET_GROUP.transit),
    );
    const egressAttachment = hub.attachVpc(
      'EgressAttachment',
      egressVpc,
      egressVpc.subnetsOf(SUBNET_GROUP.transit),
      firewallPlacement === 'subnets',
    );
    const firewallProps = {
      homeNetCidrs: Object.values(spokeCidrs),
      domainRules: config.egress.domains,
      ipRules: config.egress.ipRules,
      logRetention,
    };
    const attachedFirewall =
      firewallPlacement === 'transit-gateway'
        ? new EgressFirewall(this, 'EgressFirewall', {
            ...firewallProps,
            placement: { kind: 'transit-gateway', transitGatewayId, availabilityZones: natZones },
          })
        : undefined;
    /**
     * The TGW route table the spokes propagate their routes into, which the egress VPC's replies meet: the egress
     * attachment's own, or, with the firewall on the TGW, the firewall attachment's, so that a reply crosses the
     * firewall before it reaches its spoke.
     */
    const returnRouteTable =
      attachedFirewall === undefined ? hub.egressRouteTable : hub.addRouteTable('Firewall');
    // Every spoke propagates into both tables: spoke ↔ spoke, and the egress VPC's return routes.
    routeAttachment(hub, 'IngressRouting', ingressAttachment.ref, hub.spokeRouteTable.ref, {
      PropagationToSpokes: hub.spokeRouteTable.ref,
      PropagationToEgress: returnRouteTable.ref,
    });
    routeAttachment(hub, 'EgressRouting', egressAttachment.ref, hub.egressRouteTable.ref, {});
    /** Where the spokes' internet traffic goes: the egress VPC, or the firewall on the TGW before it. */
    const internetAttachmentId = attachedFirewall?.transitGatewayAttachmentId ?? egressAttachment.ref;
    new ec2.CfnTransitGatewayRoute(hub, 'SpokeDefaultRoute', {
      transitGatewayRouteTableId: hub.spokeRouteTable.ref,
      destinationCidrBlock: DEFAULT_ROUTE,
      transitGatewayAttachmentId: internetAttachmentId,
    });
    if (attachedFirewall !== undefined) {
      // The firewall's table: what it passes goes on to the egress VPC, or back to the spoke it is for (propagated).
      routeAttachment(
        hub,
        'FirewallRouting',
        attachedFirewall.transitGatewayAttachmentId,
        returnRouteTable.ref,
        {},
      );
      new ec2.CfnTransitGatewayRoute(hub, 'FirewallDefaultRoute', {
        transitGatewayRouteTableId: returnRouteTable.ref,
        destinationCidrBlock: DEFAULT_ROUTE,
        transitGatewayAttachmentId: egressAttachment.ref,
      });
      // The egress VPC's replies go back through the firewall: no spoke route propagates into the egress table.
      new ec2.CfnTransitGatewayRoute(hub, 'EgressReturnRoute', {
        transitGatewayRouteTableId: hub.egressRouteTable.ref,
        destinationCidrBlock: DEFAULT_ROUTE,
        transitGatewayAttachmentId: attachedFirewall.transitGatewayAttachmentId,
      });
    }

    // Ingress VPC: the ALB's subnets reach the container VPC (the NLB's IPs) through the TGW.
    const ingressSubnets = [
      ...ingressVpc.subnetsOf(SUBNET_GROUP.public),
      ...ingressVpc.subnetsOf(SUBNET_GROUP.private),
    ];
    routeSubnetsToTransitGateway(
      ingressSubnets,
      'ContainerRoute',
      plan.container.cidr,
      transitGatewayId,
      ingressAttachment,
    );

    // Egress VPC: per AZ, so that a flow and its reply cross the same firewall endpoint.
    if (firewallPlacement === 'subnets') {
      const publicSubnets = egressVpc.subnetsOf(SUBNET_GROUP.public);
      const firewallSubnets = egressVpc.subnetsOf(SUBNET_GROUP.firewall);
      const firewall = new EgressFirewall(this, 'EgressFirewall', {
        ...firewallProps,
        placement: { kind: 'subnets', vpc: egressVpc, subnets: firewallSubnets },
      });
      for (const subnet of egressVpc.subnetsOf(SUBNET_GROUP.transit)) {
        routeToFirewall(
          subnet,
          'DefaultRoute',
          DEFAULT_ROUTE,
          firewall.endpointIdIn(subnet.availabilityZone),
        );
      }
      for (const subnet of publicSubnets) {
        for (const [spoke, cidr] of Object.entries(spokeCidrs)) {
          routeToFirewall(subnet, `${spoke}Route`, cidr, firewall.endpointIdIn(subnet.availabilityZone));
        }
      }
      for (const [spoke, cidr] of Object.entries(spokeCidrs)) {
        routeSubnetsToTransitGateway(
          firewallSubnets,
          `${spoke}Route`,
          cidr,
          transitGatewayId,
          egressAttachment,
        );
      }
    } else {
      // No firewall in the VPC (step 6, or the firewall on the TGW): replies go straight back to the TGW, from the
      // NAT gateways' public subnets, or from the regional NAT gateway's own route table.
      const regionalNat = egressVpc.regionalNatGateway;
      for (const [spoke, cidr] of Object.entries(spokeCidrs)) {
        if (regionalNat !== undefined) {
          routeRegionalNatToTransitGateway(
            regionalNat,
            `${spoke}Route`,
            cidr,
            transitGatewayId,
            egressAttachment,
          );
        } else {
          routeSubnetsToTransitGateway(
            egressVpc.subnetsOf(SUBNET_GROUP.public),
            `${spoke}Route`,
            cidr,
            transitGatewayId,
            egressAttachment,
          );
        }
      }
    }

    const alb = new ServiceLoadBalancer(this, 'Alb', {
      vpc: ingressVpc,
      subnets: ingressVpc.subnetsOf(design.apiGateway ? SUBNET_GROUP.private : SUBNET_GROUP.public),
      internetFacing: !design.apiGateway,
      accessLogRetentionDays: config.logRetentionDays,
    });
    const targetGroup = alb.forwardToIps(
      plan.nlbPrivateIps.map((nlbIp) => nlbIp.address),
      true,
    );
    if (design.apiGateway) {
      alb.stripPathPrefix(config.api.stageName, targetGroup);
      const api = new PublicApi(this, 'Api', {
        vpc: ingressVpc,
        subnets: ingressVpc.subnetsOf(SUBNET_GROUP.private),
        loadBalancer: alb.loadBalancer,
        api: config.api,
        logRetention,
        wafAttached: design.waf,
      });
      if (design.waf) {
        new ApiWebAcl(this, 'WebAcl', {
          stageArn: api.stageArn,
          rateLimit: config.waf.rateLimit,
          logRetention,
        });
      }
    }

    const transitGatewayIdParameter = publishParameter(
      this,
      'TransitGatewayIdParameter',
      SHARED_PARAMETER.transitGatewayId,
      transitGatewayId,
      props.workloadAccount,
    );
    publishParameter(
      this,
      'SpokeRouteTableIdParameter',
      SHARED_PARAMETER.spokeRouteTableId,
      hub.spokeRouteTable.ref,
    );
    publishParameter(
      this,
      'EgressRouteTableIdParameter',
      SHARED_PARAMETER.egressRouteTableId,
      returnRouteTable.ref,
    );
    if (props.workloadAccount !== undefined) {
      // The AZ IDs of this account's zones, in the config's order, for the workload account to pin its subnets by:
      // from the ingress VPC, which has every zone (the egress VPC has only the first in the development profile).
      const zoneIds = ingressVpc
        .subnetsOf(SUBNET_GROUP.transit)
        .map((subnet) => (subnet.node.defaultChild as ec2.CfnSubnet).attrAvailabilityZoneId);
      const zoneIdsParameter = publishParameter(
        this,
        'AvailabilityZoneIdsParameter',
        SHARED_PARAMETER.availabilityZoneIds,
        Fn.join(',', zoneIds),
        props.workloadAccount,
      );
      shareWithAccount(hub, 'Share', 'moat-hub', props.workloadAccount, [
        this.formatArn({ service: 'ec2', resource: 'transit-gateway', resourceName: transitGatewayId }),
        transitGatewayIdParameter.parameterArn,
        zoneIdsParameter.parameterArn,
      ]);
    }
  }
}

/**
 * Adds `destination → TGW` to the route table AWS creates for a regional NAT gateway, which holds the route to
 * the internet gateway (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html) and which a
 * template names by `Fn::GetAtt [NatGateway, RouteTableId]`
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-natgateway.html#aws-resource-ec2-natgateway-return-values).
 */
function routeRegionalNatToTransitGateway(
  nat: ec2.CfnNatGateway,
  routeId: string,
  destinationCidr: string,
  transitGatewayId: string,
  attachment: ec2.CfnTransitGatewayVpcAttachment,
): void {
  const route = new ec2.CfnRoute(nat, routeId, {
    routeTableId: nat.attrRouteTableId,
    destinationCidrBlock: destinationCidr,
    transitGatewayId,
  });
  route.addResourceDependency(attachment, 'a route to a TGW fails until the VPC is attached');
}

function routeToFirewall(subnet: ec2.ISubnet, id: string, destinationCidr: string, endpointId: string): void {
  new ec2.CfnRoute(subnet, id, {
    routeTableId: subnet.routeTable.routeTableId,
    destinationCidrBlock: destinationCidr,
    vpcEndpointId: endpointId,
  });
}
