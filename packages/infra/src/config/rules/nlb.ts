import { planVpc, RESERVED_LEADING_ADDRESSES, vpcFits } from '../addressing.js';
import { containsAddress, formatIpv4, lastAddress, parseCidr, parseIpv4 } from '../cidr.js';
import { defineRule, error } from './rule.js';

export const nlbRules = [
  // NLB IPs per AZ.
  defineRule(['nlb', 'cidrs', 'availabilityZones'], (config, report) => {
    const configured = config.nlb.privateIps;
    if (configured === undefined) return;
    if (configured.length !== config.availabilityZones.length) {
      report(
        error(
          'nlb.privateIps',
          configured,
          `has ${configured.length} address${configured.length === 1 ? '' : 'es'} for ${config.availabilityZones.length} AZs`,
          'give one address per AZ, in the order of availabilityZones, or remove nlb.privateIps to derive them',
        ),
      );
      return;
    }
    // A container VPC too small for its AZs has no plan; cidrRules reports that.
    if (!vpcFits(config.cidrs.container, config.availabilityZones.length)) return;
    const subnets = planVpc(config.cidrs.container, 'private', config.availabilityZones).tiers.private;
    configured.forEach((text, index) => {
      const subnet = subnets[index];
      if (subnet === undefined) return;
      const block = parseCidr(subnet.cidr);
      const address = parseIpv4(text);
      const range = `${formatIpv4(block.network + RESERVED_LEADING_ADDRESSES)} to ${formatIpv4(lastAddress(block) - 1)}`;
      if (!containsAddress(block, address)) {
        report(
          error(
            `nlb.privateIps[${index}]`,
            text,
            `is outside the container private subnet of ${subnet.availabilityZone} (${subnet.cidr})`,
            `use an address from ${range}`,
          ),
        );
      } else if (address < block.network + RESERVED_LEADING_ADDRESSES || address === lastAddress(block)) {
        // https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
        report(
          error(
            `nlb.privateIps[${index}]`,
            text,
            `is one of the five addresses AWS reserves in ${subnet.cidr} (the first four and the last)`,
            `use an address from ${range}`,
          ),
        );
      }
    });
  }),
];
