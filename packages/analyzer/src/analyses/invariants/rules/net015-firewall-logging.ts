import type { NetworkModel } from '../../../model/types.js';
import type { Finding } from '../../types.js';
import { type Rule, violation } from '../rule.js';

const REQUIRED_LOG_TYPES = ['ALERT', 'FLOW'];

export const net015: Rule = {
  id: 'NET015',
  title: 'Firewall alert and flow logs configured',
  rationale:
    'Alert logs record what the firewall dropped and why; flow logs record what it passed. Without both, the ' +
    'egress allow list cannot be audited or tuned.',
  severity: 'error',
  fix: 'Add an AWS::NetworkFirewall::LoggingConfiguration with ALERT and FLOW log destinations (CloudWatch Logs, S3 or Firehose).',
  check(model: NetworkModel): readonly Finding[] {
    return model.firewalls.flatMap((firewall) => {
      const missing = REQUIRED_LOG_TYPES.filter((type) => !firewall.logTypes.includes(type));
      return missing.length === 0
        ? []
        : [
            violation(
              net015,
              firewall.source,
              `no ${missing.join(' or ')} log destination is configured. Add an AWS::NetworkFirewall::LoggingConfiguration with ${missing.join(' and ')} logs.`,
            ),
          ];
    });
  },
};
