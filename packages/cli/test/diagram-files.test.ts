import { join } from 'node:path';
import { expect, it } from 'vitest';
import { assemblyTitle, stepTitle } from '../src/diagram-files.js';

it("titles a step's assembly, where moat synth and moat plan put it, with the step's name", () => {
  expect(stepTitle({ id: 9, slug: 'waf' })).toBe('Step 9 · waf');
  expect(assemblyTitle('out/steps/9')).toBe('Step 9 · waf');
  expect(assemblyTitle(`${join('/tmp', 'x', 'steps', '10')}/`)).toBe('Step 10 · split-accounts');
});

it('titles any other assembly with the folder as the user named it', () => {
  expect(assemblyTitle('cdk.out')).toBe('cdk.out');
  expect(assemblyTitle('out/steps/11')).toBe('out/steps/11');
  expect(assemblyTitle('out/steps/waf')).toBe('out/steps/waf');
  expect(assemblyTitle('builds/9')).toBe('builds/9');
});
