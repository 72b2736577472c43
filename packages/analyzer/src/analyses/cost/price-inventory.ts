import { known, type Resolved, type Source, unknown } from '../../model/types.js';
import {
  type Decimal,
  decimal,
  divideByPowerOfTen,
  multiply,
  negate,
  subtract,
  sum,
  toDecimalString,
} from './decimal.js';
import { InvalidCostOptionError } from './errors.js';
import type { CostInventory, InventoryItem } from './inventory.js';
import { isAvailable, loadPriceTable, type Price, type PriceKey, type PriceTable } from './price-table.js';
import {
  checkedUsageProfile,
  type UsageAssumptions,
  type UsageFigure,
  type UsageKind,
  type UsageProfile,
  UsageResolver,
} from './usage.js';

/** AWS's own monthly average (8,760 hours / 12), the figure its pricing pages use. */
export const DEFAULT_HOURS_PER_MONTH = 730;
/** 31 days: no month has more hours to bill. */
const MAX_HOURS_PER_MONTH = 744;

export interface CostOptions {
  readonly region: string;
  /** Hours each running resource is billed for in the month; default 730. */
  readonly hoursPerMonth?: number;
  /** Figures left out take Moat's defaults, and each line says which it used. */
  readonly usage?: UsageProfile;
}

/**
 * `hourly`: billed while the resource exists. `monthly`: a flat monthly fee (WAF). `usage`: grows with the
 * usage profile. `waiver`: a charge AWS does not bill, as a negative line of its own.
 */
export type ChargeCategory = 'hourly' | 'monthly' | 'usage' | 'waiver';

/** The price a line applies, or the waiver it applies; stable across steps, for subtotals and diffs. */
export type ChargeKind =
  | PriceKey
  | 'ec2InstanceHour'
  | 'natGatewayHourWaiver'
  | 'natGatewayGbWaiver'
  | 'unpriced';

export interface CostLine {
  /** The resource charged; absent only for data transfer out, which AWS bills on the account. */
  readonly resource?: Source;
  readonly charge: ChargeKind;
  readonly category: ChargeCategory;
  /** What a person would call the charge: `NAT gateway`, `interface endpoint ecr.api in 2 AZs`. */
  readonly what: string;
  /** In `unit`: 720 NAT gateway-hours, 5 GB... Unknown when the templates do not determine it. */
  readonly quantity: Resolved<string>;
  readonly unit: string;
  /** Absent when the price table has no price for this resource in this region. */
  readonly unitPriceUsd?: string;
  /** For a usage-based line: the usage figure it rests on and whether it is a default or the profile's. */
  readonly usage?: UsageFigure;
  /** Exact, at least two decimals; negative for a waiver. */
  readonly monthlyUsd: Resolved<string>;
  /** When the amount is unknown because the region's table has no figure: which price, and why. */
  readonly missingPrice?: { readonly unit: string; readonly reason: string };
}

export interface ChargeSubtotal {
  readonly charge: ChargeKind;
  readonly monthlyUsd: string;
}

export interface CostReport {
  readonly region: string;
  readonly hoursPerMonth: number;
  /** The usage profile as given, Moat's defaults, and profile entries that applied to nothing. */
  readonly usage: UsageAssumptions;
  readonly lines: readonly CostLine[];
  /** The known lines summed per charge, in the order charges first appear. */
  readonly subtotals: readonly ChargeSubtotal[];
  /** The sum of every known line, exact. A lower bound when `complete` is false. */
  readonly totalUsd: string;
  readonly complete: boolean;
  /** One sentence per unknown line: the resource and why it could not be priced. */
  readonly incompleteReasons: readonly string[];
  /** The oldest check date of the prices used. */
  readonly pricesAsOf: string;
  /** The pages the prices used are published on. */
  readonly sources: readonly string[];
  /** The rule behind the waiver lines, quoted with its page, when there are any. */
  readonly waiverRule?: { readonly text: string; readonly source: string };
}

