import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonSummary } from '../../src/compare/summary.js';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';
import { schemaErrors } from '../json/schemas.js';

/**
 * Designs made of config keys that exist today: the default, three AZs instead of two, the guide's step-7
 * experiment (api.binance.com turned to DROP), and another region.
 */
const CONFIGS = {
  'default.yaml': '{}\n',
  'three-az.yaml': 'availabilityZones: [eu-central-1a, eu-central-1b, eu-central-1c]\n',
  'drop.yaml': 'egress:\n  domains:\n    - domain: api.binance.com\n      action: DROP\n',
  'us-east-1.yaml': 'region: us-east-1\n',
};

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

let dir: string;
const compare = async (...args: string[]): Promise<Run> => {
  const io = captureIo(dir);
  const code = await runCli(['compare', ...args], io);
  return { code, out: io.out(), err: io.err() };
};

// The comparisons the tests read, made once: synthesis is the slow part.
let two: Run;
let three: Run;
let bothBreak: Run;
let json: Run;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moat-compare-test-'));
  for (const [name, text] of Object.entries(CONFIGS)) await writeFile(join(dir, name), text);
  two = await compare('default.yaml', 'three-az.yaml', '--step', '7');
  three = await compare('default.yaml', 'three-az.yaml', 'drop.yaml', '--step', 'network-firewall');
  bothBreak = await compare('drop.yaml', 'drop.yaml', '--step', '7', '--out', 'both');
  json = await compare('default.yaml', 'us-east-1.yaml', '--step', '7', '--json');
});

