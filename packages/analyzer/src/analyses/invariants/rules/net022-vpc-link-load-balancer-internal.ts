import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net022: Rule = {
  id: 'NET022',
  title: 'A load balancer behind an API Gateway VPC link is internal',
  rationale:
    'The API in front is where throttling, TLS and the WAF apply. If the load balancer it reaches through a VPC ' +
    'link is internet-facing, clients can call it directly and skip all three.',
  severity: 'error',
  fix: 'Set Scheme to internal on the load balancer (this replaces it) and place it in private subnets.',
  check(model: NetworkModel): readonly Finding[] {
    // VPC link V1 targets are NLBs behind REST APIs.
    const behindRestApi = new Set([
      ...model.vpcLinks.flatMap((link) => link.targetLoadBalancerIds),
      ...model.restApis.flatMap((api) =>
        api.integrations.flatMap((integration) => integration.loadBalancerId ?? []),
      ),
    ]);
    const behindHttpApi = new Set(
      model.httpApis.flatMap((api) =>
        api.routes.flatMap((route) =>
          route.integration.known && route.integration.value.listener.known
            ? [route.integration.value.listener.value.loadBalancerId]
            : [],
        ),
      ),
    );
    return model.loadBalancers
      .filter(
        (lb) => lb.scheme === 'internet-facing' && (behindRestApi.has(lb.id) || behindHttpApi.has(lb.id)),
      )
      .map((lb) =>
        violation(
          net022,
          lb.source,
          // An HTTP API has no WAF (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html).
          `the load balancer is internet-facing but serves an API through a VPC link, so clients can skip the API's ${behindRestApi.has(lb.id) ? 'throttling and WAF' : 'throttling and authorization'}. Set Scheme to internal.`,
        ),
      );
  },
};