export function priceInventory(inventory: CostInventory, options: CostOptions): CostReport {
  const hoursPerMonth = checkedHours(options.hoursPerMonth ?? DEFAULT_HOURS_PER_MONTH);
  const usage = new UsageResolver(checkedUsageProfile(options.usage));
  const table = loadPriceTable(options.region);
  const pricer = new LinePricer(table, hoursPerMonth, usage);
  const lines = [
    ...inventory.items.flatMap((item) => pricer.itemLines(item)),
    ...pricer.waiverLines(inventory),
    ...pricer.dataTransferOutLines(inventory),
  ];
  const knownAmounts = lines.flatMap((line) =>
    line.monthlyUsd.known ? [decimal(line.monthlyUsd.value)] : [],
  );
  const waived = lines.some((line) => line.category === 'waiver');
  const report: CostReport = {
    region: table.region,
    hoursPerMonth,
    usage: usage.assumptions(),
    lines,
    subtotals: subtotals(lines),
    totalUsd: money(sum(knownAmounts)),
    complete: lines.every((line) => line.monthlyUsd.known),
    incompleteReasons: lines.flatMap((line) =>
      line.monthlyUsd.known ? [] : [`${line.resource?.logicalId ?? line.what}: ${line.monthlyUsd.reason}`],
    ),
    pricesAsOf: pricer.oldestAsOf(),
    sources: pricer.sources(),
  };
  if (!waived) return report;
  return {
    ...report,
    sources: [...report.sources, table.natWaiver.source].sort(),
    waiverRule: { text: table.natWaiver.text, source: table.natWaiver.source },
  };
}

function checkedHours(hours: number): number {
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS_PER_MONTH) {
    throw new InvalidCostOptionError(
      'hours per month',
      hours,
      `a number above 0 and at most ${MAX_HOURS_PER_MONTH} (31 days); AWS's monthly average is ${DEFAULT_HOURS_PER_MONTH}`,
    );
  }
  return hours;
}

/** Turns inventory items into lines, and remembers which prices it used so the report can cite them. */
class LinePricer {
  private readonly used = new Set<Price>();
  private readonly hours: Decimal;

  constructor(
    private readonly table: PriceTable,
    hoursPerMonth: number,
    private readonly usage: UsageResolver,
  ) {
    this.hours = decimal(hoursPerMonth);
  }

  itemLines(item: InventoryItem): CostLine[] {
    switch (item.kind) {
      case 'nat-gateway':
        return [
          this.hourly(item.source, 'natGatewayHour', 1, 'NAT gateway'),
          this.dataProcessed(item.source, 'natGateway', 'natGatewayGb', 'NAT gateway data processed'),
        ];
      case 'firewall':
        return [
          this.hourly(
            item.source,
            'firewallEndpointHour',
            item.endpoints,
            `Network Firewall, ${item.endpoints} endpoints`,
          ),
          this.dataProcessed(item.source, 'firewall', 'firewallGb', 'firewall data processed'),
        ];
      case 'interface-endpoint':
        return [
          this.hourly(
            item.source,
            'interfaceEndpointAzHour',
            item.availabilityZones,
            `interface endpoint ${serviceName(item.service)} in ${item.availabilityZones} AZs`,
          ),
          this.dataProcessed(
            item.source,
            'interfaceEndpoint',
            'interfaceEndpointGb',
            'interface endpoint data processed',
          ),
        ];
      case 'gateway-endpoint':
        return [
          this.hourly(item.source, 'gatewayEndpointHour', 1, `gateway endpoint ${serviceName(item.service)}`),
        ];
      case 'transit-gateway-attachment':
        return [
          this.hourly(item.source, 'transitGatewayAttachmentHour', 1, 'Transit Gateway attachment'),
          this.dataProcessed(
            item.source,
            'transitGatewayAttachment',
            'transitGatewayGb',
            'data sent to the Transit Gateway',
          ),
        ];
      case 'load-balancer':
        return this.loadBalancerLines(item.source, item.type);
      case 'fargate-service':
        return [
          this.fargateLine(item.source, 'fargateVcpuHour', item.tasks, item.vcpuPerTask, 'vCPU'),
          this.fargateLine(item.source, 'fargateGbHour', item.tasks, item.memoryGbPerTask, 'GB memory'),
        ];
      case 'ec2-instance':
        return [this.instanceLine(item.source, item.instanceType)];
      case 'public-ipv4':
        return [
          this.hourly(
            item.source,
            'publicIpv4Hour',
            item.addresses,
            `${item.addresses} public IPv4 (${item.why})`,
          ),
        ];
      case 'web-acl':
        return [
          this.line(item.source, 'wafWebAclMonth', 'monthly', 'WAF web ACL', known(decimal(1))),
          this.line(
            item.source,
            'wafRuleMonth',
            'monthly',
            `WAF rules (${item.rules})`,
            known(decimal(item.rules)),
          ),
          this.requests(item.source, 'webAcl', 'wafMillionRequests', 'WAF requests inspected'),
        ];
      case 'rest-api':
        return [this.requests(item.source, 'restApi', 'apiGatewayRestMillionRequests', 'REST API requests')];
      case 'unpriced':
        return [unpricedLine(item.source, 'unpriced', item.what ?? item.source.type, item.reason)];
    }
  }

