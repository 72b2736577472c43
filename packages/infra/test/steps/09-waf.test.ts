import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import {
  defaultConfig,
  type SynthesizedTemplates,
  synthesizeForTest,
  templateOf,
} from '../support/synthesized-step.js';

let step: SynthesizedTemplates;
beforeAll(() => {
  step = synthesizeForTest(9);
});

describe('step 9, waf', () => {
  it('defines a regional web ACL with the rate rule first and the four AWS managed groups', () => {
    const managed = (name: string) =>
      Match.objectLike({
        Name: name,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
      });
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Name: 'RateLimitPerClientIp',
          Priority: 0,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: defaultConfig.waf.rateLimit, AggregateKeyType: 'IP' } },
        }),
        managed('AWSManagedRulesAmazonIpReputationList'),
        managed('AWSManagedRulesCommonRuleSet'),
        managed('AWSManagedRulesKnownBadInputsRuleSet'),
        managed('AWSManagedRulesSQLiRuleSet'),
      ],
    });
  });

  it('associates the web ACL with the API stage', () => {
    templateOf(step, 'MoatNetwork').hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: {
        'Fn::Join': [
          '',
          Match.arrayWith([
            { Ref: Match.stringLikeRegexp('^ApiRestApi[0-9A-F]{8}$') },
            '/stages/',
            { Ref: Match.stringLikeRegexp('^ApiRestApiDeploymentStage') },
          ]),
        ],
      },
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAcl'), 'Arn'] },
    });
  });

  it('logs to an aws-waf-logs- log group, by its ARN without the ":*" suffix', () => {
    const template = templateOf(step, 'MoatNetwork');
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'aws-waf-logs-moat-api',
      RetentionInDays: defaultConfig.logRetentionDays,
    });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      LogDestinationConfigs: [
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':logs:eu-central-1:111111111111:log-group:aws-waf-logs-moat-api',
            ],
          ],
        },
      ],
    });
  });
});