describe('moat compare', () => {
  it('puts two designs side by side at one step: flows, findings, AZ losses, and the cost line by line against the first', () => {
    expect(two.code).toBe(0);
    // A third AZ: a third NAT gateway and its address, a third firewall endpoint (less the NAT hours it waives),
    // a third ENI per interface endpoint and a third load balancer address, at eu-central-1's prices.
    expect(two.out.split('\n')).toEqual([
      'Designs at step 7 network-firewall, each priced in its region at 730 h/month, prices as of 2026-11-27',
      '',
      '  design  config         region        flows as expected  findings              AZ losses survived    monthly',
      '       A  default.yaml   eu-central-1                8/8  0 errors, 0 warnings                 2/2    $865.13',
      '       B  three-az.yaml  eu-central-1                8/8  0 errors, 0 warnings                 3/3  $1,196.08',
      '',
      'Every flow of every design is as expected.',
      '',
      'Monthly cost against A, line by line (lines named as in A; = as in A; blank: no such line; UNKNOWN: not priced):',
      '   RESOURCE / CHARGE                                                                            A          B       B-A',
      '+  MoatNetwork/EgressVpc/PublicSubnet3/NATGateway                                                     $38.22   +$38.22',
      '     + NAT gateway                                                                                    $37.96   +$37.96',
      '     + NAT gateway data processed                                                                      $0.26    +$0.26',
      '~  MoatNetwork/EgressFirewall/Firewall                                                    $500.85    $751.24  +$250.39',
      '     ~ Network Firewall, 2 endpoints                                                      $576.70    $865.05  +$288.35',
      '     ~ NAT gateway-hours waived for 2 firewall endpoints                                  -$75.92   -$113.88   -$37.96',
      '~  MoatWorkload/Endpoints/EcrApi                                                           $17.57     $26.33    +$8.76',
      '     ~ interface endpoint ecr.api in 2 AZs                                                 $17.52     $26.28    +$8.76',
      '~  MoatWorkload/Endpoints/EcrDocker                                                        $17.57     $26.33    +$8.76',
      '     ~ interface endpoint ecr.dkr in 2 AZs                                                 $17.52     $26.28    +$8.76',
      '~  MoatWorkload/Endpoints/Logs                                                             $17.57     $26.33    +$8.76',
      '     ~ interface endpoint logs in 2 AZs                                                    $17.52     $26.28    +$8.76',
      '~  MoatWorkload/Endpoints/SsmMessages                                                      $17.57     $26.33    +$8.76',
      '     ~ interface endpoint ssmmessages in 2 AZs                                             $17.52     $26.28    +$8.76',
      '~  MoatNetwork/Alb/LoadBalancer                                                            $32.85     $36.50    +$3.65',
      '     ~ 2 public IPv4 (internet-facing load balancer, one per Availability Zone at least)    $7.30     $10.95    +$3.65',
      '+  MoatNetwork/EgressVpc/PublicSubnet3/EIP                                                             $3.65    +$3.65',
      '     + 1 public IPv4 (Elastic IP)                                                                      $3.65    +$3.65',
      '   TOTAL                                                                                  $865.13  $1,196.08  +$330.95',
      'B against A: 3 lines added, 0 removed, 7 changed, in 8 resources.',
      '',
      'No flow is as expected in one design and not in another.',
      '',
    ]);
    expect(two.err).toBe(
      `moat: config ${join(dir, 'default.yaml')}\nmoat: config ${join(dir, 'three-az.yaml')}\n`,
    );
  });

  it('exits 1 when a design breaks a flow that another keeps, naming the flow and who keeps it', () => {
    expect(three.code).toBe(1);
    expect(three.out.split('\n')).toEqual([
      'Designs at step 7 network-firewall, each priced in its region at 730 h/month, prices as of 2026-11-27',
      '',
      '  design  config         region        flows as expected  findings              AZ losses survived    monthly',
      '       A  default.yaml   eu-central-1                8/8  0 errors, 0 warnings                 2/2    $865.13',
      '       B  three-az.yaml  eu-central-1                8/8  0 errors, 0 warnings                 3/3  $1,196.08',
      '       C  drop.yaml      eu-central-1                7/8  0 errors, 0 warnings                 2/2    $865.13',
      '',
      'Not as expected:',
      '  C  egress-allowed: DROPPED_BY_FIREWALL, expected ACCEPTED; A and B keep it',
      '',
      'Monthly cost against A, line by line (lines named as in A; = as in A; blank: no such line; UNKNOWN: not priced):',
      '   RESOURCE / CHARGE                                                             A          B       B-A        C     C-A',
      '+  MoatNetwork/EgressVpc/PublicSubnet3/NATGateway                                      $38.22   +$38.22                =',
      '     + NAT gateway                                                                     $37.96   +$37.96                =',
      '     + NAT gateway data processed                                                       $0.26    +$0.26                =',
      '~  MoatNetwork/EgressFirewall/Firewall                                     $500.85    $751.24  +$250.39  $500.85       =',
      '     ~ Network Firewall, 2 endpoints                                       $576.70    $865.05  +$288.35  $576.70       =',
      '     ~ NAT gateway-hours waived for 2 firewall endpoints                   -$75.92   -$113.88   -$37.96  -$75.92       =',
      '~  MoatWorkload/Endpoints/EcrApi                                            $17.57     $26.33    +$8.76   $17.57       =',
      '     ~ interface endpoint ecr.api in 2 AZs                                  $17.52     $26.28    +$8.76   $17.52       =',
      '~  MoatWorkload/Endpoints/EcrDocker                                         $17.57     $26.33    +$8.76   $17.57       =',
      '     ~ interface endpoint ecr.dkr in 2 AZs                                  $17.52     $26.28    +$8.76   $17.52       =',
      '~  MoatWorkload/Endpoints/Logs                                              $17.57     $26.33    +$8.76   $17.57       =',
      '     ~ interface endpoint logs in 2 AZs                                     $17.52     $26.28    +$8.76   $17.52       =',
      '~  MoatWorkload/Endpoints/SsmMessages                                       $17.57     $26.33    +$8.76   $17.57       =',
      '     ~ interface endpoint ssmmessages in 2 AZs                              $17.52     $26.28    +$8.76   $17.52       =',
      '~  MoatNetwork/Alb/LoadBalancer                                             $32.85     $36.50    +$3.65   $32.85       =',
      '   …4 (internet-facing load balancer, one per Availability Zone at least)    $7.30     $10.95    +$3.65    $7.30       =',
      '+  MoatNetwork/EgressVpc/PublicSubnet3/EIP                                              $3.65    +$3.65                =',
      '     + 1 public IPv4 (Elastic IP)                                                       $3.65    +$3.65                =',
      '   TOTAL                                                                   $865.13  $1,196.08  +$330.95  $865.13  +$0.00',
      'B against A: 3 lines added, 0 removed, 7 changed, in 8 resources.',
      'C against A: No line changed.',
      '',
      'Flows that differ between the designs: egress-allowed (kept by A and B, broken by C).',
      '',
    ]);
  });

  it('exits 0 when the designs break the same flows: they do not differ there', () => {
    expect(bothBreak.code).toBe(0);
    expect(bothBreak.out).toContain(
      [
        'Not as expected:',
        '  A  egress-allowed: DROPPED_BY_FIREWALL, expected ACCEPTED; no other design keeps it',
        '  B  egress-allowed: DROPPED_BY_FIREWALL, expected ACCEPTED; no other design keeps it',
      ].join('\n'),
    );
    expect(bothBreak.out).toContain('No flow is as expected in one design and not in another.');
  });

  it('prints a --json document that validates against schemas/compare.schema.json, each design priced in its region', () => {
    expect(json.code).toBe(0);
    const document = JSON.parse(json.out) as ComparisonSummary;
    expect(schemaErrors('compare', document)).toBeUndefined();
    expect(document).toMatchObject({ schema: 'compare', schemaVersion: 1 });
    expect(schemaErrors('compare', { ...document, designs: document.designs.slice(0, 1) })).toBe(
      'data/designs must NOT have fewer than 2 items',
    );
    expect(document.step).toEqual({ id: 7, slug: 'network-firewall' });
    expect([document.flowsAgree, document.flowDifferences]).toEqual([true, []]);
    expect(
      document.designs.map((design) => [
        design.label,
        design.config,
        design.region,
        design.cost.region,
        design.assembly,
        design.azLoss,
      ]),
    ).toEqual([
      [
        'A',
        join(dir, 'default.yaml'),
        'eu-central-1',
        'eu-central-1',
        join(dir, 'out', 'designs', 'A', 'steps', '7'),
        { survived: 2, total: 2, required: true },
      ],
      [
        'B',
        join(dir, 'us-east-1.yaml'),
        'us-east-1',
        'us-east-1',
        join(dir, 'out', 'designs', 'B', 'steps', '7'),
        { survived: 2, total: 2, required: true },
      ],
    ]);
    const [change] = document.costChanges;
    expect([
      change?.design,
      change?.against,
      change?.change.previousTotalUsd,
      change?.change.currentTotalUsd,
    ]).toEqual(['B', 'A', document.designs[0]?.monthlyUsd, document.designs[1]?.monthlyUsd]);
  });
});

