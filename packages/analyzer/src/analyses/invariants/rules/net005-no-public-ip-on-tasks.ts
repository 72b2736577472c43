import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

export const net005: Rule = {
  id: 'NET005',
  title: 'No task with a public IP address',
  rationale:
    'A task with a public IPv4 address can be reached from, and can reach, the internet without crossing the ' +
    'load balancer, the API, the WAF or the firewall, and each address is billed by the hour.',
  severity: 'error',
  fix: 'Set NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp to DISABLED (CDK: assignPublicIp: false) and run the tasks in private subnets.',
  check(model: NetworkModel): readonly Finding[] {
    return model.ecsServices
      .filter((service) => service.assignPublicIp)
      .map((service) =>
        violation(
          net005,
          service.source,
          'AssignPublicIp is ENABLED, so every task gets a public IPv4 address that bypasses the entry and egress controls. Set it to DISABLED.',
        ),
      );
  },
};
