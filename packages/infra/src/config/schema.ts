import { z } from 'zod';
import { alignedBlock, formatCidr, parseIpv4 } from './cidr.js';
import { CostSchema } from './cost-usage.js';

/**
 * The shape of `moat.config.yaml`. This schema is the single source of truth: the TypeScript type
 * (`MoatConfig`), the defaults and the published JSON Schema are all derived from it. Rules that relate
 * several fields (overlapping CIDRs, NLB IPs inside their subnets, ...) live in `rules/`, and
 * `validateConfig` reports every problem of both kinds at once.
 *
 * Objects are strict so that a misspelt key is reported instead of silently ignored. Error messages here
 * are written as the fix: the validator derives the problem from the kind of failure.
 */

// YAML reads an unquoted 000000000012 as the number 12: ask for quotes instead of guessing the zeros back.
const AccountId = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? `quote the account id, as in "111111111111", so YAML keeps it text`
        : undefined,
  })
  .regex(/^\d{12}$/, 'an AWS account id is exactly 12 digits: use one such as "111111111111"');

/** The block "10.0.0.1/16" would silently become: its address with the host bits cleared. */
function alignedCidr(text: string): string {
  const [address = '', prefix = ''] = text.split('/');
  return formatCidr(alignedBlock(parseIpv4(address), Number(prefix)));
}

// A block written with host bits set ("10.0.0.1/16") is most often a typo for an address or another block.
// `abort` keeps the refinement from seeing text that is no CIDR at all.
const Cidr = z
  .cidrv4({ error: 'use an IPv4 CIDR block such as "10.0.0.0/16"', abort: true })
  .refine((text) => alignedCidr(text) === text, {
    error: (issue) => `write the block as "${alignedCidr(String(issue.input))}", or fix the prefix length`,
    params: { problem: 'has host bits set' },
  });
const Ipv4 = z.ipv4({ error: 'use an IPv4 address such as "10.0.0.10"' });

const DomainName = z
  .string()
  .regex(
    /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'use a lower-case DNS name such as "api.binance.com" (a leading "*." matches the domain and its subdomains)',
  );

const Port = z.number().int().min(1).max(65535);

/** An AZ ID such as `euc1-az1`: the same physical zone in every account. */
export const AVAILABILITY_ZONE_ID = /^[a-z]{2,4}\d+-az\d+$/;

/**
 * An AZ name as the networking account maps it. Not an AZ ID: the firewall's `EndpointIds` are keyed by the
 * names of the account that owns it, and routes pick each endpoint by that name with `Fn::Split`, whose
 * delimiter must be a literal, so the networking account's names must be known at synth; the workload account
 * (step 10) is pinned by the AZ IDs AWS resolves for them (https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html).
 */
const AvailabilityZoneName = z
  .string()
  .refine((zone) => !AVAILABILITY_ZONE_ID.test(zone), {
    error: (issue) =>
      `list the networking account's name for it, which "aws ec2 describe-availability-zones --zone-ids ${String(issue.input)} --query AvailabilityZones[0].ZoneName" prints in that account`,
    params: {
      problem:
        "is an AZ ID: Moat names zones by the networking account's AZ names, since its firewall endpoints are keyed by them, and pins the workload account's subnets by the matching AZ IDs itself",
    },
    abort: true,
  })
  .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'use an AZ name such as "eu-central-1a"');

/** The routes of packages/price-service (src/app.ts): what the service answers, all GET. */
export const PRICE_SERVICE_ROUTES = ['/price', '/healthz', '/readyz', '/metrics'] as const;
/** The one path the API (step 8 on) serves and forwards to the service. */
export const API_PATH = '/price';

const RoutePath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~\-/]*$/, 'use a path such as "/price": a leading "/", no query string or fragment');

/** A commercial, China or GovCloud ACM certificate ARN; its region and account are checked in `rules/api.ts`. */
export const CERTIFICATE_ARN = /^arn:aws(-cn|-us-gov)?:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

/** PASS lets a flow through the egress firewall; DROP stops it and raises an alert. */
export const RuleAction = z.enum(['PASS', 'DROP']);

/** A domain on the egress list, matched by TLS SNI (port 443) or HTTP Host (port 80). */
export const DomainRule = z.strictObject({
  domain: DomainName,
  port: Port.default(443).describe('443 matches the TLS SNI, 80 the HTTP Host header'),
  action: RuleAction.default('PASS'),
});

