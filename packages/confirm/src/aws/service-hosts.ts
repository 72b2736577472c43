/**
 * The host name a task uses for an AWS service that Moat names by its endpoint service (`ecr.api`, ...).
 * With an interface endpoint's private DNS on, the same name resolves to the endpoint's ENIs in the VPC:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html
 * Names: ECR https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html (api.ecr.REGION and
 * ACCOUNT.dkr.ecr.REGION), CloudWatch Logs https://docs.aws.amazon.com/general/latest/gr/cwl_region.html,
 * S3 https://docs.aws.amazon.com/general/latest/gr/s3.html.
 */
export function awsServiceHost(service: string, region: string, account: string): string | undefined {
  switch (service) {
    case 'ecr.api':
      return `api.ecr.${region}.amazonaws.com`;
    case 'ecr.dkr':
      return `${account}.dkr.ecr.${region}.amazonaws.com`;
    case 'logs':
      return `logs.${region}.amazonaws.com`;
    case 's3':
      return `s3.${region}.amazonaws.com`;
    default:
      return undefined;
  }
}
