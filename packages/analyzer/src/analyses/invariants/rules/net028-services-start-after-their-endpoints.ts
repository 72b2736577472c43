import { groupBy } from '../../../collections.js';
import type { NetworkModel, VpcEndpoint } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { notCreatedBefore, subnetById, vpcIdsWithOwnInternet } from '../model-queries.js';
import { type Rule, violation } from '../rule.js';
import { INTERFACE_SERVICES } from './net020-fargate-endpoints-without-internet.js';

/** What a Fargate task reaches as it starts: the image (ECR API, Docker, S3 layers) and its log stream. */
const STARTUP_SERVICES = [...INTERFACE_SERVICES, 's3'];

export const net028: Rule = {
  id: 'NET028',
  title: 'ECS services without an internet path are created after the VPC endpoints their tasks start with',
  rationale:
    'CloudFormation creates resources in parallel unless DependsOn or a reference orders them ' +
    '(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html). An ECS ' +
    'service starts its tasks as soon as it is created; in a VPC without a NAT or internet gateway of its own, a ' +
    'task that starts before the ECR, S3 and CloudWatch Logs endpoints exist cannot pull its image or create its ' +
    'log stream, fails, and a first deploy can trip the deployment circuit breaker and roll the stack back ' +
    '(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html). Endpoints in ' +
    'another stack are ordered by the stacks, not by this rule.',
  severity: 'error',
  fix: 'Make the AWS::ECS::Service depend on the endpoints (DependsOn, or node.addDependency in CDK).',
  check(model: NetworkModel): readonly Finding[] {
    const withInternet = vpcIdsWithOwnInternet(model);
    const startupEndpointsByVpc = groupBy(
      model.vpcEndpoints.filter(isStartupEndpoint),
      (endpoint) => endpoint.vpcId,
    );
    return model.ecsServices.flatMap((service) => {
      const vpcIds = new Set(service.subnetIds.flatMap((id) => subnetById(model, id)?.vpcId ?? []));
      if ([...vpcIds].some((id) => withInternet.has(id))) return [];
      const candidates = [...vpcIds]
        .flatMap((id) => startupEndpointsByVpc.get(id) ?? [])
        .filter((endpoint) => endpoint.source.stack === service.source.stack);
      const late = new Set(
        notCreatedBefore(
          model,
          service.id,
          candidates.map((endpoint) => endpoint.id),
        ),
      );
      const missing = candidates.filter((endpoint) => late.has(endpoint.id));
      if (missing.length === 0) return [];
      return [
        violation(
          net028,
          service.source,
          `the service can start its tasks before ${missing.map(describeEndpoint).join(', ')} exist${missing.length === 1 ? 's' : ''}: without an internet path, its tasks cannot pull the image or write logs, and the first deploy can fail. Add DependsOn: [${missing.map((endpoint) => endpoint.source.logicalId).join(', ')}].`,
        ),
      ];
    });
  },
};

const isStartupEndpoint = (endpoint: VpcEndpoint): boolean =>
  endpoint.service.known && STARTUP_SERVICES.includes(endpoint.service.value);

const describeEndpoint = (endpoint: VpcEndpoint): string =>
  `${endpoint.source.logicalId} (${endpoint.service.known ? endpoint.service.value : '?'})`;
