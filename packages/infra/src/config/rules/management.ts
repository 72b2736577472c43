import { defineRule, warning } from './rule.js';

export const managementRules = [
  // SSH not open to the internet.
  defineRule(['management'], ({ management }, report) => {
    if (management.sshCidr?.endsWith('/0')) {
      report(
        warning(
          'management.sshCidr',
          management.sshCidr,
          'opens port 22 of the step-2 instance to the whole internet',
          'use your own address as a /32, or remove sshCidr and use Session Manager',
        ),
      );
    }
  }),
];
