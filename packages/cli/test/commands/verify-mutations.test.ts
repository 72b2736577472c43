import { rm } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import * as m from '../../../analyzer/test/mutations/mutations.js';
import type { Templates } from '../../../analyzer/test/mutations/support/template-edits.js';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';
import { mutatedAssembly } from './support/mutated-assembly.js';

/** `moat verify` on a copy of `assembly` broken by `mutation`. */
async function verifyMutated(assembly: string, mutation: (templates: Templates) => void, ...argv: string[]) {
  const io = captureIo();
  const copy = await mutatedAssembly(assembly, mutation);
  try {
    const code = await runCli(['verify', '--assembly', copy, ...argv], io);
    return { code, stdout: io.out() };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** The task group no longer lets UDP 53 out to the resolver the firewall passes. */
const dropResolverEgress = (t: Templates): void => {
  const group = t.find('PriceServiceTaskSecurityGroup', 'AWS::EC2::SecurityGroup').resource.Properties;
  const egress = group.SecurityGroupEgress;
  if (!Array.isArray(egress)) throw new Error('the task group has no inline egress');
  group.SecurityGroupEgress = egress.filter(
    (rule) =>
      !(typeof rule === 'object' && rule !== null && !Array.isArray(rule) && rule.CidrIp === '1.1.1.1/32'),
  );
};

describe('moat verify on the defects of issue 10, applied to the synthesized steps', () => {
  it('fails the API flow when the ALB no longer strips the stage, with the path the service receives', async () => {
    const { code, stdout } = await verifyMutated(
      inject('step8Assembly'),
      m.removeStageStripTransform,
      '--config',
      inject('defaultConfig'),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^ {2}✗ {2}ingress +internet → Api stage prod:443\/tcp GET \/prod\/price +NOT_SERVED, expected ACCEPTED$/m,
    );
    expect(stdout).toContain(
      '\n     reason: the service receives /prod/price, which is not one of its routes /price, /healthz, /readyz, /metrics\n',
    );
    expect(stdout).toMatch(/Result: 1 flow not as expected, 0 invariant errors, 0 AZ losses not survived\n$/);
  });

  it('fails a route that picks the firewall endpoint by its position in EndpointIds, with the fix', async () => {
    const { code, stdout } = await verifyMutated(inject('step7Assembly'), m.pickFirewallEndpointByPosition);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^ {2}✗ {2}NET026 {2}error {2}EgressVpc\/TransitSubnet1\/DefaultRoute: the route 0\.0\.0\.0\/0 in route table MoatNetwork\/EgressVpcTransitSubnet1RouteTable\w+ takes EgressFirewall\w+'s endpoint by its position in EndpointIds, whose order AWS does not document; it is eu-central-1a's endpoint only if the list follows the subnet mappings\. Pick it by its AZ: Fn::Select \[0, Fn::Split \[",", Fn::Select \[1, Fn::Split \[",eu-central-1a:", Fn::Join \["", \[",", Fn::Join \[",", Fn::GetAtt \[EgressFirewall\w+, EndpointIds\]\]\]\]\]\]\]\]\.$/m,
    );
    expect(stdout).toMatch(/Result: 0 flows not as expected, 1 invariant error, 0 AZ losses not survived\n$/);
  });

  it("fails the NLB's security group once EC2's default allow-all egress is back", async () => {
    const { code, stdout } = await verifyMutated(inject('step7Assembly'), m.restoreDefaultEgressOnNlbGroup);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^ {2}✗ {2}NET027 {2}error {2}InternalNlb: MoatWorkload\/InternalNlbSecurityGroup\w+, the security group of InternalNlbLoadBalancer\w+, allows all traffic to 0\.0\.0\.0\/0 \(EC2's default rule: the group declares no egress of its own\); a load balancer needs no egress to the world\. Restrict its egress to what its flows use\.$/m,
    );
  });

  it('checks the IP rules of the config at the firewall, and ends the PASS flow at the task group without its UDP 53 rule', async () => {
    const config = inject('ipRulesConfig');
    const intact = await verifyMutated(inject('step7IpRulesAssembly'), () => {}, '--config', config);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(
      /^ {2}✓ {2}ip-rule PASS 1\.1\.1\.1\/32 53\/udp +PriceService → 1\.1\.1\.1:53\/udp +ACCEPTED$/m,
    );
    expect(intact.stdout).toMatch(
      /^ {2}✓ {2}ip-rule DROP 8\.8\.8\.8\/32 53\/udp +PriceService → 8\.8\.8\.8:53\/udp +DROPPED_BY_FIREWALL$/m,
    );
    const broken = await verifyMutated(
      inject('step7IpRulesAssembly'),
      dropResolverEgress,
      '--config',
      config,
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /^ {2}✗ {2}ip-rule PASS 1\.1\.1\.1\/32 53\/udp +PriceService → 1\.1\.1\.1:53\/udp +DENIED_BY_SECURITY_GROUP, expected ACCEPTED$/m,
    );
    expect(broken.stdout).toMatch(
      /^ {5}reason: security group PriceServiceTaskSecurityGroup\w+ of PriceService\w+ allows no egress udp\/53 to 1\.1\.1\.1$/m,
    );
  });

  it('passes step 10, and makes its flows UNKNOWN once the workload subnets are placed by AZ name, naming the subnets', async () => {
    const intact = await verifyMutated(inject('step10Assembly'), () => {});
    expect(intact.code).toBe(0);
    const { code, stdout } = await verifyMutated(inject('step10Assembly'), m.placeWorkloadSubnetsByName);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^ {2}✗ {2}egress-allowed +PriceService → api\.binance\.com:443\/tcp +UNKNOWN, expected ACCEPTED$/m,
    );
    expect(stdout).toMatch(
      /^ {5}reason: whether the transit gateway delivers to HubEgressAttachment\w+ in the AZ the packet entered by is unknown: ContainerAttachment's ENI in ContainerVpcTransitSubnet1Subnet\w+ is in the AZ name eu-central-1a of account 222222222222 and its ENI in EgressVpcTransitSubnet1Subnet\w+ in the AZ name eu-central-1a of account 111111111111, which do not compare: AZ names are mapped to physical zones per account, AZ IDs are the same everywhere \(https:\/\/docs\.aws\.amazon\.com\/global-infrastructure\/latest\/regions\/az-ids\.html\); place the subnets by AvailabilityZoneId$/m,
    );
  });

  it('fails an ECS service that no longer waits for the VPC endpoints its tasks start with', async () => {
    const { code, stdout } = await verifyMutated(inject('step7Assembly'), m.startServiceBeforeEndpoints);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^ {2}✗ {2}NET028 {2}error {2}PriceService: the service can start its tasks before EndpointsEcrApi\w+ \(ecr\.api\), EndpointsEcrDocker\w+ \(ecr\.dkr\), EndpointsLogs\w+ \(logs\), EndpointsS3\w+ \(s3\) exist: .* Add DependsOn: \[EndpointsEcrApi\w+, EndpointsEcrDocker\w+, EndpointsLogs\w+, EndpointsS3\w+\]\.$/m,
    );
  });
});
