import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, loadAssembly, readParameterArguments } from '../../src/index.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'moat-parameters-'));

/** A folder with two stacks: `network` (Env with AllowedValues, Cidr with a Default) and `app` (Env). */
function twoStacks(): string {
  const directory = scratch();
  writeFileSync(
    join(directory, 'network.yaml'),
    [
      'Parameters:',
      '  Env: { Type: String, AllowedValues: [dev, prod] }',
      '  VpcCidr: { Type: String, Default: 10.0.0.0/16, AllowedPattern: "\\\\d+\\\\.\\\\d+\\\\.\\\\d+\\\\.\\\\d+/\\\\d+" }',
      '  Zones: { Type: CommaDelimitedList, AllowedValues: [eu-central-1a, eu-central-1b] }',
      'Resources:',
      '  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref VpcCidr } }',
    ].join('\n'),
  );
  writeFileSync(
    join(directory, 'app.yaml'),
    'Parameters:\n  Env: { Type: String }\nResources:\n  Topic: { Type: AWS::SNS::Topic }\n',
  );
  return directory;
}

function loadError(directory: string, args: readonly string[]): InputError {
  try {
    loadAssembly(directory, { parameters: readParameterArguments(args, directory) });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const valuesOf = (directory: string, args: readonly string[]) =>
  Object.fromEntries(
    loadAssembly(directory, { parameters: readParameterArguments(args, directory) }).stacks.map((stack) => [
      stack.name,
      stack.parameters,
    ]),
  );

describe('--parameters', () => {
  it('reads KEY=VALUE, STACK:KEY=VALUE and both JSON file forms, a later value winning', () => {
    const directory = scratch();
    writeFileSync(
      join(directory, 'cfn.json'),
      JSON.stringify([
        { ParameterKey: 'Env', ParameterValue: 'prod' },
        { ParameterKey: 'Port', ParameterValue: 443 },
      ]),
    );
    writeFileSync(join(directory, 'pipeline.json'), JSON.stringify({ Parameters: { Env: 'dev' }, Tags: {} }));
    expect(
      readParameterArguments(['Env=a=b', 'network:Env=dev', 'cfn.json', 'app:pipeline.json'], directory),
    ).toEqual([
      { key: 'Env', value: 'a=b', origin: '--parameters Env=a=b' },
      { stack: 'network', key: 'Env', value: 'dev', origin: '--parameters network:Env=dev' },
      { key: 'Env', value: 'prod', origin: join(directory, 'cfn.json') },
      { key: 'Port', value: '443', origin: join(directory, 'cfn.json') },
      { stack: 'app', key: 'Env', value: 'dev', origin: join(directory, 'pipeline.json') },
    ]);
  });

  it('rejects a file of another form, and a previous value only a deployed stack has', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'plain.json'), JSON.stringify({ Env: 'dev' }));
    writeFileSync(
      join(directory, 'previous.json'),
      JSON.stringify([{ ParameterKey: 'Env', UsePreviousValue: true }]),
    );
    expect(() => readParameterArguments(['plain.json'], directory)).toThrow(
      `The parameters file '${join(directory, 'plain.json')}' is neither a list of {ParameterKey, ParameterValue} nor an object with a "Parameters" object.`,
    );
    expect(() => readParameterArguments(['previous.json'], directory)).toThrow(
      /asks for the previous value of Env \(UsePreviousValue\), which only a deployed stack has/,
    );
    expect(() => readParameterArguments(['Env'], directory)).toThrow(
      /^--parameters "Env" is not one of the accepted forms: KEY=VALUE, STACK:KEY=VALUE, FILE\.json or STACK:FILE\.json/,
    );
  });

  it('gives a value without a stack to every stack that declares the key, and one with a stack to that stack', () => {
    const directory = twoStacks();
    expect(valuesOf(directory, ['Env=prod', 'app:Env=dev'])).toEqual({
      app: { Env: 'dev' },
      network: { Env: 'prod' },
    });
  });

  it('rejects a key the stack does not declare, naming its parameters and the likely one', () => {
    const directory = twoStacks();
    expect(loadError(directory, ['network:env=prod']).message).toBe(
      '--parameters network:env=prod: stack network has no parameter env (did you mean Env?). Its parameters are: Env, VpcCidr, Zones.',
    );
    expect(loadError(directory, ['Cidr=10.0.0.0/16']).message).toBe(
      '--parameters Cidr=10.0.0.0/16: no stack declares a parameter Cidr (did you mean VpcCidr?). The parameters are: app:Env, network:Env, network:VpcCidr, network:Zones.',
    );
    expect(loadError(directory, ['web:Env=dev']).message).toBe(
      "--parameters web:Env=dev: there is no stack 'web'. The stacks are: app, network.",
    );
  });

  it('checks AllowedValues and AllowedPattern, on each member of a list', () => {
    const directory = twoStacks();
    expect(loadError(directory, ['Env=test']).message).toBe(
      "--parameters Env=test: parameter Env of stack network rejects 'test' is not one of its AllowedValues (dev, prod); CloudFormation would refuse to create the stack. Give a value it accepts.",
    );
    expect(loadError(directory, ['VpcCidr=big']).message).toMatch(
      /rejects 'big' does not match its AllowedPattern/,
    );
    expect(loadError(directory, ['Zones=eu-central-1a, eu-west-1a']).message).toMatch(
      /rejects 'eu-west-1a' is not one of its AllowedValues \(eu-central-1a, eu-central-1b\)/,
    );
    expect(valuesOf(directory, ['Zones=eu-central-1a, eu-central-1b']).network).toEqual({
      Zones: 'eu-central-1a, eu-central-1b',
    });
  });
});
