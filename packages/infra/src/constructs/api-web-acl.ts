import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiWebAclProps {
  readonly stageArn: string;
  /** Requests per 5 minutes per client IP. */
  readonly rateLimit: number;
  readonly logRetention: logs.RetentionDays;
}

/** The AWS managed rule groups of the spec, in evaluation order (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
] as const;

/** WAF requires log group names with this prefix (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html). */
const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** A WAFv2 web ACL on the API stage (step 9): a rate-based rule, the managed groups, and logging. */
export class ApiWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managedRules = MANAGED_RULE_GROUPS.map(
      (name, index): wafv2.CfnWebACL.RuleProperty => ({
        name,
        priority: 10 + index,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
        visibilityConfig: visibility(name),
      }),
    );
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: 'moat-api',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('moat-api'),
      rules: [
        {
          name: 'RateLimitPerClientIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerClientIp'),
        },
        ...managedRules,
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    const logGroupName = `${WAF_LOG_GROUP_PREFIX}moat-api`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the ":*" suffix that LogGroup.logGroupArn carries.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    });
    logging.node.addDependency(logGroup);
  }
}
