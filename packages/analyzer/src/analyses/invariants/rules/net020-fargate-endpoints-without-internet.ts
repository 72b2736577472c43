import type { NetworkModel, Vpc, VpcEndpoint } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { routeTableOf, subnetById } from '../model-queries.js';
import { type Rule, violation } from '../rule.js';

/**
 * What a Fargate task needs when its VPC has no internet path: ECR API and Docker endpoints, S3 (a gateway
 * endpoint, where ECR keeps image layers) and CloudWatch Logs for the awslogs driver.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
 */
const INTERFACE_SERVICES = ['ecr.api', 'ecr.dkr', 'logs'];

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
    return model.vpcs
      .filter((vpc) => runsFargateWithoutInternet(model, vpc))
      .flatMap((vpc) => {
        const endpoints = model.vpcEndpoints.filter((endpoint) => endpoint.vpcId === vpc.id);
        const missing = INTERFACE_SERVICES.filter(
          (service) =>
            !endpoints.some((endpoint) => endpoint.kind === 'Interface' && serviceOf(endpoint) === service),
        ).map((service) => `interface endpoint ${service}`);
        const s3 = endpoints.find((endpoint) => endpoint.kind === 'Gateway' && serviceOf(endpoint) === 's3');
        const uncoveredTables = taskRouteTableIds(model, vpc).filter((id) => !s3?.routeTableIds.includes(id));
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

function fargateSubnetIds(model: NetworkModel, vpc: Vpc): readonly string[] {
  return model.ecsServices
    .filter((service) => service.launchType === 'FARGATE')
    .flatMap((service) => service.subnetIds)
    .filter((id) => subnetById(model, id)?.vpcId === vpc.id);
}

function runsFargateWithoutInternet(model: NetworkModel, vpc: Vpc): boolean {
  const vpcSubnetIds = new Set(model.subnets.filter((s) => s.vpcId === vpc.id).map((s) => s.id));
  return (
    fargateSubnetIds(model, vpc).length > 0 &&
    !model.internetGateways.some((gateway) => gateway.vpcId === vpc.id) &&
    !model.natGateways.some((nat) => vpcSubnetIds.has(nat.subnetId))
  );
}

function taskRouteTableIds(model: NetworkModel, vpc: Vpc): readonly string[] {
  const ids = fargateSubnetIds(model, vpc).flatMap((id) => {
    const subnet = subnetById(model, id);
    const table = subnet === undefined ? undefined : routeTableOf(model, subnet);
    return table === undefined ? [] : [table.id];
  });
  return [...new Set(ids)];
}
