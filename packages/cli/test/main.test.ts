import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { captureIo } from './capture-io.js';

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('moat', () => {
  it('lists every command for --help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const name of ['plan', 'compare', 'steps', 'synth', 'verify', 'trace', 'cost', 'diagram']) {
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it('rejects no command with the help on stderr and exit 2', async () => {
    const { code, stdout, stderr } = await run();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: moat <command> [flags]');
  });

  it('rejects an unknown command, naming it and the commands that exist', async () => {
    const { code, stderr } = await run('deploy');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'moat: unknown command "deploy"; choose one of plan, compare, steps, synth, verify, trace, cost, confirm, diagram (moat --help)\n',
    );
  });

  it('suggests the command a typo was meant to be', async () => {
    expect(await run('verfy')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'moat: unknown command "verfy"; did you mean "verify"? choose one of plan, compare, steps, synth, verify, trace, cost, confirm, diagram (moat --help)\n',
    });
  });

  it('prints the version of the cli package for --version, -V and version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V', 'version']) {
      expect(await run(flag)).toEqual({ code: 0, stdout: `moat ${version}\n`, stderr: '' });
    }
  });

  it("documents trace's exit codes in its help", async () => {
    const { stdout } = await run('trace', '--help');
    expect(stdout).toContain(
      [
        'Exit codes:',
        '  0  the flow is ACCEPTED from every AZ its source spans',
        '  1  it is not accepted from at least one AZ: the trace names the hop and the setting that stopped it',
        '  2  bad usage or unreadable input: one line on stderr naming the value received and the fix',
      ].join('\n'),
    );
  });

  it("shows a command's flags for <command> --help", async () => {
    const { code, stdout } = await run('trace', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'moat trace --assembly DIR --from X --to Y [--port P] [--path /P] [--config F] [--region R] [--parameters PARAM]... [--json]',
    );
    expect(stdout).toContain(
      '--parameters PARAM  parameter values: KEY=VALUE, STACK:KEY=VALUE, or a CloudFormation parameters file (FILE.json, STACK:FILE.json) (repeatable)',
    );
    expect(stdout).toMatch(/^ {2}--port P +destination TCP port \(default 443\)$/m);
  });

  it('rejects an unknown flag with exit 2 and one line naming the flag, the one meant and the choices', async () => {
    const { code, stdout, stderr } = await run('verify', '--assembley', 'out/steps/7');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'moat verify: unknown option "--assembley"; did you mean "--assembly"? choose one of --help, --assembly, --region, --parameters, --config, --format, --json, --compact\n',
    );
  });

  it('rejects a missing --assembly, saying what to give', async () => {
    const { code, stderr } = await run('verify');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'moat verify: --assembly is required: give the folder of a synthesized cloud assembly, such as out/steps/7 (write one with "moat synth --step 7")\n',
    );
  });

  it('rejects an assembly folder that does not exist with the path and no stack trace', async () => {
    const { code, stderr } = await run('verify', '--assembly', '/nonexistent/cdk.out');
    expect(code).toBe(2);
    expect(stderr).toBe(
      "moat verify: Cannot read the assembly folder '/nonexistent/cdk.out': it does not exist or is not a folder. Pass the cdk.out folder of 'cdk synth', or a folder of CloudFormation templates (JSON or YAML).\n",
    );
  });

  it('rejects a step that does not exist, listing the choices', async () => {
    const { code, stderr } = await run('synth', '--step', '11');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^moat synth: --step received "11", but "11" is not a step; choose "all" or ids 1–10 or slugs \(local-container, public-ec2, .*split-accounts\), as in --step 2,5-7\n$/,
    );
  });

  it('rejects a step range that runs backwards, giving the range to write', async () => {
    expect(await run('plan', '--steps', '2,7-3')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'moat plan: --steps received the range "7-3", which runs backwards; write 3-7\n',
    });
  });
});