/** A 5-tuple rule on the egress firewall, as in the guide's step-7 test. */
export const IpRule = z.strictObject({
  destination: Cidr,
  port: Port,
  protocol: z.enum(['TCP', 'UDP']).default('TCP'),
  action: RuleAction,
  description: z.string().max(200).optional(),
});

/** The last step of the guide; `steps/catalog.ts` holds them all, and a test keeps the two in step. */
export const LAST_STEP_ID = 10;

/** An expected flow that the analyzer checks, in addition to the standard flows. */
export const FlowExpectation = z.strictObject({
  name: z.string().min(1),
  from: z.string().min(1).describe('"internet", "task", or a CIDR'),
  to: z.string().min(1).describe('"task", "api", "alb", a domain name or an IPv4 address'),
  port: Port,
  expect: z.enum([
    'ACCEPTED',
    'DROPPED_BY_FIREWALL',
    'DENIED_BY_SECURITY_GROUP',
    'DENIED_BY_NACL',
    'NO_ROUTE',
    'BLACKHOLE',
    'NOT_REACHABLE_FROM_INTERNET',
  ]),
  steps: z
    .array(
      z
        .number()
        .int()
        .min(2, 'use step ids from 2 to 10: step 1 has no AWS')
        .max(LAST_STEP_ID, `use step ids from 2 to ${LAST_STEP_ID}`),
    )
    .min(1)
    .optional()
    .describe(
      'the steps whose assemblies this flow is checked in, such as [7, 8, 9, 10]; absent: every step',
    ),
});

/**
 * A finding accepted on purpose, the way cdk-nag users write a suppression: the rule, the resource and a
 * reason a reviewer can read. The analyzer shows it marked with the reason and does not count it.
 */
export const FindingAcknowledgement = z.strictObject({
  rule: z.string().regex(/^NET\d{3}$/, 'use an invariant id such as "NET006" (see docs/RULES.md)'),
  resource: z
    .string()
    .min(1)
    .describe('a logical ID, stack/logicalId, or a construct path, which also covers the resources under it'),
  // cdk-nag asks for at least 10 characters too; the analyzer checks template metadata against the same
  // minimum (MIN_ACKNOWLEDGEMENT_REASON_LENGTH in packages/analyzer/src/acknowledgements).
  reason: z
    .string()
    .trim()
    .min(10, 'say why the finding is accepted, in at least 10 characters')
    .describe('why the finding is accepted; shown next to it'),
});

const ImageFromAsset = z.strictObject({
  source: z.literal('asset').describe('built from packages/price-service at deploy time'),
});
const ImageFromEcr = z.strictObject({
  source: z.literal('ecr').describe('a tag in the ECR repository that a pipeline pushes to'),
  tag: z
    .string()
    .regex(
      /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
      'use a Docker tag such as "1.4.2" (at most 128 characters)',
    ),
});

