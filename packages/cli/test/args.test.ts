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
});
