import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmptyAssemblyError, InputError, loadAssembly } from '../../src/index.js';
import { fixture } from '../trace/read-hops.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'moat-assembly-'));

describe('loadAssembly', () => {
  it('reads the stacks of nested cloud assemblies with their accounts and regions', () => {
    const assembly = loadAssembly(fixture('cross-stack'));
    expect(
      assembly.stacks.map((stack) => [stack.name, stack.stackName, stack.account, stack.region]),
    ).toEqual([
      [
        'assembly-Prod/ProdNetwork',
        'ProdNetwork',
        { known: true, value: '111111111111' },
        { known: true, value: 'eu-central-1' },
      ],
      [
        'assembly-Prod/ProdWorkload',
        'ProdWorkload',
        { known: true, value: '222222222222' },
        { known: true, value: 'eu-central-1' },
      ],
    ]);
  });

  it('reads a plain folder of templates, named after their files, with unknown environments', () => {
    const assembly = loadAssembly(fixture('nat-egress'));
    expect(assembly.stacks.map((stack) => stack.name)).toEqual(['Network']);
    expect(assembly.stacks[0]?.region).toEqual({
      known: false,
      reason:
        'a plain template folder does not say which region a stack is deployed to (give it with --region)',
    });
  });

  it('skips JSON files of a template folder that are not templates', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'tree.json'), '{"version":"tree-0.1"}');
    writeFileSync(join(directory, 'App.template.json'), '{"Resources":{}}');
    expect(loadAssembly(directory).stacks.map((stack) => stack.name)).toEqual(['App']);
  });

  it('reads *.yaml, *.yml, *.template and *.json templates of a folder, and gives them the --region', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'a.yaml'), 'Resources:\n  Topic: { Type: AWS::SNS::Topic }\n');
    writeFileSync(
      join(directory, 'b.yml'),
      'Resources:\n  Topic: !If [Never, { Type: AWS::SNS::Topic }, !Ref AWS::NoValue]\n',
    );
    writeFileSync(join(directory, 'c.template'), '{"Resources":{}}');
    writeFileSync(join(directory, 'd.template'), 'Resources: {}\n');
    writeFileSync(join(directory, 'buildspec.yml'), 'version: 0.2\n');
    const assembly = loadAssembly(directory, { region: 'eu-west-1' });
    expect(assembly.stacks.map((stack) => [stack.name, stack.region])).toEqual([
      ['a', { known: true, value: 'eu-west-1' }],
      ['b', { known: true, value: 'eu-west-1' }],
      ['c', { known: true, value: 'eu-west-1' }],
      ['d', { known: true, value: 'eu-west-1' }],
    ]);
  });

  it('keeps the region a manifest names, and fills in --region for an environment-agnostic stack', () => {
    expect(loadAssembly(fixture('cross-stack'), { region: 'us-east-1' }).stacks[0]?.region).toEqual({
      known: true,
      value: 'eu-central-1',
    });
  });

  it('rejects a --region that is not a region name, and two files that would be one stack', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'app.yaml'), 'Resources: {}\n');
    expect(() => loadAssembly(directory, { region: 'Frankfurt' })).toThrow(
      '--region "Frankfurt" is not an AWS Region name; give one such as eu-central-1 or us-east-1.',
    );
    writeFileSync(join(directory, 'app.template.json'), '{"Resources":{}}');
    expect(() => loadAssembly(directory)).toThrow(
      `'${join(directory, 'app.yaml')}' and '${join(directory, 'app.template.json')}' would both be stack 'app'; keep one of them in the folder.`,
    );
  });

  it('rejects a folder that does not exist, naming it and the fix', () => {
    expect(() => loadAssembly('/nonexistent/cdk.out')).toThrow(
      new InputError(
        "Cannot read the assembly folder '/nonexistent/cdk.out': it does not exist or is not a folder. Pass the cdk.out folder of 'cdk synth', or a folder of CloudFormation templates (JSON or YAML).",
        '/nonexistent/cdk.out',
      ),
    );
  });

  it('rejects a folder without any stack', () => {
    const directory = scratch();
    expect(() => loadAssembly(directory)).toThrow(/holds no CloudFormation stack/);
  });

  it('rejects a cloud assembly whose app defines no stack as an EmptyAssemblyError that says so', () => {
    const directory = scratch();
    writeFileSync(
      join(directory, 'manifest.json'),
      JSON.stringify({
        version: '55.0.0',
        artifacts: { Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } } },
      }),
    );
    expect(() => loadAssembly(directory)).toThrow(
      new EmptyAssemblyError(
        `'${directory}' is a cloud assembly without stacks: its CDK app defines no CloudFormation stack, so there is no network to analyze.`,
        directory,
      ),
    );
  });

  it('rejects a manifest whose template is not valid JSON, naming the file', () => {
    const directory = scratch();
    writeFileSync(
      join(directory, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } },
        },
      }),
    );
    writeFileSync(join(directory, 'App.template.json'), '{ not json');
    let error: unknown;
    try {
      loadAssembly(directory);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).path).toBe(join(directory, 'App.template.json'));
    expect((error as InputError).message).toMatch(
      new RegExp(
        `^'${join(directory, 'App.template.json')}' is not valid JSON \\(.+\\)\\. Fix the file, or re-run 'cdk synth'`,
      ),
    );
  });

  it('rejects a manifest without artifacts', () => {
    const directory = scratch();
    mkdirSync(join(directory, 'sub'));
    writeFileSync(join(directory, 'manifest.json'), '{"version":"48.0.0"}');
    expect(() => loadAssembly(directory)).toThrow(
      `'${join(directory, 'manifest.json')}' has no 'artifacts' object, so it is not a CDK cloud assembly manifest. Re-run 'cdk synth'.`,
    );
  });
});
