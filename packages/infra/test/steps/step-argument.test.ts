import { describe, expect, it } from 'vitest';
import { findStep, steps } from '../../src/steps/catalog.js';
import { deployableStep } from '../../src/steps/step-argument.js';
import { UserInputError } from '../../src/user-input-error.js';

describe('the step catalog', () => {
  it('lists steps 1 to 10 in order with the slugs of the spec', () => {
    expect(steps.map((step) => `${step.id} ${step.slug}`)).toEqual([
      '1 local-container',
      '2 public-ec2',
      '3 alb-nat',
      '4 ecs-fargate',
      '5 internal-nlb',
      '6 transit-gateway',
      '7 network-firewall',
      '8 api-gateway',
      '9 waf',
      '10 split-accounts',
    ]);
  });

  it('finds a step by number, numeric string or slug, whatever the case and surrounding spaces', () => {
    expect(findStep(7)?.slug).toBe('network-firewall');
    expect(findStep(' 10 ')?.slug).toBe('split-accounts');
    expect(findStep('WAF')?.id).toBe(9);
    expect(findStep('11')).toBeUndefined();
  });
});

describe('deployableStep', () => {
  it('accepts an id or a slug from -c step=', () => {
    expect(deployableStep('6').slug).toBe('transit-gateway');
    expect(deployableStep('alb-nat').id).toBe(3);
  });

  it('rejects a missing step with the way to pass one', () => {
    expect(() => deployableStep(undefined)).toThrow(
      new UserInputError(
        'No step given. Pass one with -c step=N, for example: npx cdk synth -c step=7. Steps: 2 (public-ec2), 3 (alb-nat), 4 (ecs-fargate), 5 (internal-nlb), 6 (transit-gateway), 7 (network-firewall), 8 (api-gateway), 9 (waf), 10 (split-accounts).',
      ),
    );
  });

  it('rejects an unknown step naming the value received', () => {
    expect(() => deployableStep('12')).toThrow(
      /^Unknown step "12"\. Use an id from 2 to 10 or a slug: 2 \(public-ec2\)/,
    );
  });

  it('rejects step 1, which has no stacks, pointing to docker run', () => {
    expect(() => deployableStep('local-container')).toThrow(
      /^Step 1 \(local-container\) has no AWS stacks: run the image locally with docker run -p 80:8080 <image>\./,
    );
  });
});
