import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { defaultRouteOf, notCreatedBefore, routeTableOf, subnetById } from '../model-queries.js';
import { type Rule, violation } from '../rule.js';

export const net029: Rule = {
  id: 'NET029',
  title: 'Instances that run user data are created after their subnet’s internet route',
  rationale:
    'User data runs once, at first boot (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html), and ' +
    'CloudFormation creates an instance and its subnet’s 0.0.0.0/0 route in parallel unless DependsOn or a reference ' +
    'orders them (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html); ' +
    'CDK adds that dependency for instances in public subnets only. A script that installs packages or pulls an ' +
    'image then fails on a first deploy. Whether a script needs the internet cannot be read from a template, so ' +
    'this is a warning for every instance with user data whose subnet has an internet route it is not ordered after.',
  severity: 'warning',
  fix: "Make the AWS::EC2::Instance depend on its subnet's default route (DependsOn, or node.addDependency in CDK).",
  check(model: NetworkModel): readonly Finding[] {
    return model.instances.flatMap((instance) => {
      if (!instance.userData) return [];
      const subnet = subnetById(model, instance.subnetId);
      const table = subnet === undefined ? undefined : routeTableOf(model, subnet);
      const route = table === undefined ? undefined : defaultRouteOf(table);
      const target = route?.target.kind;
      if (route === undefined || (target !== 'nat-gateway' && target !== 'internet-gateway')) return [];
      if (route.source.type !== 'AWS::EC2::Route') return [];
      const routeId = `${route.source.stack}/${route.source.logicalId}`;
      if (
        route.source.stack !== instance.source.stack ||
        notCreatedBefore(model, instance.id, [routeId]).length === 0
      )
        return [];
      return [
        violation(
          net029,
          instance.source,
          `its user data can run before route ${route.source.logicalId} (0.0.0.0/0 → ${target}) exists, so a first boot may find no way to the internet. Add DependsOn: [${route.source.logicalId}].`,
        ),
      ];
    });
  },
};
