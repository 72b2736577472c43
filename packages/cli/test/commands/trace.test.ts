import type { Trace } from '@moat/analyzer';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

/** `moat trace` on an assembly from the global setup, from `from` to `to`, with any further flags. */
async function trace(
  assembly: 'step7Assembly' | 'step7DropAssembly' | 'step8Assembly',
  from: string,
  to: string,
  ...flags: string[]
) {
  const io = captureIo();
  const code = await runCli(
    ['trace', '--assembly', inject(assembly), '--from', from, '--to', to, ...flags],
    io,
  );
  return { code, stdout: io.out(), stderr: io.err() };
}

const EGRESS_HOPS = [
  'task ENI',
  'subnet',
  'tgw attachment',
  'subnet',
  'firewall',
  'subnet',
  'nat gateway',
  'subnet',
  'internet gateway',
];

describe('moat trace on step 7', () => {
  it('prints each hop of task → api.binance.com:443 from each AZ, with the routes and the firewall rule used', async () => {
    const { code, stdout } = await trace('step7Assembly', 'task', 'api.binance.com', '--port', '443');
    expect(code).toBe(0);
    const blocks = stdout.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(2);
    for (const [index, zone] of ['eu-central-1a', 'eu-central-1b'].entries()) {
      const lines = blocks[index]?.split('\n') ?? [];
      expect(lines[0]).toMatch(
        new RegExp(`^PriceService → api\\.binance\\.com:443/tcp  ACCEPTED  \\(9 hops, AZ ${zone}\\)$`),
      );
      expect(lines[2]).toMatch(/^ 2 {2}subnet +\S+ +route 0\.0\.0\.0\/0 → tgw /);
      expect(lines[4]).toMatch(
        new RegExp(`^ 4 {2}subnet +\\S+ +route 0\\.0\\.0\\.0/0 → firewall endpoint ${zone}`),
      );
      expect(lines[5]).toMatch(
        /^ 5 {2}firewall +\S+ +.*PASS TLS ClientHello \(SNI api\.binance\.com\): rule sid 200001 'allow api\.binance\.com'/,
      );
      expect(lines[7]).toMatch(/^ 7 {2}nat gateway +\S+ +source NAT to its Elastic IP$/);
      expect(lines[10]).toMatch(/^ return: internet gateway .* → firewall .* → task ENI /);
    }
  });

  it('prints one JSON document with the flow and a trace per AZ', async () => {
    const { code, stdout } = await trace('step7Assembly', 'task', 'api.binance.com', '--json');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { flow: Trace['flow']; traces: Trace[] };
    expect(document.flow).toMatchObject({ to: { kind: 'host', hostname: 'api.binance.com' }, port: 443 });
    expect(document.traces.map((t) => [t.availabilityZone, t.disposition])).toEqual([
      ['eu-central-1a', 'ACCEPTED'],
      ['eu-central-1b', 'ACCEPTED'],
    ]);
    for (const t of document.traces) expect(t.hops.map((hop) => hop.kind)).toEqual(EGRESS_HOPS);
  });

  it('fails with exit 1 when the Binance rule is DROP, ending DROPPED_BY_FIREWALL and naming the rule', async () => {
    const { code, stdout } = await trace('step7DropAssembly', 'task', 'api.binance.com', '--port', '443');
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^PriceService → api\.binance\.com:443\/tcp {2}DROPPED_BY_FIREWALL {2}\(5 hops, AZ eu-central-1a\)$/m,
    );
    expect(stdout).toMatch(
      /^ 5 {2}firewall +\S+ +.*DROP TLS ClientHello \(SNI api\.binance\.com\): rule sid 200001 'deny api\.binance\.com'/m,
    );
    expect(stdout).toMatch(
      /^ reason: rule sid 200001 'deny api\.binance\.com' \(EgressFirewallDomainRules\w+\) drops the TLS ClientHello \(SNI api\.binance\.com\)$/m,
    );
  });

  it('rejects a port that is not a TCP port, with exit 2', async () => {
    const { code, stderr } = await trace('step7Assembly', 'task', 'x.com', '--port', 'https');
    expect(code).toBe(2);
    expect(stderr).toBe('moat trace: --port must be an integer from 1 to 65535, received "https"\n');
  });

  it('rejects an endpoint the model does not have, saying what it accepts', async () => {
    const { code, stderr } = await trace('step7Assembly', 'laptop!', 'task');
    expect(code).toBe(2);
    expect(stderr).toBe(
      "moat trace: --from 'laptop!' is not an endpoint Moat knows. Use internet, task (the first ECS service or instance), alb (the internet-facing ALB), api (the public API stage), a domain name (api.binance.com), an IPv4 address, a subnet by its CIDR, or a subnet, EC2 instance, ECS service, load balancer, API stage or VPC endpoint by logical ID or construct path.\n",
    );
  });

  it('lists the near matches of a mistyped name', async () => {
    const typo = await trace('step7Assembly', 'PriceServce', 'internet');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/ by logical ID or construct path\. Near matches: PriceService\.\n$/);
    const part = await trace('step7Assembly', 'task', 'privatesubnet');
    expect(part.stderr).toMatch(
      /^moat trace: --to 'privatesubnet' is not an endpoint .* Near matches: (\S+PrivateSubnet\S+, )+\S+PrivateSubnet\S+\.\n$/,
    );
  });

  it('traces from a subnet named by its construct path to the internet', async () => {
    const { code, stdout, stderr } = await trace(
      'step7Assembly',
      'ContainerVpc/PrivateSubnet1',
      'api.binance.com',
      '--json',
    );
    expect(stderr).toBe('');
    const document = JSON.parse(stdout) as { flow: { from: unknown }; traces: Trace[] };
    expect(document.flow.from).toMatchObject({ kind: 'subnet' });
    expect(code).toBe(0);
    expect(document.traces[0]?.hops.map((hop) => hop.kind)).toEqual(EGRESS_HOPS.slice(1));
  });
});

describe('moat trace through the API of step 8', () => {
  it("follows the API's request hop by hop to the path the service receives, judged by the config's routes", async () => {
    const { code, stdout } = await trace(
      'step8Assembly',
      'internet',
      'api',
      '--config',
      inject('defaultConfig'),
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^internet → Api stage prod:443\/tcp {2}ACCEPTED/);
    expect(stdout).toContain(
      "integration GET /prod/price → VPC link ApiVpcLink4F321C68 → AlbLoadBalancer44085B14:80 (a private integration keeps the stage 'prod' in the path)",
    );
    expect(stdout).toContain('url-rewrite ^/prod/(.*)$ → /$1: /prod/price becomes /price (Alb/StripStage)');
    expect(stdout).toMatch(/^ {1,2}\d+ {2}task ENI .*; http receives GET \/price: a route of the service$/m);
  });

  it('ends a path the API has no method for NOT_SERVED at the stage, with exit 1', async () => {
    const { code, stdout } = await trace('step8Assembly', 'internet', 'api', '--path', '/prod/healthz');
    expect(code).toBe(1);
    expect(stdout).toContain(
      "\n reason: no method of the API matches GET /healthz in stage 'prod': API Gateway answers it itself\n",
    );
  });

  it('rejects a path without its leading slash, with exit 2', async () => {
    const { code, stderr } = await trace('step8Assembly', 'internet', 'api', '--path', 'prod/price');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'moat trace: --path must start with "/", such as /prod/price; received "prod/price"\n',
    );
  });
});
