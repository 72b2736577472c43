import { describe, expect, it } from 'vitest';
import { parseFlags } from '../src/args.js';

const specs = {
  assembly: { type: 'string', valueName: 'DIR', description: 'the assembly' },
  json: { type: 'boolean', description: 'JSON' },
} as const;

describe('parseFlags', () => {
  it('returns value flags as strings, switches as booleans, and absent flags as undefined or false', () => {
    expect(parseFlags(specs, ['--assembly', 'out/steps/7', '--json'])).toEqual({
      assembly: 'out/steps/7',
      json: true,
    });
    expect(parseFlags(specs, ['--assembly=cdk.out'])).toEqual({ assembly: 'cdk.out', json: false });
    expect(parseFlags(specs, [])).toEqual({ assembly: undefined, json: false });
  });

  it('reports --help and -h as help', () => {
    expect(parseFlags(specs, ['-h'])).toMatchObject({ help: true });
    expect(parseFlags(specs, ['--help'])).toMatchObject({ help: true });
  });

  it('rejects an unknown flag, naming it, the flag it is close to, and the flags that exist', () => {
    expect(() => parseFlags(specs, ['--asembly', 'x'])).toThrow(
      'unknown option "--asembly"; did you mean "--assembly"? choose one of --help, --assembly, --json',
    );
  });

  it('rejects an unknown flag that is close to none without a guess', () => {
    expect(() => parseFlags(specs, ['--region', 'x'])).toThrow(
      'unknown option "--region"; choose one of --help, --assembly, --json',
    );
  });

  it('rejects a value flag without a value', () => {
    expect(() => parseFlags(specs, ['--assembly'])).toThrow(
      '--assembly needs a value, as in "--assembly DIR"',
    );
    expect(() => parseFlags(specs, ['--assembly='])).toThrow(
      '--assembly needs a value, as in "--assembly DIR"',
    );
  });

  it('rejects a value flag followed by another flag instead of its value', () => {
    expect(() => parseFlags(specs, ['--assembly', '--json'])).toThrow(
      '--assembly needs a value, received the flag "--json"; write "--assembly DIR"',
    );
  });

  it('rejects a value given to a switch', () => {
    expect(() => parseFlags(specs, ['--json=yes'])).toThrow('--json takes no value, received "yes"');
  });

  it('rejects a positional argument', () => {
    expect(() => parseFlags(specs, ['out/steps/7'])).toThrow(
      'unexpected argument "out/steps/7"; flags start with "--" (--help, --assembly, --json)',
    );
  });

  it('rejects a value flag given twice', () => {
    expect(() => parseFlags(specs, ['--assembly', 'a', '--assembly', 'b'])).toThrow(
      '--assembly was given twice; give it once',
    );
  });

  it('collects a repeatable flag in order, and an absent one as an empty list', () => {
    const repeatable = {
      parameters: { type: 'string', repeatable: true, description: 'parameter values' },
    } as const;
    expect(parseFlags(repeatable, ['--parameters', 'A=1', '--parameters=net:B=2'])).toEqual({
      parameters: ['A=1', 'net:B=2'],
    });
    expect(parseFlags(repeatable, [])).toEqual({ parameters: [] });
  });
});

describe('parseFlags with a pair flag', () => {
  const pairSpecs = {
    diff: { type: 'pair', valueName: 'A B', description: 'two assemblies' },
    json: { type: 'boolean', description: 'JSON' },
  } as const;

  it('takes the two values after the flag, wherever the other flags are', () => {
    expect(parseFlags(pairSpecs, ['--diff', 'out/6', 'out/7', '--json'])).toEqual({
      diff: ['out/6', 'out/7'],
      json: true,
    });
    expect(parseFlags(pairSpecs, ['--json', '--diff', 'a', 'b'])).toEqual({ diff: ['a', 'b'], json: true });
  });

  it('rejects a pair flag with one value, before another flag or at the end', () => {
    expect(() => parseFlags(pairSpecs, ['--diff', 'a'])).toThrow(
      '--diff needs two values, as in "--diff A B"',
    );
    expect(() => parseFlags(pairSpecs, ['--diff', 'a', '--json'])).toThrow(
      '--diff needs two values, as in "--diff A B"',
    );
  });

  it('still rejects a third value as an unexpected argument', () => {
    expect(() => parseFlags(pairSpecs, ['--diff', 'a', 'b', 'c'])).toThrow('unexpected argument "c"');
  });
});

describe('parseFlags with positional arguments', () => {
  const positionalSpecs = {
    designs: { type: 'positionals', valueName: 'A.yaml B.yaml', description: 'configs' },
    step: { type: 'string', valueName: 'N', description: 'a step' },
  } as const;

  it('collects the arguments that are not flags in order, wherever the flags are', () => {
    expect(parseFlags(positionalSpecs, ['a.yaml', '--step', '7', 'b.yaml', 'c.yaml'])).toEqual({
      designs: ['a.yaml', 'b.yaml', 'c.yaml'],
      step: '7',
    });
    expect(parseFlags(positionalSpecs, [])).toEqual({ designs: [], step: undefined });
  });

  it('does not take the positionals spec as a flag', () => {
    expect(() => parseFlags(positionalSpecs, ['--designs', 'a.yaml'])).toThrow(
      'unknown option "--designs"; choose one of --help, --step',
    );
  });
});
