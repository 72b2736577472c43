/**
 * Case flows and breakages whose verdict Moat does not give yet, each with the AWS semantics it lacks. The
 * corpus test asserts that each of these still does NOT match: when the analyzer learns the semantics, the
 * test fails with "remove it from pending", so this list only shrinks. Keys: `<case>/<flow>` or
 * `<case>/breakage/<breakage>/<flow>`.
 */
const HTTP_API_STAGE =
  'an API Gateway HTTP API stage (AWS::ApiGatewayV2::Stage) with its VPC link V2 to a private load balancer is neither an endpoint nor an element of the trace (issue 11 items 5 and 7)';
const LISTENER_RULES_AND_ECS_ON_EC2 =
  "ECS services on EC2 container instances (bridge mode, Auto Scaling group in the private subnets) are not placed, so a flow through their target groups is UNKNOWN; a flow without an HTTP request follows the listener's default action to DefaultTargetGroup, which registers no target in the templates (UNKNOWN too) (issue 11 item 5)";

export const PENDING: Readonly<Record<string, string>> = {
  'apigw-http-vpclink-alb/internet-to-api-to-service': HTTP_API_STAGE,
  'apigw-http-vpclink-alb/breakage/alb-ingress-from-vpc-link-deleted/internet-to-api-to-service':
    HTTP_API_STAGE,
  'ecs-refarch-nested/internet-to-website-service': LISTENER_RULES_AND_ECS_ON_EC2,
};
