import {
  type CostDelta,
  type CostReport,
  groupCostLines,
  type LineChange,
  type ResourceChange,
  resourceKey,
} from '@moat/analyzer';
import { NARROW_WIDTH, resourceLabel, subtotalText } from './cost-table.js';
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
  reports: { readonly before: CostReport; readonly after: CostReport },
  delta: CostDelta,
  options: { readonly wide?: boolean } = {},
): string {
  const { after } = reports;
  const { table, summaries } = costChangeTable(
    { heading: 'BEFORE', report: reports.before },
    [{ heading: 'AFTER', changeHeading: 'CHANGE', report: after, delta }],
    options,
  );
  return [
    `Monthly cost change from ${names.before} to ${names.after}, in ${after.region} at ${after.hoursPerMonth} h/month, prices as of ${after.pricesAsOf}`,
    '',
    table,
    ...summaries,
    ...after.usage.warnings.flatMap((warning) => wrapText(`Usage profile: ${warning}.`, NARROW_WIDTH, '  ')),
    '',
  ].join('\n');
}

/** The first column of a cost change table: what the others are measured against. */
export interface BaseColumn {
  readonly heading: string;
  readonly report: CostReport;
}

/** Another column: its report, and its change from the first (`compareCosts(first, this)`). */
export interface ChangeColumn extends BaseColumn {
  readonly changeHeading: string;
  readonly delta: CostDelta;
}

/** A resource or a line as the table shows it in each column; an amount is undefined where it does not exist. */
interface RowCells {
  /** Whether it exists in the first column's report. */
  readonly inBase: boolean;
  readonly baseText: string | undefined;
  /** Per other column: its amount and change, or undefined when that column has it as the first does. */
  readonly changes: readonly (
    | { readonly exists: boolean; readonly text: string | undefined; readonly change: string }
    | undefined
  )[];
}

/** A line that exists but has no known amount reads UNKNOWN; one that does not exist stays blank. */
function lineAmount(usd: string | undefined, exists: boolean): string | undefined {
  if (usd !== undefined) return formatUsd(usd);
  return exists ? 'UNKNOWN' : undefined;
}

export interface CostChangeTableOptions {
  /** Logical IDs as their own column, and no width limit. */
  readonly wide?: boolean;
  /**
   * Name a line as the first column names it (`moat compare`: the design the others are measured against),
   * rather than as the first column that changes it (`moat cost --diff`: as it is after the change).
   */
  readonly nameLinesAsFirst?: boolean;
}

/** One row of a cost change table: a resource with its subtotals, one of its lines, or the total. */
export interface CostChangeRow {
  readonly kind: 'resource' | 'line' | 'total';
  /** How the other columns differ from the first: +, - or ~ (see {@link costChangeRows}); blank for the total. */
  readonly mark: string;
  /** Absent for a line, the total, and the account's own lines. */
  readonly logicalId?: string;
  /** The resource's name, the line's description, or TOTAL. */
  readonly label: string;
  /** The first column's amount, then each other column's amount and change. */
  readonly amounts: readonly string[];
}

/**
 * The cost change table of `moat cost --diff` (two columns) and `moat compare` (one per design), as rows: each
 * resource that differs from the first column in at least one other, with its subtotals, then its lines that
 * differ, then the total. A mark says how the others differ from the first: + not in the first, - in the first
 * but missing from another, ~ in all with different amounts. An amount is blank where the line does not exist,
 * UNKNOWN where it cannot be priced; a change reads = where a column has it as the first does. A total with an
 * unknown line is a lower bound (≥). `headings` name the amount columns; `summaries` has one sentence per
 * other column: what differs from the first.
 */
export function costChangeRows(
  base: BaseColumn,
  others: readonly ChangeColumn[],
  options: Pick<CostChangeTableOptions, 'nameLinesAsFirst'> = {},
): {
  readonly headings: readonly string[];
  readonly rows: readonly CostChangeRow[];
  readonly summaries: readonly string[];
} {
  const baseWhat = new Map(base.report.lines.map((line) => [lineKey(line), line.what]));
  const nameOf = (line: LineChange) =>
    (options.nameLinesAsFirst === true ? baseWhat.get(lineKey(line)) : undefined) ?? line.what;
  const rows: CostChangeRow[] = [];
  for (const resource of unionOfResources(others.map((column) => column.delta))) {
    const cells = resourceCells(resource, base, others);
    const logicalId = resource.resource?.logicalId;
    rows.push({
      kind: 'resource',
      mark: markOf(cells),
      ...(logicalId === undefined ? {} : { logicalId }),
      label: resourceLabel(resource.resource),
      amounts: amounts(cells),
    });
    for (const line of unionOfLines(resource, others)) {
      const lineCellsOf = lineCells(line, others);
      rows.push({
        kind: 'line',
        mark: markOf(lineCellsOf),
        label: nameOf(line),
        amounts: amounts(lineCellsOf),
      });
    }
  }
  const complete = [base.report, ...others.map((column) => column.report)].every((report) => report.complete);
  rows.push({
    kind: 'total',
    mark: '',
    label: complete ? 'TOTAL' : 'TOTAL (known lines only)',
    amounts: [
      total(base.report),
      ...others.flatMap((column) => [total(column.report), formatUsdChange(column.delta.changeUsd)]),
    ],
  });
  return {
    headings: [base.heading, ...others.flatMap((column) => [column.heading, column.changeHeading])],
    rows,
    summaries: others.map((column) => summary(column.delta)),
  };
}

