import { decimal, toCents } from './decimal.js';
import type { CostLine, CostReport } from './price-inventory.js';
import type { TrafficProfile } from './traffic.js';

const TRAFFIC_LABELS: Readonly<Record<keyof TrafficProfile, (value: number) => string>> = {
  internetEgressGbPerMonth: (value) => `${groupThousands(String(value))} GB/month out to the internet`,
  requestsPerMonth: (value) => `${groupThousands(String(value))} requests/month`,
  egressPathGbPerMonth: (value) => `${groupThousands(String(value))} GB/month through the egress path`,
  vpcEndpointGbPerMonth: (value) => `${groupThousands(String(value))} GB/month through interface endpoints`,
  loadBalancerCapacityUnits: (value) => `${value} capacity units per load balancer-hour`,
};

/** The report as a person reads it: one row per line, amounts rounded to cents, the assumptions above. */
export function formatCostTable(report: CostReport): string {
  const header = ['LOGICAL ID', 'RESOURCE', 'CHARGE', 'QUANTITY', 'UNIT PRICE', 'MONTHLY'];
  const rows = report.lines.map(row);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((cells) => cells[column]?.length ?? 0)),
  );
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column >= 4 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const totalLabel = report.complete ? 'TOTAL' : 'TOTAL (incomplete, at least)';
  const traffic = (Object.keys(TRAFFIC_LABELS) as (keyof TrafficProfile)[]).map(
    (key) =>
      `${TRAFFIC_LABELS[key](report.traffic.profile[key])}${report.traffic.defaulted.includes(key) ? ' (default)' : ''}`,
  );
  return [
    `Monthly cost in ${report.region} at ${report.hoursPerMonth} h/month, prices as of ${report.pricesAsOf}`,
    `Traffic: ${traffic.join('; ')}`,
    '',
    render(header),
    ...rows.map(render),
    render(['', '', '', '', totalLabel, usd(report.totalUsd)]),
    ...report.incompleteReasons.map((reason) => `Not priced: ${reason}`),
    ...(report.waiverRule ? [`Waiver: ${report.waiverRule}`] : []),
    `Sources: ${report.sources.join(' ')}`,
    '',
  ].join('\n');
}

function row(line: CostLine): string[] {
  return [
    line.resource?.logicalId ?? '—',
    line.resource
      ? (line.resource.constructPath ?? `${line.resource.stack} ${line.resource.type}`)
      : '(several)',
    line.what,
    line.quantity.known ? `${groupThousands(line.quantity.value)} ${line.unit}` : 'unknown',
    line.unitPriceUsd === undefined ? '—' : `$${line.unitPriceUsd}`,
    line.monthlyUsd.known ? usd(line.monthlyUsd.value) : 'unknown',
  ];
}

function usd(amount: string): string {
  const cents = toCents(decimal(amount));
  return cents.startsWith('-') ? `-$${cents.slice(1)}` : `$${cents}`;
}

/** `1000000.5` → `1,000,000.5`, on the exact text so that no digit is rounded away. */
function groupThousands(amount: string): string {
  const [whole = '', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