describe('moat compare --help', () => {
  it('shows the configs as arguments beside the flags, and what each exit code means', async () => {
    const run = await compare('--help');
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      'Usage:\n  moat compare A.yaml B.yaml [C.yaml…] [--step N] [--out DIR] [--json]\n',
    );
    expect(run.out).toMatch(
      /^Arguments and flags:\n {2}A\.yaml B\.yaml \[C\.yaml…\] +two or more configuration files/m,
    );
    expect(run.out).toContain(
      'Exit codes:\n  0  no flow is as expected in one design and not in another\n  1  a design breaks a flow (not as expected) that another design keeps (as expected)\n',
    );
  });
});

describe('moat compare, used wrongly', () => {
  /** The one line a usage error prints after the config lines, and nothing on stdout, exit 2. */
  const usageError = async (...args: string[]) => {
    const run = await compare(...args);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    return run.err.split('\n').filter((line) => line.startsWith('moat compare:'));
  };

  it('needs two configs or more', async () => {
    expect(await usageError()).toEqual([
      'moat compare: give two or more configuration files to compare, received none; as in "moat compare moat.config.yaml cheaper.yaml"',
    ]);
    expect(await usageError('default.yaml')).toEqual([
      'moat compare: give two or more configuration files to compare, received only "default.yaml"; as in "moat compare moat.config.yaml cheaper.yaml"',
    ]);
  });

  it('names a config that does not exist, before any synthesis', async () => {
    const run = await compare('default.yaml', 'missing.yaml', '--step', '7', '--out', 'never');
    expect(run.code).toBe(2);
    expect(run.err).toContain(`moat compare: ${join(dir, 'missing.yaml')}: 1 problem\n`);
    expect(run.err).toContain(
      `received "${join(dir, 'missing.yaml')}" — does not exist (the path was given)`,
    );
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('takes one step that has AWS resources', async () => {
    const slugs =
      'local-container, public-ec2, alb-nat, ecs-fargate, internal-nlb, transit-gateway, network-firewall, api-gateway, waf, split-accounts';
    for (const step of ['2,5', '11']) {
      expect(await usageError('default.yaml', 'drop.yaml', '--step', step)).toEqual([
        `moat compare: --step received "${step}", which is not a step; give one id from 1 to 10 or one slug (${slugs}), as in --step 7`,
      ]);
    }
    expect(await usageError('default.yaml', 'drop.yaml', '--step', '1', '--out', 'one')).toEqual([
      'moat compare: step 1 local-container has no AWS resources to compare (The service in a container: docker run -p 80:8080 <image>. No AWS.); choose step 2 or later, such as --step 7',
    ]);
  });
});

describe('moat plan --compare, used wrongly', () => {
  it('names a missing config before any synthesis, and a plan with no step to compare at', async () => {
    const missing = captureIo(dir);
    expect(
      await runCli(['plan', '--steps', '7', '--compare', 'missing.yaml', '--out', 'plan-never'], missing),
    ).toBe(2);
    expect(missing.err()).toContain(
      `received "${join(dir, 'missing.yaml')}" — does not exist (the path was given)`,
    );
    expect(existsSync(join(dir, 'plan-never', 'steps', '7', 'manifest.json'))).toBe(false);
    const local = captureIo(dir);
    expect(await runCli(['plan', '--steps', '1', '--compare', 'drop.yaml', '--out', 'plan-one'], local)).toBe(
      2,
    );
    expect(
      local
        .err()
        .split('\n')
        .filter((line) => line.startsWith('moat plan:')),
    ).toEqual([
      "moat plan: --compare puts designs side by side at the plan's last step with AWS resources, and the steps planned (1) have none; plan step 2 or later too, such as --steps 7",
    ]);
  });
});
