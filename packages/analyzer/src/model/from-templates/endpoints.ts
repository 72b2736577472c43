import type { Json } from '../../cfn/template.js';
import type { Resolved, VpcEndpoint } from '../types.js';
import { known, unknown } from '../types.js';
import { type BuildContext, bool, list, str } from './context.js';

export function buildVpcEndpoints(context: BuildContext): VpcEndpoint[] {
  return context.ofType('AWS::EC2::VPCEndpoint').flatMap((endpoint): VpcEndpoint[] => {
    const vpcId = context.link(endpoint, 'VpcId', 'AWS::EC2::VPC');
    if (vpcId === undefined) return [];
    const type = endpoint.prop('VpcEndpointType');
    const kind = type === 'Interface' || type === 'GatewayLoadBalancer' ? type : 'Gateway';
    const serviceName = str(endpoint.prop('ServiceName'), 'ServiceName');
    const ids = (property: string, type: string) =>
      list(endpoint.prop(property)).flatMap((item) => {
        const id = context.reference(item, type);
        return id.known ? [id.value] : [];
      });
    return [
      {
        id: endpoint.id,
        source: endpoint.source,
        vpcId,
        kind,
        serviceName,
        service: shortServiceName(serviceName, endpoint.raw('ServiceName')),
        subnetIds: ids('SubnetIds', 'AWS::EC2::Subnet'),
        securityGroupIds: list(endpoint.prop('SecurityGroupIds')).map((item) =>
          context.reference(item, 'AWS::EC2::SecurityGroup'),
        ),
        // PrivateDnsEnabled defaults to false in CloudFormation (CDK sets it to true for interface endpoints):
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html
        privateDnsEnabled: bool(endpoint.prop('PrivateDnsEnabled'), false),
        routeTableIds: ids('RouteTableIds', 'AWS::EC2::RouteTable'),
      },
    ];
  });
}

/**
 * `com.amazonaws.eu-central-1.ecr.api` → `ecr.api`. Env-agnostic stacks write the name as
 * `Fn::Join ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".ecr.api"]]`: the last literal still names the service.
 */
function shortServiceName(serviceName: Resolved<string>, raw: Json | undefined): Resolved<string> {
  if (serviceName.known) {
    const match = /^com\.amazonaws\.(?:vpce\.)?[a-z]{2}(?:-[a-z]+)+-\d\.(.+)$/.exec(serviceName.value);
    return match?.[1] ? known(match[1]) : known(serviceName.value);
  }
  const parts =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as { 'Fn::Join'?: Json })['Fn::Join']
      : undefined;
  const last = Array.isArray(parts) && Array.isArray(parts[1]) ? parts[1][parts[1].length - 1] : undefined;
  return typeof last === 'string' && last.startsWith('.')
    ? known(last.slice(1))
    : unknown(serviceName.reason);
}
