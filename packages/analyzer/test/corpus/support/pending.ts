/**
 * Case flows and breakages whose verdict Moat does not give yet, each with the AWS semantics it lacks. The
 * corpus test asserts that each of these still does NOT match: when the analyzer learns the semantics, the
 * test fails with "remove it from pending", so this list only shrinks. Keys: `<case>/<flow>` or
 * `<case>/breakage/<breakage>/<flow>`.
 */
const HTTP_API_STAGE =
  'an API Gateway HTTP API stage (AWS::ApiGatewayV2::Stage) with its VPC link V2 to a private load balancer is neither an endpoint nor an element of the trace (issue 11 items 5 and 7)';
const SUBNET_SOURCE =
  "a subnet as a flow's source (`--from PrivateSubnet0`: traffic from an ENI in that subnet) is not an endpoint Moat resolves (issue 11 item 7)";
const LISTENER_RULES_AND_ECS_ON_EC2 =
  "the ALB listener rule by path (WebsiteService's ListenerRule, path /) is not followed, and ECS services on EC2 container instances (bridge mode, Auto Scaling group in the private subnets) are not placed: the listener's DefaultTargetGroup has no target (issue 11 item 5)";
const TGW_DELIVERY_AZ =
  "transit gateway delivery AZ: the case expects the packet to enter spoke B through SubnetBTGW2, the destination's AZ; Moat delivers it through SubnetBTGW1, the AZ it left the inspection VPC in (issue 11 item 4/routing: check AWS's TGW AZ-affinity rule for the hop after an appliance-mode attachment)";
const IGW_EDGE_ROUTING =
  "IGW edge route tables (AWS::EC2::GatewayRouteTableAssociation) are not modelled: inbound traffic skips the firewall endpoint the gateway's route table sends it to (issue 11 item 1)";
const TGW_ATTACHED_FIREWALL =
  'Network Firewall attached natively to a transit gateway (TransitGatewayId on AWS::NetworkFirewall::Firewall, its attachment in TGW route tables) is not modelled (issue 11 item 4)';
const TRANSPARENT_ENDPOINT =
  "firewall endpoints are not transparent: the instance's public IP should be what the internet gateway translates after the endpoint (issue 11 item 2)";
const IGW_EDGE_ROUTING_TO_CUSTOM_RESOURCE =
  "IGW edge route tables (AWS::EC2::GatewayRouteTableAssociation) are not modelled: the gateway's route to the endpoint of custom resource FirewallVpceIds should make the ingress UNKNOWN (issue 11 item 1)";

export const PENDING: Readonly<Record<string, string>> = {
  // The disposition already matches (the firewall endpoint is never crossed inbound), the finding does not yet.
  'nfw-centralized-ingress-egress-east-west-2az/breakage/igw-edge-route-az1-deleted/findings':
    IGW_EDGE_ROUTING,
  'nfw-distributed-1az-single/breakage/igw-edge-route-deleted/findings': IGW_EDGE_ROUTING,
  'nfw-distributed-2az-dual/breakage/igw-edge-route-to-nlb-deleted/findings': IGW_EDGE_ROUTING,
  'apigw-http-vpclink-alb/internet-to-api-to-service': HTTP_API_STAGE,
  'apigw-http-vpclink-alb/breakage/alb-ingress-from-vpc-link-deleted/internet-to-api-to-service':
    HTTP_API_STAGE,
  'awslabs-vpc-managed-nat/private-subnet-0-egress-https': SUBNET_SOURCE,
  'awslabs-vpc-managed-nat/private-subnet-1-egress-https': SUBNET_SOURCE,
  'awslabs-vpc-managed-nat/breakage/private-route-0-deleted/private-subnet-0-egress-https': SUBNET_SOURCE,
  'awslabs-vpc-managed-nat/breakage/private-route-0-deleted/private-subnet-1-egress-https': SUBNET_SOURCE,
  'awslabs-vpc-managed-nat/breakage/public-route-deleted/private-subnet-0-egress-https': SUBNET_SOURCE,
  'ecs-refarch-nested/internet-to-website-service': LISTENER_RULES_AND_ECS_ON_EC2,
  'ecs-refarch-nested/container-instance-egress-https': SUBNET_SOURCE,
  'ecs-refarch-nested/breakage/private-default-route-1-deleted/container-instance-egress-https':
    SUBNET_SOURCE,
  'nfw-centralized-egress-east-west-2az/east-west-a1-to-b2-http': TGW_DELIVERY_AZ,
  'nfw-centralized-ingress-egress-east-west-2az/ingress-ssh-to-spoke-a': IGW_EDGE_ROUTING,
  'nfw-centralized-ingress-egress-east-west-2az/egress-spoke-a-https': TGW_ATTACHED_FIREWALL,
  'nfw-distributed-1az-single/egress-instance-https-to-checkip': TRANSPARENT_ENDPOINT,
  'nfw-distributed-1az-single/egress-instance-https-to-any-domain': TRANSPARENT_ENDPOINT,
  'nfw-distributed-1az-single/ingress-internet-http-to-instance': IGW_EDGE_ROUTING,
  'nfw-distributed-1az-single/breakage/sample-allow-list-policy/egress-instance-https-to-checkip':
    TRANSPARENT_ENDPOINT,
  'nfw-distributed-1az-single/breakage/sample-allow-list-policy/egress-instance-https-to-any-domain':
    TRANSPARENT_ENDPOINT,
  'nfw-distributed-1az-single/breakage/sample-allow-list-policy/ingress-internet-http-to-instance':
    IGW_EDGE_ROUTING,
  'nfw-distributed-1az-single/breakage/instance-security-group-open-http/ingress-internet-http-to-instance':
    IGW_EDGE_ROUTING,
  'nfw-distributed-2az-dual/ingress-internet-http-to-nlb-az1': IGW_EDGE_ROUTING,
  'nfw-distributed-2az-dual/breakage/nlb-security-group-closed-to-internet/ingress-internet-http-to-nlb-az1':
    IGW_EDGE_ROUTING,
  'nfw-distributed-2az-single/ingress-internet-http-to-instance1': IGW_EDGE_ROUTING_TO_CUSTOM_RESOURCE,
  'nfw-tgw-attached-firewall/egress-spoke-a-https': TGW_ATTACHED_FIREWALL,
  'nfw-tgw-attached-firewall/east-west-a-to-b-http': TGW_ATTACHED_FIREWALL,
  'nfw-tgw-attached-firewall/breakage/egress-vpc-return-route-deleted/egress-spoke-a-https':
    TGW_ATTACHED_FIREWALL,
  'nfw-tgw-attached-firewall/breakage/stateful-default-drop-strict/egress-spoke-a-https':
    TGW_ATTACHED_FIREWALL,
  'quickstart-vpc-nat-per-az/private-subnet-1a-egress-https': SUBNET_SOURCE,
  'quickstart-vpc-nat-per-az/breakage/private-subnet-1a-route-deleted/private-subnet-1a-egress-https':
    SUBNET_SOURCE,
  'quickstart-vpc-nat-per-az/breakage/public-route-deleted/private-subnet-1a-egress-https': SUBNET_SOURCE,
};
