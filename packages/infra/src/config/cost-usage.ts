import { z } from 'zod';
import type { ConfigIssue } from './issues.js';
import { fixFor, schemaIssues } from './schema-issues.js';

/**
 * The usage profile (`cost.usage` in moat.config.yaml, or the file given to `moat cost --usage`): the
 * traffic figures the cost estimate cannot read from templates. Shaped like infracost's usage file
 * (https://www.infracost.io/docs/features/usage_based_resources/): figures for each resource of a kind,
 * figures for one resource by logical ID or construct path (they win), the rest Moat's defaults. The
 * analyzer's `UsageProfile` type is the same shape; the CLI passes one to the other, so TypeScript keeps
 * the two in step.
 */

const Figure = z.number().min(0, 'use a number of 0 or more');
const DataProcessed = z.strictObject({
  monthlyDataProcessedGb: Figure.describe('GB a month processed by each resource of this kind'),
});
const CapacityUnits = z.strictObject({
  capacityUnitsPerHour: Figure.describe('average LCU (ALB) or NLCU (NLB) each load balancer uses per hour'),
});
const Requests = z.strictObject({
  monthlyRequests: Figure.describe('requests a month reaching each resource of this kind'),
});

export const CostUsageSchema = z
  .strictObject({
    monthlyInternetEgressGb: Figure.optional().describe(
      'GB a month leaving AWS for the internet from the whole network (data transfer out)',
    ),
    kinds: z
      .strictObject({
        natGateway: DataProcessed.optional(),
        firewall: DataProcessed.optional(),
        transitGatewayAttachment: DataProcessed.optional().describe(
          'GB a month each VPC sends to the Transit Gateway through its attachment',
        ),
        interfaceEndpoint: DataProcessed.optional(),
        applicationLoadBalancer: CapacityUnits.optional(),
        networkLoadBalancer: CapacityUnits.optional(),
        restApi: Requests.optional(),
        webAcl: Requests.optional().describe('requests a month each WAF web ACL inspects'),
      })
      .optional()
      .describe('figures for each resource of a kind (infracost: resource_type_default_usage)'),
    resources: z
      .record(
        z.string().min(1),
        z.strictObject({
          monthlyDataProcessedGb: Figure.optional(),
          capacityUnitsPerHour: Figure.optional(),
          monthlyRequests: Figure.optional(),
        }),
      )
      .optional()
      .describe(
        'figures for one resource, keyed by logical ID or construct path (infracost: resource_usage)',
      ),
  })
  .describe('usage figures for the cost estimate; what is left out takes Moat defaults, marked as such');

export type CostUsage = z.infer<typeof CostUsageSchema>;

export const CostSchema = z
  .strictObject({ usage: CostUsageSchema.optional() })
  .describe('the monthly cost estimate of moat plan and moat cost');

/**
 * Validates a usage file on its own (`moat cost --usage FILE`), with the same messages as the config:
 * every problem at once, each with its path, the value received and the fix.
 */
export function validateCostUsage(
  input: unknown,
): { readonly ok: true; readonly usage: CostUsage } | { readonly ok: false; readonly issues: ConfigIssue[] } {
  const parsed = CostUsageSchema.safeParse(input ?? {}, { reportInput: true, error: fixFor });
  return parsed.success
    ? { ok: true, usage: parsed.data }
    : { ok: false, issues: schemaIssues(parsed.error.issues, [], CostUsageSchema) };
}