/** {@link costChangeRows} as a text table, 120 columns wide unless `wide` (which adds the logical IDs). */
export function costChangeTable(
  base: BaseColumn,
  others: readonly ChangeColumn[],
  options: CostChangeTableOptions = {},
): { readonly table: string; readonly summaries: readonly string[] } {
  const wide = options.wide === true;
  const { headings, rows, summaries } = costChangeRows(base, others, options);
  const header = ['', ...(wide ? ['LOGICAL ID'] : []), 'RESOURCE / CHARGE', ...headings].map((text) => ({
    text,
  }));
  const labelColumn = wide ? 2 : 1;
  const cells = rows.map((row): Cell[] => {
    const logicalId = wide ? [{ text: row.kind === 'resource' ? (row.logicalId ?? '—') : '' }] : [];
    const label =
      row.kind === 'line'
        ? { text: `  ${row.mark} ${row.label}` }
        : { text: row.label, ...(row.kind === 'total' ? { spill: true } : {}) };
    return [
      { text: row.kind === 'resource' ? row.mark : '' },
      ...logicalId,
      label,
      ...row.amounts.map((text) => ({ text })),
    ];
  });
  const align = header.map((_, column) => (column > labelColumn ? 'right' : 'left'));
  return {
    table: renderTable([header, ...cells], {
      align,
      ...(wide ? {} : { width: NARROW_WIDTH, shrinkColumn: labelColumn }),
    }),
    summaries,
  };
}

function summary(delta: CostDelta): string {
  if (delta.resources.length === 0) return 'No line changed.';
  return (
    `${plural(delta.added.length, 'line')} added, ${delta.removed.length} removed, ${delta.changed.length} changed, ` +
    `in ${plural(delta.resources.length, 'resource')}.`
  );
}

/** A report's total; with a line it could not price, the known part as a lower bound. */
function total(report: CostReport): string {
  return `${report.complete ? '' : '≥'}${formatUsd(report.totalUsd)}`;
}

/** The resources that differ in any column, in the order of the first column that lists them. */
function unionOfResources(deltas: readonly CostDelta[]): ResourceChange[] {
  const byKey = new Map<string, ResourceChange>();
  for (const delta of deltas) {
    for (const resource of delta.resources) {
      const key = resourceKey(resource.resource);
      if (!byKey.has(key)) byKey.set(key, resource);
    }
  }
  return [...byKey.values()];
}

/** A line is the same line in two reports when its resource and its charge are: how compareCosts matches them. */
const lineKey = (line: Pick<LineChange, 'resource' | 'charge'>): string =>
  `${resourceKey(line.resource)} ${line.charge}`;

/** The lines of a resource that differ in any column, each once, as the first column listing it has it. */
function unionOfLines(resource: ResourceChange, others: readonly ChangeColumn[]): LineChange[] {
  const key = resourceKey(resource.resource);
  const byKey = new Map<string, LineChange>();
  for (const column of others) {
    const changed = column.delta.resources.find((candidate) => resourceKey(candidate.resource) === key);
    for (const line of changed?.lines ?? []) if (!byKey.has(lineKey(line))) byKey.set(lineKey(line), line);
  }
  return [...byKey.values()];
}

/**
 * A resource's subtotal in each column, as `moat cost` shows it (≥ when a line is unknown, UNKNOWN when all are),
 * and its change: UNKNOWN when a side has a line it cannot price.
 */
function resourceCells(
  resource: ResourceChange,
  base: BaseColumn,
  others: readonly ChangeColumn[],
): RowCells {
  const key = resourceKey(resource.resource);
  const groupIn = (report: CostReport) =>
    groupCostLines(report.lines).find((candidate) => resourceKey(candidate.resource) === key);
  const baseGroup = groupIn(base.report);
  return {
    inBase: resource.status !== 'added',
    baseText: baseGroup && subtotalText(baseGroup),
    changes: others.map((column) => {
      const changed = column.delta.resources.find((candidate) => resourceKey(candidate.resource) === key);
      if (changed === undefined) return undefined;
      const group = groupIn(column.report);
      const known = (baseGroup?.complete ?? true) && (group?.complete ?? true);
      return {
        exists: changed.status !== 'removed',
        text: group && subtotalText(group),
        change: known ? formatUsdChange(changed.changeUsd) : 'UNKNOWN',
      };
    }),
  };
}

/** A line's amount in each column, and its change: UNKNOWN when a side has the line but cannot price it. */
function lineCells(line: LineChange, others: readonly ChangeColumn[]): RowCells {
  const key = lineKey(line);
  const inColumn = (column: ChangeColumn) =>
    [...column.delta.added, ...column.delta.changed, ...column.delta.removed].find(
      (candidate) => lineKey(candidate) === key,
    );
  const first = others.map(inColumn).find((candidate) => candidate !== undefined) ?? line;
  const inBase = first.status !== 'added';
  const baseKnown = !inBase || first.previousUsd !== undefined;
  return {
    inBase,
    baseText: lineAmount(first.previousUsd, inBase),
    changes: others.map((column) => {
      const changed = inColumn(column);
      if (changed === undefined) return undefined;
      const exists = changed.status !== 'removed';
      const known = baseKnown && (!exists || changed.currentUsd !== undefined);
      return {
        exists,
        text: lineAmount(changed.currentUsd, exists),
        change: known ? formatUsdChange(changed.changeUsd) : 'UNKNOWN',
      };
    }),
  };
}

/** + not in the first column, - in the first but missing from another, ~ in all of them. */
function markOf(cells: RowCells): string {
  if (!cells.inBase) return MARKS.added;
  return cells.changes.some((change) => change?.exists === false) ? MARKS.removed : MARKS.changed;
}

/** The first column's amount, then each other column's amount and change (= where it is as in the first). */
function amounts(cells: RowCells): string[] {
  return [
    cells.baseText ?? '',
    ...cells.changes.flatMap((change) =>
      change === undefined ? [cells.baseText ?? '', '='] : [change.text ?? '', change.change],
    ),
  ];
}
