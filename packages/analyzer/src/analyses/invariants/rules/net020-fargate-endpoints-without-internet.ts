import { groupBy } from '../../../collections.js';
import type { NetworkModel, Subnet, Vpc, VpcEndpoint } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { routeTableOf, subnetById, vpcIdsWithOwnInternet } from '../model-queries.js';
import { type Rule, violation } from '../rule.js';

/**
 * What a Fargate task needs when its VPC has no internet path: ECR API and Docker endpoints, S3 (a gateway
 * endpoint, where ECR keeps image layers) and CloudWatch Logs for the awslogs driver.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
 */
export const INTERFACE_SERVICES = ['ecr.api', 'ecr.dkr', 'logs'];

export const net020: Rule = {
  id: 'NET020',
  title: 'Fargate tasks without an internet path have the ECR, S3 and Logs endpoints',
  rationale:
    'In a VPC without its own NAT or internet gateway, a Fargate task pulls its image and ships its logs through ' +
    'VPC endpoints. Without ecr.api, ecr.dkr, the S3 gateway endpoint on the task route tables, and logs, tasks ' +
    'fail to start or their image pulls leave through the transit gateway and the firewall.',
  severity: 'error',
  fix: "Add interface endpoints for ecr.api, ecr.dkr and logs in the task subnets, and an S3 gateway endpoint associated with the task subnets' route tables.",
  check(model: NetworkModel): readonly Finding[] {
    const vpcsWithInternet = vpcIdsWithOwnInternet(model);
    const endpointsByVpc = groupBy(model.vpcEndpoints, (endpoint) => endpoint.vpcId);
    return fargateSubnetsByVpc(model)
      .filter(({ vpc }) => !vpcsWithInternet.has(vpc.id))
      .flatMap(({ vpc, subnets }) => {
        const endpoints = endpointsByVpc.get(vpc.id) ?? [];
        const missing = INTERFACE_SERVICES.filter(
          (service) =>
            !endpoints.some((endpoint) => endpoint.kind === 'Interface' && serviceOf(endpoint) === service),
        ).map((service) => `interface endpoint ${service}`);
        const s3 = endpoints.find((endpoint) => endpoint.kind === 'Gateway' && serviceOf(endpoint) === 's3');
        const taskTableIds = new Set(subnets.flatMap((subnet) => routeTableOf(model, subnet)?.id ?? []));
        const uncoveredTables = [...taskTableIds].filter((id) => !s3?.routeTableIds.includes(id));
        if (s3 === undefined) missing.push('S3 gateway endpoint');
        else if (uncoveredTables.length > 0)
          missing.push(`S3 gateway endpoint route in ${uncoveredTables.join(', ')}`);
        return missing.length === 0
          ? []
          : [
              violation(
                net020,
                vpc.source,
                `Fargate tasks run here without an internet path of the VPC's own, and it lacks: ${missing.join('; ')}. Add them.`,
              ),
            ];
      });
  },
};

const serviceOf = (endpoint: VpcEndpoint): string | undefined =>
  endpoint.service.known ? endpoint.service.value : undefined;

/** The VPCs that run Fargate tasks, in model order, with the subnets of those tasks. */
function fargateSubnetsByVpc(
  model: NetworkModel,
): readonly { readonly vpc: Vpc; readonly subnets: readonly Subnet[] }[] {
  const subnets = model.ecsServices
    .filter((service) => service.launchType === 'FARGATE')
    .flatMap((service) => service.subnetIds.flatMap((id) => subnetById(model, id) ?? []));
  const byVpc = groupBy(subnets, (subnet) => subnet.vpcId);
  return model.vpcs.flatMap((vpc) => {
    const found = byVpc.get(vpc.id);
    return found === undefined ? [] : [{ vpc, subnets: found }];
  });
}
