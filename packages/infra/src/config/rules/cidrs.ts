import { smallestVpcPrefixFor } from '../addressing.js';
import { containsBlock, type Ipv4Block, overlaps, parseCidr } from '../cidr.js';
import type { MoatConfig } from '../schema.js';
import { defineRule, error } from './rule.js';

/**
 * ALB IP targets outside the ALB's VPC must be in RFC 1918 or RFC 6598 space, and the ingress ALB reaches
 * the container VPC's NLB that way:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type
 */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(parseCidr);

/** A VPC's primary block is between /16 and /28: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html */
const LARGEST_VPC_PREFIX = 16;

type VpcName = keyof MoatConfig['cidrs'];
const VPC_NAMES: readonly VpcName[] = ['container', 'ingress', 'egress'];

export const cidrRules = [
  // VPC size.
  defineRule(['cidrs', 'availabilityZones'], ({ cidrs, availabilityZones }, report) => {
    const smallest = smallestVpcPrefixFor(availabilityZones.length);
    for (const name of VPC_NAMES) {
      const { prefixLength } = parseCidr(cidrs[name]);
      if (prefixLength < LARGEST_VPC_PREFIX) {
        report(
          error(
            `cidrs.${name}`,
            cidrs[name],
            `is larger than a /${LARGEST_VPC_PREFIX}, the largest block AWS allows for a VPC`,
            `use a /${LARGEST_VPC_PREFIX} to /${smallest}`,
          ),
        );
      } else if (prefixLength > smallest) {
        report(
          error(
            `cidrs.${name}`,
            cidrs[name],
            `is too small for ${availabilityZones.length} AZs: each public subnet must be a /27 or larger to hold an ALB`,
            `use a /${smallest} or larger`,
          ),
        );
      }
    }
  }),

  // Container CIDR is private.
  defineRule(['cidrs'], ({ cidrs }, report) => {
    const block = parseCidr(cidrs.container);
    if (!PRIVATE_RANGES.some((range) => containsBlock(range, block))) {
      report(
        error(
          'cidrs.container',
          cidrs.container,
          'is not private address space: the ingress ALB reaches the NLB by IP, which AWS allows only for RFC 1918 or RFC 6598 addresses',
          'use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10',
        ),
      );
    }
  }),

  // VPC CIDRs do not overlap.
  defineRule(['cidrs'], ({ cidrs }, report) => {
    const blocks = VPC_NAMES.map((name): [VpcName, Ipv4Block] => [name, parseCidr(cidrs[name])]);
    blocks.forEach(([name, block], index) => {
      for (const [other, otherBlock] of blocks.slice(index + 1)) {
        if (overlaps(block, otherBlock)) {
          report(
            error(
              `cidrs.${other}`,
              cidrs[other],
              `overlaps cidrs.${name} (${cidrs[name]}): the Transit Gateway cannot route between overlapping VPCs`,
              `choose blocks that do not overlap, such as the defaults 10.0.0.0/16, 10.1.0.0/16 and 10.2.0.0/16`,
            ),
          );
        }
      }
    });
  }),
];
