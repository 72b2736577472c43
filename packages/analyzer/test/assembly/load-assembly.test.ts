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
      reason: 'a plain template folder does not say which region a stack is deployed to',
    });
  });

  it('skips JSON files of a template folder that are not templates', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'tree.json'), '{"version":"tree-0.1"}');
    writeFileSync(join(directory, 'App.template.json'), '{"Resources":{}}');
    expect(loadAssembly(directory).stacks.map((stack) => stack.name)).toEqual(['App']);
  });

  it('rejects a folder that does not exist, naming it and the fix', () => {
    expect(() => loadAssembly('/nonexistent/cdk.out')).toThrow(
      new InputError(
        "Cannot read the assembly folder '/nonexistent/cdk.out': it does not exist or is not a folder. Pass the cdk.out folder of 'cdk synth', or a folder of CloudFormation JSON templates.",
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
        `^'${join(directory, 'App.template.json')}' is not valid JSON \\(.+\\)\\. Moat reads JSON templates only`,
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