  /** Data transfer out is billed on the account, not on a resource: one line, when the network reaches the internet. */
  dataTransferOutLines(inventory: CostInventory): CostLine[] {
    if (!inventory.reachesInternet) return [];
    const figure = this.usage.internetEgress();
    return [
      this.line(
        undefined,
        'dataTransferOutGb',
        'usage',
        'data transfer out to the internet',
        known(decimal(figure.value)),
        figure,
      ),
    ];
  }

  /**
   * AWS waives one NAT gateway-hour per firewall endpoint-hour and one NAT GB per firewall GB. The waiver is
   * counted per VPC where both run (the centralised egress VPC), the reading that holds under AWS's wording:
   * at most the NAT gateways' hours and GB in that VPC, at most the firewall's.
   */
  waiverLines(inventory: CostInventory): CostLine[] {
    return inventory.items.flatMap((firewall) => {
      if (firewall.kind !== 'firewall') return [];
      const nats = inventory.items.filter(
        (item) => item.kind === 'nat-gateway' && item.vpcId === firewall.vpcId,
      );
      const waivedGateways = Math.min(nats.length, firewall.endpoints);
      if (waivedGateways === 0) return [];
      const natGb = sum(nats.map((nat) => decimal(this.usage.figure('natGateway', nat.source).value)));
      const firewallGb = decimal(this.usage.figure('firewall', firewall.source).value);
      return [
        this.waiver(
          firewall.source,
          'natGatewayHourWaiver',
          'natGatewayHour',
          `NAT gateway-hours waived for ${waivedGateways} firewall endpoint${waivedGateways === 1 ? '' : 's'}`,
          multiply(decimal(waivedGateways), this.hours),
        ),
        this.waiver(
          firewall.source,
          'natGatewayGbWaiver',
          'natGatewayGb',
          'NAT gateway data waived for data the firewall processed',
          smaller(natGb, firewallGb),
        ),
      ];
    });
  }

  oldestAsOf(): string {
    return [...this.used].map((price) => price.asOf).sort()[0] ?? this.table.natWaiver.asOf;
  }

  sources(): string[] {
    return [...new Set([...this.used].map((price) => price.source))].sort();
  }

  private loadBalancerLines(source: Source, type: 'application' | 'network'): CostLine[] {
    const [hourKey, unitKey, name, unitName, kind] =
      type === 'application'
        ? (['albHour', 'albLcuHour', 'Application Load Balancer', 'LCU', 'applicationLoadBalancer'] as const)
        : (['nlbHour', 'nlbNlcuHour', 'Network Load Balancer', 'NLCU', 'networkLoadBalancer'] as const);
    const figure = this.usage.figure(kind, source);
    const capacityUnitHours = multiply(decimal(figure.value), this.hours);
    return [
      this.hourly(source, hourKey, 1, name),
      this.line(source, unitKey, 'usage', `${name} ${unitName}s`, known(capacityUnitHours), figure),
    ];
  }

  private dataProcessed(source: Source, kind: UsageKind, key: PriceKey, what: string): CostLine {
    const figure = this.usage.figure(kind, source);
    return this.line(source, key, 'usage', what, known(decimal(figure.value)), figure);
  }

  private requests(source: Source, kind: UsageKind, key: PriceKey, what: string): CostLine {
    const figure = this.usage.figure(kind, source);
    const millions = divideByPowerOfTen(decimal(figure.value), 6);
    return this.line(source, key, 'usage', what, known(millions), figure);
  }

  private fargateLine(
    source: Source,
    key: 'fargateVcpuHour' | 'fargateGbHour',
    tasks: number,
    perTask: Resolved<number>,
    dimension: string,
  ): CostLine {
    const what = `Fargate ${dimension}, ${tasks} tasks`;
    if (!perTask.known)
      return this.line(source, key, 'hourly', what, unknown(`task ${dimension}: ${perTask.reason}`));
    const quantity = multiply(multiply(decimal(tasks), decimal(perTask.value)), this.hours);
    return this.line(
      source,
      key,
      'hourly',
      `Fargate ${dimension} (${tasks} × ${perTask.value})`,
      known(quantity),
    );
  }

