import { defineRule, warning } from './rule.js';

/**
 * One account for both roles is a warning, not an error: steps 2 to 9 live in one account and work the
 * same, and a single sandbox account is a common way to try them. Only step 10 loses its point: it
 * moves the service into the workload account and shares the Transit Gateway with it through AWS RAM.
 */
export const accountRules = [
  // Distinct accounts.
  defineRule(['accounts'], ({ accounts }, report) => {
    if (accounts.networking === accounts.workload) {
      report(
        warning(
          'accounts.workload',
          accounts.workload,
          'is the networking account too, so step 10 (the account split) splits nothing',
          'use a second account for the workload, or deploy steps 2 to 9 only',
        ),
      );
    }
  }),
];
