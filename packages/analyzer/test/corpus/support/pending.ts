/**
 * Case flows and breakages whose verdict Moat does not give yet, each with the AWS semantics it lacks. The
 * corpus test asserts that each of these still does NOT match: when the analyzer learns the semantics, the
 * test fails with "remove it from pending", so this list only shrinks. Keys: `<case>/<flow>` or
 * `<case>/breakage/<breakage>/<flow>`.
 */
const LISTENER_RULES_AND_ECS_ON_EC2 =
  "ECS services on EC2 container instances (bridge mode, Auto Scaling group in the private subnets) are not placed, so a flow through their target groups is UNKNOWN; a flow without an HTTP request follows the listener's default action to DefaultTargetGroup, which registers no target in the templates (UNKNOWN too) (issue 11 item 5)";

export const PENDING: Readonly<Record<string, string>> = {
  'ecs-refarch-nested/internet-to-website-service': LISTENER_RULES_AND_ECS_ON_EC2,
};
