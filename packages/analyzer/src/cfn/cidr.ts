import { formatIpv4, parseCidr } from '../model/ip.js';

/**
 * `Fn::Cidr [ipBlock, count, cidrBits]`: `count` consecutive blocks of `cidrBits` host bits (a /(32 - cidrBits)),
 * from the start of `ipBlock`; `count` is 1 to 256. `["192.168.0.0/24", 6, 5]` gives 192.168.0.0/27,
 * 192.168.0.32/27 … 192.168.0.160/27.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html
 * Returns the blocks, or why CloudFormation could not make them. IPv6 blocks are out of Moat's scope.
 */
export function cidrBlocks(ipBlock: string, count: number, cidrBits: number): readonly string[] | string {
  const block = parseCidr(ipBlock);
  if (block === undefined || !ipBlock.includes('/'))
    return `Fn::Cidr needs an IPv4 CIDR block, got '${ipBlock}'`;
  if (!Number.isInteger(count) || count < 1 || count > 256)
    return `Fn::Cidr count must be 1 to 256, got ${count}`;
  const prefixLength = 32 - cidrBits;
  if (!Number.isInteger(cidrBits) || prefixLength < block.prefixLength || prefixLength > 32)
    return `Fn::Cidr cannot cut /${prefixLength} blocks from ${ipBlock}`;
  const size = 2 ** cidrBits;
  if (count * size > block.last - block.first + 1)
    return `Fn::Cidr cannot cut ${count} /${prefixLength} blocks from ${ipBlock}`;
  return Array.from(
    { length: count },
    (_, index) => `${formatIpv4(block.first + index * size)}/${prefixLength}`,
  );
}
