import { describe, expect, it } from 'vitest';
import {
  type ConfigIssue,
  defaultConfig,
  formatIssues,
  type MoatConfig,
  validateConfig,
} from '../../src/config/index.js';
import { egressZones } from '../../src/config/profile.js';

const CERTIFICATE_ID = '12345678-1234-1234-1234-123456789012';

/** The issues of a config that must fail. */
function issuesOf(input: unknown): readonly ConfigIssue[] {
  const result = validateConfig(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.issues;
}

/** A config that must validate, with its defaults applied. */
function configOf(input: unknown): MoatConfig {
  const result = validateConfig(input);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(input)} to validate: ${formatIssues(result.issues)}`);
  return result.config;
}

const error = (path: string, received: unknown, problem: string, fix: string): ConfigIssue => ({
  path,
  received,
  problem,
  fix,
  severity: 'error',
});

describe('validateConfig', () => {
  it('accepts an empty config as the embedded default with no warnings', () => {
    expect(validateConfig({})).toEqual({ ok: true, config: defaultConfig, warnings: [] });
    expect(validateConfig(null)).toEqual({ ok: true, config: defaultConfig, warnings: [] });
  });

  it('rejects overlapping CIDRs, a public container CIDR and a single AZ with one message naming all three', () => {
    const issues = issuesOf({
      availabilityZones: ['eu-central-1a'],
      cidrs: { container: '8.8.0.0/16', ingress: '10.1.0.0/16', egress: '10.1.128.0/17' },
    });
    expect(formatIssues(issues)).toBe(
      [
        'moat.config.yaml: 3 problems',
        '  - availabilityZones: received ["eu-central-1a"] — lists 1 AZ, but an ALB and the highly available design need at least 2. Fix: list at least two AZs of the region, such as ["eu-central-1a", "eu-central-1b"].',
        '  - cidrs.container: received "8.8.0.0/16" — is not private address space: the ingress ALB reaches the NLB by IP, which AWS allows only for RFC 1918 or RFC 6598 addresses. Fix: use a block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10.',
        '  - cidrs.egress: received "10.1.128.0/17" — overlaps cidrs.ingress (10.1.0.0/16): the Transit Gateway cannot route between overlapping VPCs. Fix: choose blocks that do not overlap, such as the defaults 10.0.0.0/16, 10.1.0.0/16 and 10.2.0.0/16.',
      ].join('\n'),
    );
  });

  it('runs the semantic rules of the sections that parsed when another section fails', () => {
    expect(
      issuesOf({
        accounts: { networking: '123' },
        cidrs: { container: '10.0.0.0/16', ingress: '10.0.0.0/16' },
      }),
    ).toEqual([
      error(
        'accounts.networking',
        '123',
        'is not in the expected format',
        'an AWS account id is exactly 12 digits: use one such as "111111111111"',
      ),
      error(
        'cidrs.ingress',
        '10.0.0.0/16',
        'overlaps cidrs.container (10.0.0.0/16): the Transit Gateway cannot route between overlapping VPCs',
        'choose blocks that do not overlap, such as the defaults 10.0.0.0/16, 10.1.0.0/16 and 10.2.0.0/16',
      ),
    ]);
  });

  describe('schema rules', () => {
    it('rejects a config that is not a mapping', () => {
      expect(issuesOf(['region: eu-central-1'])).toEqual([
        error(
          '(top level)',
          ['region: eu-central-1'],
          'is not a mapping of keys to values',
          'write the config as keys and values, such as "region: eu-central-1"',
        ),
      ]);
    });

    it('rejects an unknown top-level key and suggests the close one', () => {
      expect(issuesOf({ servce: {} })).toEqual([
        error(
          'servce',
          {},
          '"servce" is not a known key here',
          'did you mean "service"? The known keys are accounts, region, availabilityZones, cidrs, nlb, profile, egress, api, waf, service, management, logRetentionDays, flows, acknowledge, cost',
        ),
      ]);
    });

    it('rejects an unknown nested key and suggests the close one', () => {
      expect(issuesOf({ service: { cpus: 512 } })).toEqual([
        error(
          'service.cpus',
          512,
          '"cpus" is not a known key here',
          'did you mean "cpu"? The known keys are desiredCount, maxCount, cpu, memoryMiB, image, routes',
        ),
      ]);
    });

    it('rejects an unknown key inside a list item without a suggestion when none is close', () => {
      expect(issuesOf({ egress: { domains: [{ domain: 'api.binance.com', colour: 'red' }] } })).toEqual([
        error(
          'egress.domains[0].colour',
          'red',
          '"colour" is not a known key here',
          'remove it; the known keys are domain, port, action',
        ),
      ]);
    });

    it('rejects an account id that is not 12 digits', () => {
      expect(issuesOf({ accounts: { workload: '12345' } })).toEqual([
        error(
          'accounts.workload',
          '12345',
          'is not in the expected format',
          'an AWS account id is exactly 12 digits: use one such as "111111111111"',
        ),
      ]);
    });

    it('rejects an unquoted account id and asks for quotes', () => {
      expect(issuesOf({ accounts: { workload: 222222222222 } })).toEqual([
        error(
          'accounts.workload',
          222222222222,
          'is not a string',
          'quote the account id, as in "111111111111", so YAML keeps it text',
        ),
      ]);
    });

    it('rejects a CIDR that is not one', () => {
      expect(issuesOf({ cidrs: { egress: '10.2.0.0' } })).toEqual([
        error(
          'cidrs.egress',
          '10.2.0.0',
          'is not an IPv4 CIDR block',
          'use an IPv4 CIDR block such as "10.0.0.0/16"',
        ),
      ]);
      expect(issuesOf({ cidrs: { egress: 'x' } })).toEqual([
        error(
          'cidrs.egress',
          'x',
          'is not an IPv4 CIDR block',
          'use an IPv4 CIDR block such as "10.0.0.0/16"',
        ),
      ]);
    });

    it('rejects a CIDR with host bits set and names the block it would become', () => {
      expect(issuesOf({ management: { sshCidr: '203.0.113.7/24' } })).toEqual([
        error(
          'management.sshCidr',
          '203.0.113.7/24',
          'has host bits set',
          'write the block as "203.0.113.0/24", or fix the prefix length',
        ),
      ]);
    });

    it('rejects a domain that is not a lower-case DNS name', () => {
      expect(issuesOf({ egress: { domains: [{ domain: 'API.binance.com' }] } })).toEqual([
        error(
          'egress.domains[0].domain',
          'API.binance.com',
          'is not in the expected format',
          'use a lower-case DNS name such as "api.binance.com" (a leading "*." matches the domain and its subdomains)',
        ),
      ]);
    });

    it('rejects ports outside 1 to 65535 and a missing action', () => {
      expect(issuesOf({ egress: { ipRules: [{ destination: '1.1.1.1/32', port: 65536 }] } })).toEqual([
        error('egress.ipRules[0].port', 65536, 'is too large', 'use 65535 or less'),
        error('egress.ipRules[0].action', undefined, 'is not an allowed value', 'use one of "PASS", "DROP"'),
      ]);
      expect(issuesOf({ egress: { domains: [{ domain: 'api.binance.com', port: 0 }] } })).toEqual([
        error('egress.domains[0].port', 0, 'is too small', 'use 1 or more'),
      ]);
    });

    it('rejects a CPU size Fargate does not offer', () => {
      expect(issuesOf({ service: { cpu: 300 } })).toEqual([
        error(
          'service.cpu',
          300,
          'is not an allowed value',
          'use one of 256, 512, 1024, 2048, 4096, 8192, 16384',
        ),
      ]);
    });

    it('rejects an unknown image source', () => {
      expect(issuesOf({ service: { image: { source: 'dockerhub' } } })).toEqual([
        error(
          'service.image.source',
          'dockerhub',
          'matches none of the allowed forms',
          'set source to one of "asset", "ecr"',
        ),
      ]);
    });

    it('rejects an ECR image without a tag', () => {
      expect(issuesOf({ service: { image: { source: 'ecr' } } })).toEqual([
        error('service.image.tag', undefined, 'is required', 'use a string'),
      ]);
    });
  });

  describe('availability zones', () => {
    it('rejects an AZ of another region', () => {
      expect(issuesOf({ availabilityZones: ['eu-central-1a', 'eu-west-1b'] })).toEqual([
        error(
          'availabilityZones[1]',
          'eu-west-1b',
          'is not in the region eu-central-1',
          'use an AZ of eu-central-1, such as "eu-central-1a", or change region',
        ),
      ]);
    });

    it('rejects an AZ listed twice', () => {
      expect(issuesOf({ availabilityZones: ['eu-central-1a', 'eu-central-1a'] })).toEqual([
        error('availabilityZones[1]', 'eu-central-1a', 'repeats an AZ listed before', 'list each AZ once'),
      ]);
    });

    it("takes the region's two default AZs when the config sets only the region", () => {
      const result = validateConfig({ region: 'eu-west-2' });
      expect(result.ok && result.config.availabilityZones).toEqual(['eu-west-2a', 'eu-west-2b']);
      const frankfurt = validateConfig({});
      expect(frankfurt.ok && frankfurt.config.availabilityZones).toEqual(['eu-central-1a', 'eu-central-1b']);
    });

    it('rejects a region without default AZs when the config lists none, and says how to list them', () => {
      expect(issuesOf({ region: 'ap-northeast-1' })).toEqual([
        error(
          'availabilityZones',
          undefined,
          "has no default in ap-northeast-1: Moat's table of default AZs covers ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-2",
          'list two AZ names of the networking account in ap-northeast-1, which "aws ec2 describe-availability-zones --region ap-northeast-1 --query AvailabilityZones[].ZoneName" prints',
        ),
      ]);
      expect(
        validateConfig({
          region: 'ap-northeast-1',
          availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
        }).ok,
      ).toBe(true);
    });

    it("rejects an AZ ID and says to list the networking account's name for it", () => {
      expect(issuesOf({ availabilityZones: ['euc1-az2', 'eu-central-1b'] })).toEqual([
        error(
          'availabilityZones[0]',
          'euc1-az2',
          "is an AZ ID: Moat names zones by the networking account's AZ names, since its firewall endpoints are keyed by them, and pins the workload account's subnets by the matching AZ IDs itself",
          'list the networking account\'s name for it, which "aws ec2 describe-availability-zones --zone-ids euc1-az2 --query AvailabilityZones[0].ZoneName" prints in that account',
        ),
      ]);
    });
  });

  describe('CIDRs', () => {
    it('rejects a VPC larger than a /16', () => {
      expect(
        issuesOf({ cidrs: { container: '10.0.0.0/8', ingress: '172.16.0.0/16', egress: '172.17.0.0/16' } }),
      ).toEqual([
        error(
          'cidrs.container',
          '10.0.0.0/8',
          'is larger than a /16, the largest block AWS allows for a VPC',
          'use a /16 to /24',
        ),
      ]);
    });

    it('rejects a VPC too small for an ALB in each of its AZs', () => {
      expect(
        issuesOf({
          availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
          cidrs: { ingress: '10.1.0.0/24' },
        }),
      ).toEqual([
        error(
          'cidrs.ingress',
          '10.1.0.0/24',
          'is too small for 3 AZs: each public subnet must be a /27 or larger to hold an ALB',
          'use a /23 or larger',
        ),
      ]);
    });

    it('accepts an RFC 6598 container CIDR', () => {
      expect(validateConfig({ cidrs: { container: '100.64.0.0/16' } }).ok).toBe(true);
    });
  });

  describe('NLB private IPs', () => {
    it('rejects a count different from the AZ count', () => {
      expect(issuesOf({ nlb: { privateIps: ['10.0.0.10'] } })).toEqual([
        error(
          'nlb.privateIps',
          ['10.0.0.10'],
          'has 1 address for 2 AZs',
          'give one address per AZ, in the order of availabilityZones, or remove nlb.privateIps to derive them',
        ),
      ]);
    });

    it('rejects an address outside the private subnet of its AZ', () => {
      expect(issuesOf({ nlb: { privateIps: ['10.0.0.10', '10.0.128.10'] } })).toEqual([
        error(
          'nlb.privateIps[1]',
          '10.0.128.10',
          'is outside the container private subnet of eu-central-1b (10.0.64.0/18)',
          'use an address from 10.0.64.4 to 10.0.127.254',
        ),
      ]);
    });

    it('rejects the addresses AWS reserves at both ends of the subnet', () => {
      expect(issuesOf({ nlb: { privateIps: ['10.0.0.3', '10.0.127.255'] } })).toEqual([
        error(
          'nlb.privateIps[0]',
          '10.0.0.3',
          'is one of the five addresses AWS reserves in 10.0.0.0/18 (the first four and the last)',
          'use an address from 10.0.0.4 to 10.0.63.254',
        ),
        error(
          'nlb.privateIps[1]',
          '10.0.127.255',
          'is one of the five addresses AWS reserves in 10.0.64.0/18 (the first four and the last)',
          'use an address from 10.0.64.4 to 10.0.127.254',
        ),
      ]);
    });

    it('accepts the first and last usable addresses', () => {
      expect(validateConfig({ nlb: { privateIps: ['10.0.0.4', '10.0.127.254'] } }).ok).toBe(true);
    });
  });

  describe('API', () => {
    const domainName = 'prices.example.com';

    it('rejects a certificate of another region and another account', () => {
      const certificateArn = `arn:aws:acm:us-east-1:333333333333:certificate/${CERTIFICATE_ID}`;
      expect(issuesOf({ api: { certificateArn, domainName } })).toEqual([
        error(
          'api.certificateArn',
          certificateArn,
          'is in us-east-1, but the API is in eu-central-1',
          'request or import the certificate in ACM in eu-central-1',
        ),
        error(
          'api.certificateArn',
          certificateArn,
          'belongs to account 333333333333, but the API is in the networking account 111111111111',
          'use a certificate of account 111111111111',
        ),
      ]);
    });

    it('rejects a certificate ARN of another service', () => {
      expect(issuesOf({ api: { certificateArn: 'arn:aws:iam::111111111111:role/x', domainName } })).toEqual([
        error(
          'api.certificateArn',
          'arn:aws:iam::111111111111:role/x',
          'is not in the expected format',
          'use an ACM certificate ARN such as "arn:aws:acm:eu-central-1:111111111111:certificate/<uuid>"',
        ),
      ]);
    });

    it('rejects a domain name without a certificate', () => {
      expect(issuesOf({ api: { domainName } })).toEqual([
        error(
          'api.domainName',
          domainName,
          'needs a certificate: API Gateway serves a custom domain only over TLS',
          'set api.certificateArn to an ACM certificate that covers prices.example.com',
        ),
      ]);
    });

    it('accepts a certificate without a domain name with a warning', () => {
      const certificateArn = `arn:aws:acm:eu-central-1:111111111111:certificate/${CERTIFICATE_ID}`;
      const result = validateConfig({ api: { certificateArn } });
      expect(result.ok && result.warnings).toEqual([
        {
          path: 'api.certificateArn',
          received: certificateArn,
          problem: 'is unused without api.domainName',
          fix: 'set api.domainName, or remove api.certificateArn',
          severity: 'warning',
        },
      ]);
    });
  });

  describe('service', () => {
    it('rejects a memory size Fargate does not pair with the CPU', () => {
      expect(issuesOf({ service: { cpu: 256, memoryMiB: 1536 } })).toEqual([
        error(
          'service.memoryMiB',
          1536,
          'is not a Fargate memory size for cpu 256',
          'use 512, 1024 or 2048 MiB, or another cpu',
        ),
      ]);
      expect(issuesOf({ service: { cpu: 4096, memoryMiB: 4096 } })).toEqual([
        error(
          'service.memoryMiB',
          4096,
          'is not a Fargate memory size for cpu 4096',
          'use 8192 to 30720 in steps of 1024 MiB, or another cpu',
        ),
      ]);
    });

    it('accepts the largest Fargate size', () => {
      expect(validateConfig({ service: { cpu: 16384, memoryMiB: 122880 } }).ok).toBe(true);
    });

    it('rejects more desired tasks than the maximum', () => {
      expect(issuesOf({ service: { desiredCount: 8 } })).toEqual([
        error(
          'service.desiredCount',
          8,
          'is above service.maxCount (6)',
          'lower desiredCount or raise maxCount to at least 8',
        ),
      ]);
    });

    it('rejects a single task', () => {
      expect(issuesOf({ service: { desiredCount: 1 } })).toEqual([
        error(
          'service.desiredCount',
          1,
          'leaves the service down when its AZ fails: high availability needs at least 2 tasks',
          'use 2 or more, or "profile: development" for a network that is not highly available',
        ),
      ]);
    });
  });

  describe('profile', () => {
    it('is production by default, with every AZ on the egress path', () => {
      expect(defaultConfig.profile).toBe('production');
      expect(egressZones(defaultConfig)).toEqual(['eu-central-1a', 'eu-central-1b']);
    });

    it('development keeps the egress path in the first AZ and runs one task, scaling to two', () => {
      const config = configOf({ profile: 'development' });
      expect(egressZones(config)).toEqual(['eu-central-1a']);
      expect(config.availabilityZones).toEqual(['eu-central-1a', 'eu-central-1b']);
      expect([config.service.desiredCount, config.service.maxCount]).toEqual([1, 2]);
    });

    it('development keeps the task counts the config writes', () => {
      const config = configOf({ profile: 'development', service: { desiredCount: 3, maxCount: 4 } });
      expect([config.service.desiredCount, config.service.maxCount]).toEqual([3, 4]);
    });

    it('rejects an unknown profile, naming both', () => {
      expect(issuesOf({ profile: 'staging' })).toEqual([
        error('profile', 'staging', expect.any(String), expect.stringMatching(/production.*development/)),
      ]);
    });
  });

  describe('service routes', () => {
    it("defaults to the price service's routes", () => {
      expect(defaultConfig.service.routes).toEqual(['/price', '/healthz', '/readyz', '/metrics']);
    });

    it('rejects routes without the API path, a route listed twice and a route with a query string', () => {
      expect(issuesOf({ service: { routes: ['/healthz', '/healthz', '/x?y=1'] } })).toEqual([
        error(
          'service.routes[2]',
          '/x?y=1',
          'is not in the expected format',
          'use a path such as "/price": a leading "/", no query string or fragment',
        ),
      ]);
      expect(issuesOf({ service: { routes: ['/healthz', '/healthz'] } })).toEqual([
        error(
          'service.routes',
          ['/healthz', '/healthz'],
          'does not list /price, the path the API (step 8 on) forwards to the service, which would answer 404',
          'add "/price" to service.routes',
        ),
        error('service.routes[1]', '/healthz', 'repeats a route listed before', 'list each route once'),
      ]);
    });
  });

  describe('egress', () => {
    it('rejects a domain rule on port 22, where neither a TLS SNI nor an HTTP Host can match', () => {
      expect(
        issuesOf({ egress: { domains: [{ domain: 'git.example.com', port: 22, action: 'PASS' }] } }),
      ).toEqual([
        error(
          'egress.domains[0].port',
          22,
          'is port 22, which carries SSH, which opens with its own identification string and key exchange (RFC 4253): a domain rule matches the TLS SNI or the HTTP Host header, so "git.example.com" could never match there',
          "use port 443 (TLS SNI) or 80 (HTTP Host) for the domain, or write an egress.ipRules entry with the destination's CIDR for port 22",
        ),
      ]);
    });

    it('accepts domain rules on 443, 80 and another TLS port such as 8443', () => {
      const ports = [443, 80, 8443];
      const result = validateConfig({
        egress: { domains: ports.map((port) => ({ domain: 'api.example.com', port })) },
      });
      expect(result.ok && result.config.egress.domains.map((rule) => rule.port)).toEqual(ports);
    });

    it('has zonal NAT gateways by default, and accepts a regional one with the firewall on the Transit Gateway', () => {
      expect(defaultConfig.egress.nat).toBe('zonal');
      const config = configOf({ egress: { nat: 'regional', firewall: { attachment: 'transit-gateway' } } });
      expect(config.egress.nat).toBe('regional');
      expect(config.egress.firewall.attachment).toBe('transit-gateway');
    });

    it('rejects a regional NAT gateway with the firewall in subnets, naming both keys and the fix', () => {
      expect(issuesOf({ egress: { nat: 'regional' } })).toEqual([
        error(
          'egress.nat',
          'regional',
          'is "regional" while egress.firewall.attachment is "subnets": from step 7 the firewall endpoints sit in subnets of the egress VPC, one per AZ, and the regional NAT gateway\'s single route table could send a reply back to an endpoint only by destination CIDR, not to the endpoint of the AZ its request crossed, so replies would be dropped',
          'set egress.firewall.attachment: transit-gateway (the firewall attached to the Transit Gateway, which works with a regional NAT gateway), or keep egress.nat: zonal',
        ),
      ]);
    });

    it('rejects an unknown NAT mode', () => {
      expect(issuesOf({ egress: { nat: 'global' } })).toEqual([
        error('egress.nat', 'global', 'is not an allowed value', 'use one of "zonal", "regional"'),
      ]);
    });
  });

  describe('flows', () => {
    it('rejects an unknown source and destination', () => {
      expect(
        issuesOf({ flows: [{ name: 'x', from: 'office', to: 'db', port: 5432, expect: 'ACCEPTED' }] }),
      ).toEqual([
        error(
          'flows[0].from',
          'office',
          'is not a known source',
          'use "internet", "task" or a CIDR block such as "203.0.113.0/24"',
        ),
        error(
          'flows[0].to',
          'db',
          'is not a known destination',
          'use "task", "api", "alb", a domain name such as "api.binance.com" or an IPv4 address',
        ),
      ]);
    });
  });

  describe('warnings', () => {
    it('warns when one account plays both roles', () => {
      const result = validateConfig({ accounts: { networking: '111111111111', workload: '111111111111' } });
      expect(result.ok && result.warnings).toEqual([
        {
          path: 'accounts.workload',
          received: '111111111111',
          problem: 'is the networking account too, so step 10 (the account split) splits nothing',
          fix: 'use a second account for the workload, or deploy steps 2 to 9 only',
          severity: 'warning',
        },
      ]);
    });

    it('warns when SSH is open to the internet', () => {
      const result = validateConfig({ management: { sshCidr: '0.0.0.0/0' } });
      expect(result.ok && result.warnings).toEqual([
        {
          path: 'management.sshCidr',
          received: '0.0.0.0/0',
          problem: 'opens port 22 of the step-2 instance to the whole internet',
          fix: 'use your own address as a /32, or remove sshCidr and use Session Manager',
          severity: 'warning',
        },
      ]);
    });
  });
});

describe('formatIssues', () => {
  it('counts problems and warnings, marks warnings and shortens long values', () => {
    const issues: ConfigIssue[] = [
      error('flows[0].name', 'x'.repeat(130), 'is too long', 'shorten it'),
      { ...error('management.sshCidr', '0.0.0.0/0', 'is open', 'close it'), severity: 'warning' },
    ];
    expect(formatIssues(issues, 'conf/moat.config.yaml')).toBe(
      [
        'conf/moat.config.yaml: 1 problem, 1 warning',
        `  - flows[0].name: received "${'x'.repeat(118)}… — is too long. Fix: shorten it.`,
        '  - warning: management.sshCidr: received "0.0.0.0/0" — is open. Fix: close it.',
      ].join('\n'),
    );
  });
});
