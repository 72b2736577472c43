import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net010: Rule = {
  id: 'NET010',
  title: 'A WAF web ACL on every public API stage',
  rationale:
    'A regional or edge-optimized API stage is the public entry; AWS WAF is what blocks common attack patterns, ' +
    'bad bots and floods before they reach the service. WAF attaches to REST API stages. ' +
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html ' +
    'A warning, not an error: throttling still guards the stage, and the guide itself runs a stage without WAF ' +
    'for one step (8) before adding it (9).',
  severity: 'warning',
  fix: 'Associate a REGIONAL AWS::WAFv2::WebACL with the stage (AWS::WAFv2::WebACLAssociation whose ResourceArn is the stage ARN).',
  check(model: NetworkModel): readonly Finding[] {
    const protectedIds = new Set(model.webAcls.flatMap((acl) => acl.associatedIds));
    return model.restApis
      .filter((api) => api.endpointType !== 'PRIVATE')
      .flatMap((api) =>
        api.stages
          .filter((stage) => !protectedIds.has(stage.id))
          .map((stage) =>
            violation(
              net010,
              stage.source,
              `stage '${stage.stageName}' of ${api.endpointType} REST API ${api.id} has no WAF web ACL. Associate a REGIONAL AWS::WAFv2::WebACL with the stage.`,
            ),
          ),
      );
  },
};