  private instanceLine(source: Source, instanceType: Resolved<string>): CostLine {
    if (!instanceType.known) {
      return unpricedLine(source, 'ec2InstanceHour', 'EC2 instance', `instance type: ${instanceType.reason}`);
    }
    const price = this.table.ec2InstanceHour[instanceType.value];
    const what = `EC2 ${instanceType.value}`;
    if (!price) {
      return unpricedLine(
        source,
        'ec2InstanceHour',
        what,
        `no price for ${instanceType.value} in the ${this.table.region} table (packages/analyzer/data/price-list/README.md says how to add one)`,
      );
    }
    return this.priced(
      { source, charge: 'ec2InstanceHour', category: 'hourly', what, quantity: known(this.hours) },
      price,
    );
  }

  private hourly(source: Source, key: PriceKey, count: number, what: string): CostLine {
    return this.line(source, key, 'hourly', what, known(multiply(decimal(count), this.hours)));
  }

  private line(
    source: Source | undefined,
    key: PriceKey,
    category: ChargeCategory,
    what: string,
    quantity: Resolved<Decimal>,
    usage?: UsageFigure,
  ): CostLine {
    const entry = this.table.prices[key];
    const line = isAvailable(entry)
      ? this.priced({ source, charge: key, category, what, quantity }, entry)
      : this.unavailable({ source, charge: key, category, what, quantity }, entry.unit, entry.unavailable);
    return usage === undefined ? line : { ...line, usage };
  }

  private waiver(
    source: Source,
    charge: 'natGatewayHourWaiver' | 'natGatewayGbWaiver',
    key: 'natGatewayHour' | 'natGatewayGb',
    what: string,
    quantity: Decimal,
  ): CostLine {
    const entry = this.table.prices[key];
    if (!isAvailable(entry)) {
      const spec = { source, charge, category: 'waiver' as const, what, quantity: known(quantity) };
      return this.unavailable(spec, entry.unit, entry.unavailable);
    }
    this.used.add(entry);
    return {
      resource: source,
      charge,
      category: 'waiver',
      what,
      quantity: known(toDecimalString(quantity)),
      unit: entry.unit,
      unitPriceUsd: toDecimalString(entry.usd),
      monthlyUsd: known(money(negate(multiply(quantity, entry.usd)))),
    };
  }

  private priced(spec: LineSpec, price: Price): CostLine {
    this.used.add(price);
    const { quantity } = spec;
    return {
      ...lineBase(spec, price.unit),
      unitPriceUsd: toDecimalString(price.usd),
      monthlyUsd: quantity.known ? known(money(multiply(quantity.value, price.usd))) : quantity,
    };
  }

  /** A line whose price the region's table lacks: its quantity is known, its amount is not. */
  private unavailable(spec: LineSpec, unit: string, reason: string): CostLine {
    return {
      ...lineBase(spec, unit),
      monthlyUsd: unknown(`no ${this.table.region} price for ${unit}: ${reason}`),
      missingPrice: { unit, reason },
    };
  }
}

/** What every line states, priced or not: the resource, the charge, the quantity. */
interface LineSpec {
  readonly source: Source | undefined;
  readonly charge: ChargeKind;
  readonly category: ChargeCategory;
  readonly what: string;
  readonly quantity: Resolved<Decimal>;
}

function lineBase(spec: LineSpec, unit: string): Omit<CostLine, 'monthlyUsd'> {
  const { source, charge, category, what, quantity } = spec;
  return {
    ...(source ? { resource: source } : {}),
    charge,
    category,
    what,
    quantity: quantity.known ? known(toDecimalString(quantity.value)) : quantity,
    unit,
  };
}

function smaller(a: Decimal, b: Decimal): Decimal {
  return subtract(a, b).units < 0n ? a : b;
}

function unpricedLine(source: Source, charge: ChargeKind, what: string, reason: string): CostLine {
  return {
    resource: source,
    charge,
    category: 'hourly',
    what,
    quantity: unknown(reason),
    unit: 'unknown',
    monthlyUsd: unknown(reason),
  };
}

function subtotals(lines: readonly CostLine[]): ChargeSubtotal[] {
  const byCharge = new Map<ChargeKind, Decimal[]>();
  for (const line of lines) {
    if (!line.monthlyUsd.known) continue;
    byCharge.set(line.charge, [...(byCharge.get(line.charge) ?? []), decimal(line.monthlyUsd.value)]);
  }
  return [...byCharge].map(([charge, amounts]) => ({ charge, monthlyUsd: money(sum(amounts)) }));
}

function serviceName(service: Resolved<string>): string {
  return service.known ? service.value : '(service unknown)';
}

/** Exact, with cents always shown: `'64.80'`, `'14.5728'`. */
export function money(amount: Decimal): string {
  return toDecimalString(amount, 2);
}
