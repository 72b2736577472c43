/**
 * Case flows and breakages whose verdict Moat does not give yet, each with the AWS semantics it lacks. The
 * corpus test asserts that each of these still does NOT match: when the analyzer learns the semantics, the
 * test fails with "remove it from pending", so this list only shrinks. Keys: `<case>/<flow>` or
 * `<case>/breakage/<breakage>/<flow>`.
 */
const HTTP_API_STAGE =
  'an API Gateway HTTP API stage (AWS::ApiGatewayV2::Stage) with its VPC link V2 to a private load balancer is neither an endpoint nor an element of the trace (issue 11 items 5 and 7)';
const LISTENER_RULES_AND_ECS_ON_EC2 =
  "the ALB listener rule by path (WebsiteService's ListenerRule, path /) is not followed, and ECS services on EC2 container instances (bridge mode, Auto Scaling group in the private subnets) are not placed: the listener's DefaultTargetGroup has no target (issue 11 item 5)";
const NET003_NEEDS_A_STANDARD_FLOW =
  "NET003 (a reply that bypasses the firewall) judges the standard flows, and a template without Moat's config gets no standard flow through this entry yet; NET030 already flags the broken edge route (issue 11 item 8)";

export const PENDING: Readonly<Record<string, string>> = {
  // The disposition already matches (the firewall endpoint is never crossed inbound), the finding does not yet.
  'nfw-centralized-ingress-egress-east-west-2az/breakage/igw-edge-route-az1-deleted/findings':
    NET003_NEEDS_A_STANDARD_FLOW,
  'apigw-http-vpclink-alb/internet-to-api-to-service': HTTP_API_STAGE,
  'apigw-http-vpclink-alb/breakage/alb-ingress-from-vpc-link-deleted/internet-to-api-to-service':
    HTTP_API_STAGE,
  'ecs-refarch-nested/internet-to-website-service': LISTENER_RULES_AND_ECS_ON_EC2,
};
