import { z } from 'zod';

/**
 * The shape of `moat.config.yaml`. This schema is the single source of truth: the TypeScript type
 * (`MoatConfig`), the defaults and the published JSON Schema are all derived from it. Rules that relate
 * several fields (overlapping CIDRs, NLB IPs inside their subnets, ...) live in `validate.ts`, which
 * reports every problem at once.
 */

const AccountId = z
  .string()
  .regex(/^\d{12}$/, 'an AWS account id is exactly 12 digits, for example "111111111111"');

const Cidr = z.cidrv4({ message: 'an IPv4 CIDR block such as "10.0.0.0/16"' });
const Ipv4 = z.ipv4({ message: 'an IPv4 address such as "10.0.1.10"' });

const DomainName = z
  .string()
  .regex(
    /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'a lower-case DNS name such as "api.binance.com" (a leading "*." matches subdomains)',
  );

const Port = z.number().int().min(1).max(65535);

/** PASS lets a flow through the egress firewall; DROP stops it and raises an alert. */
export const RuleAction = z.enum(['PASS', 'DROP']);

/** A domain on the egress list, matched by TLS SNI (port 443) or HTTP Host (port 80). */
export const DomainRule = z.object({
  domain: DomainName,
  port: Port.default(443).describe('443 matches the TLS SNI, 80 the HTTP Host header'),
  action: RuleAction.default('PASS'),
});

/** A 5-tuple rule on the egress firewall, as in the guide's step-7 test. */
export const IpRule = z.object({
  destination: Cidr,
  port: Port,
  protocol: z.enum(['TCP', 'UDP']).default('TCP'),
  action: RuleAction,
  description: z.string().max(200).optional(),
});

/** An expected flow that the analyzer checks, in addition to the standard flows. */
export const FlowExpectation = z.object({
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
});

const ImageFromAsset = z.object({
  source: z.literal('asset').describe('built from packages/price-service at deploy time'),
});
const ImageFromEcr = z.object({
  source: z.literal('ecr').describe('a tag in the ECR repository that a pipeline pushes to'),
  tag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a Docker tag such as "1.4.2"'),
});

export const MoatConfigSchema = z.object({
  accounts: z
    .object({
      networking: AccountId.describe('holds the ingress and egress VPCs, the TGW, the firewall, the API'),
      workload: AccountId.describe('holds the container VPC and the service (step 10)'),
    })
    .default({ networking: '111111111111', workload: '222222222222' }),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as "eu-central-1"')
    .default('eu-central-1')
    .describe('Binance answers 451 to US locations, hence the European default'),
  availabilityZones: z
    .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'an AZ name such as "eu-central-1a"'))
    .default(['eu-central-1a', 'eu-central-1b'])
    .describe('given explicitly and pre-seeded in the CDK context: never looked up'),
  cidrs: z
    .object({
      container: Cidr.describe('RFC 1918 or RFC 6598 (ALB IP targets outside its VPC must be)'),
      ingress: Cidr,
      egress: Cidr,
    })
    .default({ container: '10.0.0.0/16', ingress: '10.1.0.0/16', egress: '10.2.0.0/16' }),
  nlb: z
    .object({
      privateIps: z
        .array(Ipv4)
        .optional()
        .describe("one per AZ, inside that AZ's private subnet; derived from the subnets when absent"),
    })
    .default({}),
  egress: z
    .object({
      domains: z.array(DomainRule).default([{ domain: 'api.binance.com', port: 443, action: 'PASS' }]),
      ipRules: z.array(IpRule).default([]),
    })
    .default({ domains: [{ domain: 'api.binance.com', port: 443, action: 'PASS' }], ipRules: [] }),
  api: z
    .object({
      stageName: z
        .string()
        .regex(/^[A-Za-z0-9_]{1,128}$/, 'letters, digits and "_"')
        .default('prod'),
      throttlingRateLimit: z.number().positive().default(100).describe('requests per second, steady state'),
      throttlingBurstLimit: z.number().int().positive().default(200),
      certificateArn: z.string().startsWith('arn:aws:acm:').optional(),
      domainName: DomainName.optional(),
    })
    .default({ stageName: 'prod', throttlingRateLimit: 100, throttlingBurstLimit: 200 }),
  waf: z
    .object({
      rateLimit: z
        .number()
        .int()
        .min(10)
        .max(2_000_000_000)
        .default(1000)
        .describe('requests per 5 minutes per client IP'),
    })
    .default({ rateLimit: 1000 }),
  service: z
    .object({
      desiredCount: z.number().int().min(1).max(100).default(2),
      maxCount: z.number().int().min(1).max(100).default(6),
      cpu: z
        .union([z.literal(256), z.literal(512), z.literal(1024), z.literal(2048), z.literal(4096)])
        .default(256),
      memoryMiB: z.number().int().min(512).max(30720).default(512),
      image: z.discriminatedUnion('source', [ImageFromAsset, ImageFromEcr]).default({ source: 'asset' }),
    })
    .default({ desiredCount: 2, maxCount: 6, cpu: 256, memoryMiB: 512, image: { source: 'asset' } }),
  management: z
    .object({
      sshCidr: Cidr.optional().describe('step 2 only; absent means Session Manager only, no port 22'),
    })
    .default({}),
  logRetentionDays: z
    .union([
      z.literal(1),
      z.literal(3),
      z.literal(5),
      z.literal(7),
      z.literal(14),
      z.literal(30),
      z.literal(60),
      z.literal(90),
      z.literal(180),
      z.literal(365),
    ])
    .default(30),
  flows: z.array(FlowExpectation).default([]),
});

/** A complete, validated configuration: every default applied. */
export type MoatConfig = z.infer<typeof MoatConfigSchema>;
/** What a user may write in `moat.config.yaml`: every field optional where a default exists. */
export type MoatConfigInput = z.input<typeof MoatConfigSchema>;
