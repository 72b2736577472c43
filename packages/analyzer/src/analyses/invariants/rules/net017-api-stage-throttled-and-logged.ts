import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net017: Rule = {
  id: 'NET017',
  title: 'Public API stages are throttled and access-logged',
  rationale:
    'Throttling is why the API sits in front of the load balancer: it caps what a flood can push to the tasks. ' +
    'Access logs are the ingress record of every request.',
  severity: 'error',
  fix: 'Set MethodSettings ThrottlingRateLimit and ThrottlingBurstLimit on the stage (path "/*", method "*") and an AccessLogSetting with a destination.',
  check(model: NetworkModel): readonly Finding[] {
    return model.restApis
      .filter((api) => api.endpointType !== 'PRIVATE')
      .flatMap((api) =>
        api.stages.flatMap((stage) => {
          const faults = [
            ...(isPositive(stage.throttlingRateLimit) && isPositive(stage.throttlingBurstLimit)
              ? []
              : ['no stage-wide ThrottlingRateLimit and ThrottlingBurstLimit']),
            ...(stage.accessLogs ? [] : ['no AccessLogSetting']),
          ];
          return faults.length === 0
            ? []
            : [
                violation(
                  net017,
                  stage.source,
                  `stage '${stage.stageName}' of REST API ${api.id} has ${faults.join(' and ')}. Set the missing stage settings.`,
                ),
              ];
        }),
      );
  },
};

const isPositive = (value: number | undefined): boolean => value !== undefined && value > 0;
