import {
  type ChargeKind,
  type CostGroup,
  type CostLine,
  type CostReport,
  groupCostLines,
} from '@moat/analyzer';
import { formatUnitPrice, formatUsd, groupThousands } from './money.js';
import { plural } from './plural.js';
import { type Cell, renderTable } from './table.js';
import { wrapText } from './wrap.js';

/** The default table fits a terminal of this many columns; `--wide` shows every detail instead. */
export const NARROW_WIDTH = 120;

export interface CostTableOptions {
  /** Full units, logical IDs, where each usage figure came from, and every price's source. */
  readonly wide?: boolean;
}

/** Short units for the narrow table; the price table's own unit text is shown with `--wide`. */
const SHORT_UNITS: Readonly<Record<ChargeKind, string>> = {
  natGatewayHour: 'h',
  natGatewayGb: 'GB',
  firewallEndpointHour: 'endpoint-h',
  firewallGb: 'GB',
  interfaceEndpointAzHour: 'AZ-h',
  interfaceEndpointGb: 'GB',
  gatewayEndpointHour: 'h',
  transitGatewayAttachmentHour: 'h',
  transitGatewayGb: 'GB',
  albHour: 'h',
  albLcuHour: 'LCU-h',
  nlbHour: 'h',
  nlbNlcuHour: 'NLCU-h',
  fargateVcpuHour: 'vCPU-h',
  fargateGbHour: 'GB-h',
  publicIpv4Hour: 'IP-h',
  wafWebAclMonth: 'month',
  wafRuleMonth: 'rule-month',
  wafMillionRequests: 'M requests',
  apiGatewayRestMillionRequests: 'M requests',
  dataTransferOutGb: 'GB',
  ec2InstanceHour: 'h',
  natGatewayHourWaiver: 'h',
  natGatewayGbWaiver: 'GB',
  unpriced: '',
};

/**
 * The cost report as a person reads a bill: one block per resource with its subtotal, then its charges;
 * what the usage figures assumed; what could not be priced and why; the total.
 */
export function formatCostTable(report: CostReport, options: CostTableOptions = {}): string {
  const wide = options.wide === true;
  const groups = groupCostLines(report.lines);
  const header = wide
    ? ['LOGICAL ID', 'RESOURCE / CHARGE', 'QUANTITY', 'UNIT PRICE', 'MONTHLY', 'USAGE FIGURE']
    : ['RESOURCE / CHARGE', 'QUANTITY', 'UNIT PRICE', 'MONTHLY'];
  const rows: Cell[][] = [header.map((text) => ({ text }))];
  for (const group of groups) {
    rows.push(groupRow(group, wide));
    rows.push(...group.lines.map((line) => lineRow(line, wide)));
  }
  const monthlyColumn = wide ? 4 : 3;
  rows.push(
    header.map((_, column) => ({
      text:
        column === monthlyColumn - 1
          ? report.complete
            ? 'TOTAL'
            : 'TOTAL (incomplete, at least)'
          : column === monthlyColumn
            ? formatUsd(report.totalUsd)
            : '',
      spill: column === monthlyColumn - 1,
    })),
  );
  const align = header.map((_, column) =>
    column === monthlyColumn || column === monthlyColumn - 1 ? 'right' : 'left',
  );
  const width = wide ? undefined : NARROW_WIDTH;
  const notes = [
    ...missingPrices(report),
    ...notPriced(report.lines.filter((line) => line.missingPrice === undefined)),
    ...report.usage.warnings.map((warning) => `Usage profile: ${warning}.`),
    ...(report.waiverRule
      ? [`Waiver: ${report.waiverRule.text}${wide ? ` (${report.waiverRule.source})` : ''}`]
      : []),
    wide
      ? `Sources: ${report.sources.join(' ')}`
      : `Sources: ${plural(report.sources.length, 'AWS page')}; --wide lists them and where each usage figure came from, --json has it all.`,
  ];
  return [
    `Monthly cost in ${report.region} at ${report.hoursPerMonth} h/month, prices as of ${report.pricesAsOf}`,
    ...usageNote(report).flatMap((note) => (width === undefined ? [note] : wrapText(note, width, '  '))),
    '',
    renderTable(rows, { align, ...(width === undefined ? {} : { width, shrinkColumn: wide ? 1 : 0 }) }),
    ...notes.flatMap((note) => (width === undefined ? [note] : wrapText(note, width, '  '))),
    '',
  ].join('\n');
}

