import { waf } from './09-waf.js';
import { nextStep } from './step.js';

export const splitAccounts = nextStep(
  waf,
  {
    id: 10,
    slug: 'split-accounts',
    summary:
      'Networking and workload accounts: the TGW is shared with AWS RAM and the workload attachment accepted; the flows stay the same.',
  },
  { splitAccounts: true },
);
