import { describe, expect, it } from 'vitest';
import { planAddresses, smallestVpcPrefixFor } from '../../src/config/addressing.js';
import { type MoatConfig, validateConfig } from '../../src/config/index.js';

function withDefaults(input: object): MoatConfig {
  const result = validateConfig(input);
  if (!result.ok) throw new Error(`${JSON.stringify(input)} does not validate`);
  return result.config;
}

describe('planAddresses', () => {
  it('splits a /16 into a /18 private, a /19 public and a /28 transit subnet per AZ', () => {
    const plan = planAddresses(withDefaults({}));
    expect(plan.container).toEqual({
      cidr: '10.0.0.0/16',
      tiers: {
        private: [
          { availabilityZone: 'eu-central-1a', cidr: '10.0.0.0/18' },
          { availabilityZone: 'eu-central-1b', cidr: '10.0.64.0/18' },
        ],
        public: [
          { availabilityZone: 'eu-central-1a', cidr: '10.0.128.0/19' },
          { availabilityZone: 'eu-central-1b', cidr: '10.0.160.0/19' },
        ],
        transit: [
          { availabilityZone: 'eu-central-1a', cidr: '10.0.192.0/28' },
          { availabilityZone: 'eu-central-1b', cidr: '10.0.192.16/28' },
        ],
      },
    });
  });

  it('names the egress inner tier "firewall" and plans ingress like the container VPC', () => {
    const plan = planAddresses(withDefaults({}));
    expect(plan.egress.tiers.firewall.map((s) => s.cidr)).toEqual(['10.2.0.0/18', '10.2.64.0/18']);
    expect(plan.egress.tiers.public.map((s) => s.cidr)).toEqual(['10.2.128.0/19', '10.2.160.0/19']);
    expect(plan.ingress.tiers.private.map((s) => s.cidr)).toEqual(['10.1.0.0/18', '10.1.64.0/18']);
  });

  it('keeps a power-of-two slot per AZ, so 3 AZs in a /24 give /27 public subnets', () => {
    const plan = planAddresses(
      withDefaults({
        availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
        cidrs: { container: '10.0.0.0/23', ingress: '10.0.2.0/23', egress: '10.0.4.0/23' },
      }),
    );
    expect(plan.container.tiers.private.map((s) => s.cidr)).toEqual([
      '10.0.0.0/26',
      '10.0.0.64/26',
      '10.0.0.128/26',
    ]);
    expect(plan.container.tiers.public.map((s) => s.cidr)).toEqual([
      '10.0.1.0/27',
      '10.0.1.32/27',
      '10.0.1.64/27',
    ]);
    expect(plan.container.tiers.transit.map((s) => s.cidr)).toEqual([
      '10.0.1.128/28',
      '10.0.1.144/28',
      '10.0.1.160/28',
    ]);
  });

  it('derives the NLB IPs as the 10th host of each container private subnet', () => {
    expect(planAddresses(withDefaults({})).nlbPrivateIps).toEqual([
      { availabilityZone: 'eu-central-1a', address: '10.0.0.10' },
      { availabilityZone: 'eu-central-1b', address: '10.0.64.10' },
    ]);
  });

  it('uses the configured NLB IPs in AZ order', () => {
    const plan = planAddresses(withDefaults({ nlb: { privateIps: ['10.0.0.100', '10.0.64.100'] } }));
    expect(plan.nlbPrivateIps).toEqual([
      { availabilityZone: 'eu-central-1a', address: '10.0.0.100' },
      { availabilityZone: 'eu-central-1b', address: '10.0.64.100' },
    ]);
  });

  it('needs a /24 for 2 AZs and a /23 for 3 or 4 AZs so every public subnet fits an ALB', () => {
    expect([1, 2, 3, 4, 5].map(smallestVpcPrefixFor)).toEqual([25, 24, 23, 23, 22]);
  });

  it('fails on a VPC too small for its AZs', () => {
    // validateConfig refuses it first; planAddresses still guards itself.
    const config: MoatConfig = {
      ...withDefaults({}),
      cidrs: { container: '10.0.0.0/25', ingress: '10.1.0.0/16', egress: '10.2.0.0/16' },
    };
    expect(() => planAddresses(config)).toThrow('10.0.0.0/25 is too small for 2 AZs: use /24 or larger');
  });
});