/** The name people read: the construct path without CDK's `/Resource` leaf, else stack and logical ID. */
export function resourceLabel(resource: CostLine['resource']): string {
  if (resource === undefined) return 'account (data transfer out)';
  return resource.constructPath?.replace(/\/Resource$/, '') ?? `${resource.stack}/${resource.logicalId}`;
}

function groupRow(group: CostGroup, wide: boolean): Cell[] {
  const subtotal = subtotalText(group);
  const label = { text: resourceLabel(group.resource), spill: true };
  return wide
    ? [
        { text: group.resource?.logicalId ?? '—' },
        label,
        { text: '' },
        { text: '' },
        { text: subtotal },
        { text: '' },
      ]
    : [label, { text: '' }, { text: '' }, { text: subtotal }];
}

function lineRow(line: CostLine, wide: boolean): Cell[] {
  const what = { text: `  ${line.what}` };
  const monthly = { text: line.monthlyUsd.known ? formatUsd(line.monthlyUsd.value) : 'UNKNOWN' };
  const price = { text: line.unitPriceUsd === undefined ? '—' : formatUnitPrice(line.unitPriceUsd) };
  if (!wide) return [what, { text: quantity(line, SHORT_UNITS[line.charge], true) }, price, monthly];
  const from =
    line.usage === undefined ? '' : line.usage.from === 'default' ? 'default' : `profile ${line.usage.at}`;
  return [{ text: '' }, what, { text: quantity(line, line.unit, false) }, price, monthly, { text: from }];
}

function quantity(line: CostLine, unit: string, markUsage: boolean): string {
  if (!line.quantity.known) return 'unknown';
  const marker = markUsage && line.usage !== undefined ? ` (${line.usage.from})` : '';
  return `${groupThousands(line.quantity.value)} ${unit}${marker}`.replace(/ +\(/, ' (').trim();
}

/** A subtotal with an unknown line is a lower bound: `≥$37.96`; with no known line, UNKNOWN. */
export function subtotalText(group: CostGroup): string {
  if (group.complete) return formatUsd(group.subtotalUsd);
  return group.lines.some((line) => line.monthlyUsd.known) ? `≥${formatUsd(group.subtotalUsd)}` : 'UNKNOWN';
}

/** The prices the region's table lacks, each named once, with the reason the table gives. */
function missingPrices(report: CostReport): string[] {
  const byReason = new Map<string, Set<string>>();
  for (const line of report.lines) {
    if (line.missingPrice === undefined) continue;
    const units = byReason.get(line.missingPrice.reason) ?? new Set<string>();
    byReason.set(line.missingPrice.reason, units.add(line.missingPrice.unit));
  }
  return [...byReason].map(
    ([reason, units]) =>
      `Missing ${report.region} prices (their lines are UNKNOWN): ${[...units].join('; ')}. Why: ${reason}.`,
  );
}

/** One note per reason, naming the resources it leaves unpriced, so a reason is said once. */
function notPriced(lines: readonly CostLine[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const line of lines) {
    if (line.monthlyUsd.known) continue;
    const names = byReason.get(line.monthlyUsd.reason) ?? [];
    byReason.set(line.monthlyUsd.reason, [...names, line.resource?.logicalId ?? line.what]);
  }
  return [...byReason].map(([reason, names]) => `Not priced: ${reason} (${[...new Set(names)].join(', ')}).`);
}

function usageNote(report: CostReport): string[] {
  const figures = report.lines.flatMap((line) => (line.usage === undefined ? [] : [line.usage]));
  if (figures.length === 0) return [];
  const fromProfile = figures.filter((figure) => figure.from === 'profile').length;
  const counts = [
    ...(fromProfile > 0 ? [`${fromProfile} from the usage profile (marked profile)`] : []),
    ...(fromProfile < figures.length
      ? [`${plural(figures.length - fromProfile, 'Moat default')} (marked default)`]
      : []),
  ];
  return [`Usage figures: ${counts.join(', ')}; set them in cost.usage or with --usage FILE (docs/cost.md).`];
}
