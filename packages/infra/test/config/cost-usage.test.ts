import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues, loadCostUsage, validateConfig, validateCostUsage } from '../../src/config/index.js';

const USAGE = {
  monthlyInternetEgressGb: 200,
  kinds: { natGateway: { monthlyDataProcessedGb: 150 }, restApi: { monthlyRequests: 5_000_000 } },
  resources: { 'MoatNetwork/EgressFirewall/Firewall': { monthlyDataProcessedGb: 300 } },
};

describe('the usage profile', () => {
  it('is read from cost.usage in the config, as written', () => {
    const result = validateConfig({ cost: { usage: USAGE } });
    expect(result.ok && result.config.cost).toEqual({ usage: USAGE });
  });

  it('is absent from the embedded default, so every usage figure is a default', () => {
    const result = validateConfig({});
    expect(result.ok && result.config.cost).toEqual({});
  });

  it('rejects a negative figure, a misspelt kind and a figure the kind does not have, each with its path and fix', () => {
    const result = validateCostUsage({
      monthlyInternetEgressGb: -5,
      kinds: { natGateways: { monthlyDataProcessedGb: 1 }, restApi: { monthlyDataProcessedGb: 3 } },
    });
    expect(result.ok).toBe(false);
    expect(formatIssues(result.ok ? [] : result.issues, 'usage.yaml')).toBe(
      [
        'usage.yaml: 4 problems',
        '  - monthlyInternetEgressGb: received -5 — is too small. Fix: use a number of 0 or more.',
        '  - kinds.restApi.monthlyRequests: received nothing — is required. Fix: use a number.',
        '  - kinds.restApi.monthlyDataProcessedGb: received 3 — "monthlyDataProcessedGb" is not a known key here. Fix: remove it; the known keys are monthlyRequests.',
        '  - kinds.natGateways: received {"monthlyDataProcessedGb":1} — "natGateways" is not a known key here. Fix: did you mean "natGateway"? The known keys are natGateway, firewall, transitGatewayAttachment, interfaceEndpoint, applicationLoadBalancer, networkLoadBalancer, restApi, webAcl.',
      ].join('\n'),
    );
  });

  it('is reported under cost.usage when it sits in the config', () => {
    const result = validateConfig({
      cost: { usage: { resources: { Nat: { monthlyDataProcessedGb: 'lots' } } } },
    });
    expect(
      result.ok ? [] : result.issues.map((issue) => [issue.path, issue.received, issue.problem, issue.fix]),
    ).toEqual([
      ['cost.usage.resources.Nat.monthlyDataProcessedGb', 'lots', 'is not a number', 'use a number'],
    ]);
  });

  it('loads a usage file, and reports a missing file or a YAML mistake at its line instead of throwing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-usage-'));
    const good = join(dir, 'usage.yaml');
    await writeFile(
      good,
      [
        'monthlyInternetEgressGb: 200',
        'kinds:',
        '  natGateway:',
        '    monthlyDataProcessedGb: 150',
        'resources:',
        '  EgressFirewallF3D343A0:',
        '    monthlyDataProcessedGb: 300',
        '',
      ].join('\n'),
    );
    expect(loadCostUsage(good)).toEqual({
      ok: true,
      usage: {
        monthlyInternetEgressGb: 200,
        kinds: { natGateway: { monthlyDataProcessedGb: 150 } },
        resources: { EgressFirewallF3D343A0: { monthlyDataProcessedGb: 300 } },
      },
      source: good,
    });
    const missing = join(dir, 'nope.yaml');
    expect(loadCostUsage(missing)).toEqual({
      ok: false,
      issues: [
        {
          path: '(file)',
          received: missing,
          problem: 'does not exist',
          fix: 'give the path of an existing usage file (its shape: docs/cost.md)',
          severity: 'error',
        },
      ],
      source: missing,
    });
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'kinds:\n  natGateway: [1,\n');
    const result = loadCostUsage(broken);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(['line 3, column 1']);
  });
});