export const MoatConfigSchema = z
  .strictObject({
    accounts: z
      .strictObject({
        networking: AccountId.default('111111111111').describe(
          'holds the ingress and egress VPCs, the TGW, the firewall and the API',
        ),
        workload: AccountId.default('222222222222').describe(
          'holds the container VPC and the service (step 10)',
        ),
      })
      .prefault({}),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'use an AWS region such as "eu-central-1"')
      .default('eu-central-1')
      .describe('Binance answers 451 to US locations, hence the European default'),
    availabilityZones: z
      .array(AvailabilityZoneName)
      .optional()
      .describe(
        "the networking account's AZ names, given explicitly and pre-seeded in the CDK context: never looked up; absent, the region's defaults",
      ),
    cidrs: z
      .strictObject({
        container: Cidr.default('10.0.0.0/16').describe(
          'RFC 1918 or RFC 6598 (ALB IP targets outside its VPC must be)',
        ),
        ingress: Cidr.default('10.1.0.0/16'),
        egress: Cidr.default('10.2.0.0/16'),
      })
      .prefault({}),
    nlb: z
      .strictObject({
        privateIps: z
          .array(Ipv4)
          .optional()
          .describe(
            "one per AZ, inside that AZ's container private subnet; derived from the subnets when absent",
          ),
      })
      .prefault({}),
    profile: z
      .enum(['production', 'development'])
      .default('production')
      .describe(
        'development: one NAT gateway and one firewall endpoint, in the first AZ, and one task by default; no AZ loss is then survived, and moat plan says so',
      ),
    egress: z
      .strictObject({
        domains: z.array(DomainRule).default([{ domain: 'api.binance.com', port: 443, action: 'PASS' }]),
        ipRules: z.array(IpRule).default([]),
        nat: z
          .enum(['zonal', 'regional'])
          .default('zonal')
          .describe(
            'zonal: one NAT gateway per AZ in a public subnet (the guide); regional: one NAT gateway for the VPC (AvailabilityMode regional) that follows the workloads across AZs and needs no public subnet; from step 7 it needs egress.firewall.attachment: transit-gateway',
          ),
        firewall: z
          .strictObject({
            attachment: z
              .enum(['subnets', 'transit-gateway'])
              .default('subnets')
              .describe(
                'subnets: firewall endpoints in firewall subnets of the egress VPC (the guide); transit-gateway: the firewall attached natively to the Transit Gateway, which sends spoke traffic to it (step 7 on)',
              ),
          })
          .prefault({}),
      })
      .prefault({}),
    api: z
      .strictObject({
        stageName: z
          .string()
          .regex(/^[A-Za-z0-9_]{1,128}$/, 'use letters, digits and "_" only, such as "prod"')
          .default('prod'),
        throttlingRateLimit: z.number().positive().default(100).describe('requests per second, steady state'),
        throttlingBurstLimit: z.number().int().positive().default(200),
        certificateArn: z
          .string()
          .regex(
            CERTIFICATE_ARN,
            'use an ACM certificate ARN such as "arn:aws:acm:eu-central-1:111111111111:certificate/<uuid>"',
          )
          .optional()
          .describe('an ACM certificate in the networking account and the configured region'),
        domainName: DomainName.optional().describe('a custom domain for the API; needs certificateArn'),
      })
      .prefault({}),
    waf: z
      .strictObject({
        // Bounds of a rate-based rule's Limit:
        // https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html
        rateLimit: z
          .number()
          .int()
          .min(10)
          .max(2_000_000_000)
          .default(1000)
          .describe('requests per 5 minutes per client IP'),
      })
      .prefault({}),
    service: z
      .strictObject({
        desiredCount: z.number().int().min(1).max(100).default(2),
        maxCount: z.number().int().min(1).max(100).default(6),
        // Fargate task sizes; which memory goes with which CPU is checked in `rules/service.ts`.
        cpu: z
          .literal([256, 512, 1024, 2048, 4096, 8192, 16384])
          .default(256)
          .describe('CPU units: 1024 = 1 vCPU'),
        memoryMiB: z.number().int().min(512).max(122_880).default(512),
        image: z.discriminatedUnion('source', [ImageFromAsset, ImageFromEcr]).default({ source: 'asset' }),
        routes: z
          .array(RoutePath)
          .min(1)
          .default([...PRICE_SERVICE_ROUTES])
          .describe('the paths the service answers; the analyzer checks the path each flow reaches it with'),
      })
      .prefault({}),
    management: z
      .strictObject({
        sshCidr: Cidr.optional().describe('step 2 only; absent means Session Manager only, no port 22'),
      })
      .prefault({}),
    // A subset of the CloudWatch Logs retention values:
    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
    logRetentionDays: z.literal([1, 3, 5, 7, 14, 30, 60, 90, 180, 365]).default(30),
    flows: z.array(FlowExpectation).default([]),
    acknowledge: z
      .array(FindingAcknowledgement)
      .default([])
      .describe('findings accepted on purpose; an acknowledgement that matches no finding is reported'),
    cost: CostSchema.prefault({}),
  })
  .describe('moat.config.yaml: the accounts, network and service of the enterprise container network');

/**
 * A complete, validated configuration: every default applied, the AZs too (those of the region's table when the
 * file lists none: `validateConfig`).
 */
export type MoatConfig = Omit<z.infer<typeof MoatConfigSchema>, 'availabilityZones'> & {
  readonly availabilityZones: string[];
};
/** What a user may write in `moat.config.yaml`: every field optional where a default exists. */
export type MoatConfigInput = z.input<typeof MoatConfigSchema>;
