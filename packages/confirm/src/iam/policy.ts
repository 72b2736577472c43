/**
 * The IAM permissions `moat confirm` needs, as one policy document (`moat confirm --iam-policy`).
 * `CALLED_ACTIONS` are the API calls the code makes, one per SDK command; a test reads the sources and
 * fails when a command is added without its action here, or an action stays here after its call is gone.
 */
export const CALLED_ACTIONS = [
  'sts:GetCallerIdentity',
  'cloudformation:DescribeStacks',
  'cloudformation:DescribeStackResources',
  'ec2:CreateNetworkInsightsPath',
  'ec2:StartNetworkInsightsAnalysis',
  'ec2:DescribeNetworkInsightsAnalyses',
  'ec2:DeleteNetworkInsightsAnalysis',
  'ec2:DeleteNetworkInsightsPath',
  'ecs:DescribeServices',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'ecs:DescribeTaskDefinition',
  'ecs:RunTask',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
] as const;

/**
 * Permissions the calls need besides their own action:
 * - Reachability Analyzer reads the network on the caller's behalf (describe calls of EC2, Elastic Load
 *   Balancing and Network Firewall, and the permission-only `tiros` actions):
 *   https://docs.aws.amazon.com/vpc/latest/reachability/security_iam_required-API-permissions.html
 * - tags given at creation need `ec2:CreateTags` (paths, analyses) and `ecs:TagResource` (the probe task):
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/supported-iam-actions-tagging.html
 * - RunTask passes the task definition's task and execution roles to ECS: `iam:PassRole`:
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
 */
export const SUPPORTING_ACTIONS = {
  reachabilityAnalyzer: [
    'ec2:Describe*',
    'elasticloadbalancing:Describe*',
    'network-firewall:Describe*',
    'network-firewall:List*',
    'tiros:CreateQuery',
    'tiros:GetQueryAnswer',
    'tiros:GetQueryExplanation',
  ],
  tagging: ['ec2:CreateTags', 'ecs:TagResource'],
  passRole: ['iam:PassRole'],
} as const;

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Statement[];
}

/**
 * The policy for the principal that runs `moat confirm`, in each account of the assembly. Resources are `*`:
 * the Network Insights paths do not exist before the run, and RA's describe calls do not take resource ARNs.
 * PassRole is limited to ECS tasks by `iam:PassedToService`.
 */
export function confirmPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'MoatConfirmCalls', Effect: 'Allow', Action: [...CALLED_ACTIONS], Resource: '*' },
      {
        Sid: 'ReachabilityAnalyzerReads',
        Effect: 'Allow',
        Action: [...SUPPORTING_ACTIONS.reachabilityAnalyzer],
        Resource: '*',
      },
      { Sid: 'TagOnCreate', Effect: 'Allow', Action: [...SUPPORTING_ACTIONS.tagging], Resource: '*' },
      {
        Sid: 'PassTaskRolesToEcs',
        Effect: 'Allow',
        Action: [...SUPPORTING_ACTIONS.passRole],
        Resource: '*',
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
    ],
  };
}
