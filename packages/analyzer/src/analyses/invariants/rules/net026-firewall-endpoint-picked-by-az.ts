import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { describeDestination } from '../model-queries.js';
import { type Rule, violation } from '../rule.js';

/**
 * The CloudFormation expression that picks a firewall's endpoint in `availabilityZone` whatever the order of
 * `EndpointIds`: the list joined with a leading comma, split at ",<az>:", the id up to the next comma.
 */
const endpointByAzExpression = (firewallLogicalId: string, availabilityZone: string): string =>
  `Fn::Select [0, Fn::Split [",", Fn::Select [1, Fn::Split [",${availabilityZone}:", Fn::Join ["", [",", Fn::Join [",", Fn::GetAtt [${firewallLogicalId}, EndpointIds]]]]]]]]`;

export const net026: Rule = {
  id: 'NET026',
  title: 'Routes pick a firewall endpoint by its AZ, not by its position in EndpointIds',
  rationale:
    'A Network Firewall\'s EndpointIds lists one "az:vpce-id" string per subnet mapping, in no documented order ' +
    '(https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-networkfirewall-firewall.html#aws-resource-networkfirewall-firewall-return-values), ' +
    'and public projects have seen it differ from the subnet order (https://github.com/aws/aws-cdk/issues/11925, ' +
    'https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-networkfirewall/issues/15). A route ' +
    "that takes Fn::Select [i, EndpointIds] may send one AZ's traffic to another AZ's endpoint: the request and its " +
    'reply then cross different endpoints, and Network Firewall drops what it sees one way only ' +
    '(https://docs.aws.amazon.com/network-firewall/latest/developerguide/arch-igw-ngw.html). Moat traces such a ' +
    'route with the AZ the template assumes and lists that assumption on the trace.',
  severity: 'error',
  fix: 'Select the endpoint by its AZ name: Fn::Select [0, Fn::Split [",", Fn::Select [1, Fn::Split [",<az>:", Fn::Join ["", [",", Fn::Join [",", Fn::GetAtt [Firewall, EndpointIds]]]]]]]].',
  check(model: NetworkModel): readonly Finding[] {
    return model.routeTables.flatMap((table) =>
      table.routes.flatMap((route) => {
        const target = route.target;
        if (target.kind !== 'firewall-endpoint' || target.assumedAvailabilityZone === undefined) return [];
        const firewall = target.firewallId.split('/').pop() ?? target.firewallId;
        return [
          violation(
            net026,
            route.source,
            `the route ${describeDestination(route.destination)} in route table ${table.id} takes ${firewall}'s endpoint by its position in EndpointIds, whose order AWS does not document; it is ${target.assumedAvailabilityZone}'s endpoint only if the list follows the subnet mappings. Pick it by its AZ: ${endpointByAzExpression(firewall, target.assumedAvailabilityZone)}.`,
          ),
        ];
      }),
    );
  },
};
