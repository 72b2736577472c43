import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net025: Rule = {
  id: 'NET025',
  title: 'WAF web ACLs log their decisions',
  rationale:
    'Without WAF logging, blocked requests and the rule that blocked them leave no trace to audit or tune.',
  severity: 'warning',
  fix: 'Add an AWS::WAFv2::LoggingConfiguration for the web ACL (a CloudWatch log group named aws-waf-logs-*, S3 or Firehose).',
  check(model: NetworkModel): readonly Finding[] {
    return model.webAcls
      .filter((acl) => !acl.logging)
      .map((acl) =>
        violation(
          net025,
          acl.source,
          'the web ACL has no logging configuration. Add an AWS::WAFv2::LoggingConfiguration.',
        ),
      );
  },
};
