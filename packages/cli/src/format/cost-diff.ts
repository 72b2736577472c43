import type { CostDelta, CostReport, LineChange, ResourceChange } from '@moat/analyzer';
import { NARROW_WIDTH, resourceLabel } from './cost-table.js';
import { formatUsd, formatUsdChange } from './money.js';
import { plural } from './plural.js';
import { type Cell, renderTable } from './table.js';
import { wrapText } from './wrap.js';

const MARKS = { added: '+', removed: '-', changed: '~' } as const;

/**
 * What changes between two assemblies, as a reviewer reads a cost diff: each resource that changed with
 * its subtotal before and after, then its lines that were added (+), removed (-) or changed (~).
 */
export function formatCostDiff(
  names: { readonly before: string; readonly after: string },
  after: CostReport,
  delta: CostDelta,
  options: { readonly wide?: boolean } = {},
): string {
  const wide = options.wide === true;
  const header = ['', ...(wide ? ['LOGICAL ID'] : []), 'RESOURCE / CHARGE', 'BEFORE', 'AFTER', 'CHANGE'].map(
    (text) => ({ text }),
  );
  const rows: Cell[][] = [header];
  for (const resource of delta.resources) {
    rows.push(resourceRow(resource, wide));
    rows.push(...resource.lines.map((line) => lineRow(line, wide)));
  }
  rows.push(
    [
      '',
      ...(wide ? [''] : []),
      delta.complete ? 'TOTAL' : 'TOTAL (known lines only)',
      delta.previousTotalUsd === undefined ? '' : formatUsd(delta.previousTotalUsd),
      formatUsd(delta.currentTotalUsd),
      formatUsdChange(delta.changeUsd),
    ].map((text, column) => ({ text, spill: column === (wide ? 2 : 1) })),
  );
  const labelColumn = wide ? 2 : 1;
  const align = header.map((_, column) => (column > labelColumn ? 'right' : 'left'));
  const summary =
    delta.resources.length === 0
      ? ['No line changed.']
      : [
          `${plural(delta.added.length, 'line')} added, ${delta.removed.length} removed, ${delta.changed.length} changed, ` +
            `in ${plural(delta.resources.length, 'resource')}.`,
        ];
  return [
    `Monthly cost change from ${names.before} to ${names.after}, in ${after.region} at ${after.hoursPerMonth} h/month, prices as of ${after.pricesAsOf}`,
    '',
    renderTable(rows, { align, ...(wide ? {} : { width: NARROW_WIDTH, shrinkColumn: labelColumn }) }),
    ...summary,
    ...after.usage.warnings.flatMap((warning) => wrapText(`Usage profile: ${warning}.`, NARROW_WIDTH, '  ')),
    '',
  ].join('\n');
}

function resourceRow(resource: ResourceChange, wide: boolean): Cell[] {
  return [
    { text: MARKS[resource.status] },
    ...(wide ? [{ text: resource.resource?.logicalId ?? '—' }] : []),
    { text: resourceLabel(resource.resource) },
    { text: resource.previousUsd === undefined ? '' : formatUsd(resource.previousUsd) },
    { text: resource.currentUsd === undefined ? '' : formatUsd(resource.currentUsd) },
    { text: formatUsdChange(resource.changeUsd) },
  ];
}

function lineRow(line: LineChange, wide: boolean): Cell[] {
  return [
    { text: '' },
    ...(wide ? [{ text: '' }] : []),
    { text: `  ${MARKS[line.status]} ${line.what}` },
    { text: amount(line.previousUsd, line.status !== 'added') },
    { text: amount(line.currentUsd, line.status !== 'removed') },
    { text: formatUsdChange(line.changeUsd) },
  ];
}

/** A line that exists but has no known amount reads UNKNOWN; one that does not exist stays blank. */
function amount(value: string | undefined, exists: boolean): string {
  if (value !== undefined) return formatUsd(value);
  return exists ? 'UNKNOWN' : '';
}
