import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net021: Rule = {
  id: 'NET021',
  title: 'Private DNS on interface endpoints',
  rationale:
    "Without private DNS, the service's public name (such as api.ecr.eu-central-1.amazonaws.com) resolves to " +
    'public addresses and clients follow the default route instead of the endpoint: through the egress VPC, or ' +
    'nowhere in a VPC without internet. https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html',
  severity: 'error',
  fix: 'Set PrivateDnsEnabled to true on the AWS::EC2::VPCEndpoint (the VPC needs enableDnsSupport and enableDnsHostnames).',
  check(model: NetworkModel): readonly Finding[] {
    return model.vpcEndpoints
      .filter((endpoint) => endpoint.kind === 'Interface' && !endpoint.privateDnsEnabled)
      .map((endpoint) =>
        violation(
          net021,
          endpoint.source,
          `PrivateDnsEnabled is false on the ${endpoint.service.known ? endpoint.service.value : 'interface'} endpoint, so clients resolve the public service name and bypass it. Set PrivateDnsEnabled to true.`,
        ),
      );
  },
};
