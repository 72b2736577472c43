import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

/** The analyzer's YAML fixture: a web server whose default route exists only when WithInternet is 'true'. */
const templates = fileURLToPath(new URL('../../../analyzer/test/fixtures/yaml-conditions', import.meta.url));

async function trace(...flags: string[]) {
  const io = captureIo();
  const code = await runCli(
    ['trace', '--assembly', templates, '--from', 'Web', '--to', 'checkip.amazonaws.com', '--json', ...flags],
    io,
  );
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('--region and --parameters', () => {
  it('trace a YAML template with the parameter values and region given', async () => {
    const { code, stdout } = await trace('--region', 'eu-central-1', '--parameters', 'WithInternet=true');
    expect(code).toBe(0);
    const [only] = (JSON.parse(stdout) as { traces: { disposition: string; availabilityZone: string }[] })
      .traces;
    expect(only).toMatchObject({ disposition: 'ACCEPTED', availabilityZone: 'eu-central-1a' });
  });

  it('let a later --parameters value win over an earlier one', async () => {
    const { code, stdout } = await trace(
      '--parameters',
      'WithInternet=true',
      '--parameters',
      'web:WithInternet=false',
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout).traces[0].disposition).toBe('NO_ROUTE');
  });

  it('reject a parameter the stacks do not declare, with exit code 2 and the parameters they have', async () => {
    const { code, stderr } = await trace('--parameters', 'Internet=true');
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--parameters Internet=true: no stack declares a parameter Internet (did you mean WithInternet?). The parameters are: web:VpcCidr, web:WithInternet.',
    );
  });
});

describe('moat verify on a plain template without a config', () => {
  const shop = fileURLToPath(new URL('../../../analyzer/test/fixtures/derived-flows', import.meta.url));

  it("checks the flows its own resources declare, not Moat's service", async () => {
    const io = captureIo();
    const code = await runCli(['verify', '--assembly', shop, '--region', 'eu-west-1', '--json'], io);
    const document = JSON.parse(io.out()) as {
      flows: { expectation: { name: string; flow: { to: { hostname?: string } } }; holds: boolean }[];
    };
    expect(code).toBe(1);
    expect(document.flows.map((result) => result.expectation.name)).toEqual([
      'ingress',
      'egress-allowed',
      'aws-services',
      'aws-services',
      'aws-services',
      'aws-services',
      'direct-to-task',
      'ingress',
      'egress-allowed',
      'direct-to-task',
    ]);
    expect(document.flows.every((result) => result.holds)).toBe(true);
    expect(document.flows[1]?.expectation.flow.to.hostname).toBe('checkip.amazonaws.com');
  });
});
