import { brokenFlowNames, type FlowDifference, flowOutcome } from '../compare/flow-outcomes.js';
import type { ComparisonSummary, DesignSummary } from '../compare/summary.js';
import { formatColumns } from './columns.js';
import { type BaseColumn, type ChangeColumn, costChangeTable } from './cost-diff.js';
import { NARROW_WIDTH } from './cost-table.js';
import { formatMonthly } from './money.js';
import { formatFindingCounts } from './verification.js';
import { wrapText } from './wrap.js';

/**
 * `moat compare` as text: one row per design (flows as expected, findings, AZ losses survived, monthly cost),
 * the flows each design breaks and whether the others keep them, then the monthly cost line by line against
 * the first design (the table of `moat cost --diff`, one column pair per design), and the verdict.
 */
export function formatComparison(comparison: ComparisonSummary, configNames: readonly string[]): string {
  const { step, designs, costChanges, flowDifferences } = comparison;
  const [first] = designs;
  if (first === undefined) return '';
  const broken = designs.flatMap((design) => brokenFlowLines(design, designs).map((line) => `  ${line}`));
  const { table, summaries } = costChangeTable(...designCostColumns(comparison), { nameLinesAsFirst: true });
  const notes = designs.flatMap((design) =>
    design.cost.usage.warnings.map((warning) => `Usage profile of ${design.label}: ${warning}.`),
  );
  return [
    `Designs at step ${step.id} ${step.slug}, each priced in its region at ${first.cost.hoursPerMonth} h/month, prices as of ${[...new Set(designs.map((design) => design.cost.pricesAsOf))].join(', ')}`,
    '',
    formatDesignTable(designs, configNames),
    '',
    ...(broken.length === 0
      ? ['Every flow of every design is as expected.']
      : ['Not as expected:', ...broken]),
    '',
    `Monthly cost against ${first.label}, line by line (lines named as in ${first.label}; = as in ${first.label}; blank: no such line; UNKNOWN: not priced):`,
    table,
    ...costChanges.map(({ design }, index) => `${design} against ${first.label}: ${summaries[index] ?? ''}`),
    ...notes.flatMap((note) => wrapText(note, NARROW_WIDTH, '  ')),
    '',
    comparisonVerdict(flowDifferences),
    '',
  ].join('\n');
}

/** The columns of the comparison's cost table: the first design's, then each other's against it. */
export function designCostColumns({
  designs,
  costChanges,
}: ComparisonSummary): [BaseColumn, readonly ChangeColumn[]] {
  const [first] = designs;
  if (first === undefined) throw new Error('a comparison without designs');
  const others = costChanges.flatMap(({ design: label, change }) => {
    const design = designs.find((candidate) => candidate.label === label);
    return design === undefined
      ? []
      : [{ heading: label, changeHeading: `${label}-${first.label}`, report: design.cost, delta: change }];
  });
  return [{ heading: first.label, report: first.cost }, others];
}

/** One row per design: its config, region, flows as expected, findings, AZ losses survived and monthly cost. */
export function formatDesignTable(designs: readonly DesignSummary[], configNames: readonly string[]): string {
  const header = [
    'design',
    'config',
    'region',
    'flows as expected',
    'findings',
    'AZ losses survived',
    'monthly',
  ];
  const rows = designs.map((design, index) => designRow(design, configNames[index] ?? design.config));
  return formatColumns([header, ...rows], {
    align: ['right', 'left', 'left', 'right', 'left', 'right', 'right'],
  });
}

function designRow(design: DesignSummary, configName: string): string[] {
  const { flows, azLoss } = design;
  return [
    design.label,
    configName,
    design.region,
    `${flows.filter((flow) => flow.holds).length}/${flows.length}`,
    formatFindingCounts(design.findings),
    `${azLoss.survived}/${azLoss.total}${azLoss.required ? '' : ' (workload in one AZ)'}`,
    formatMonthly(design),
  ];
}

/** One line per flow name a design breaks: how it ends, what was expected, and which other designs keep it. */
export function brokenFlowLines(design: DesignSummary, designs: readonly DesignSummary[]): string[] {
  return brokenFlowNames(design.flows).flatMap((name) => {
    const outcome = flowOutcome(design.flows, name);
    if (outcome === undefined || outcome.kept) return [];
    const keptBy = designs
      .filter((other) => other !== design && flowOutcome(other.flows, name)?.kept === true)
      .map((other) => other.label);
    const others =
      keptBy.length === 0
        ? 'no other design keeps it'
        : `${listLabels(keptBy)} keep${keptBy.length === 1 ? 's' : ''} it`;
    return [
      `${design.label}  ${name}: ${outcome.actual.join(', ')}, expected ${outcome.expected}; ${others}`,
    ];
  });
}

export function comparisonVerdict(differences: readonly FlowDifference[]): string {
  if (differences.length === 0) return 'No flow is as expected in one design and not in another.';
  const each = differences.map(
    (difference) =>
      `${difference.flow} (kept by ${listLabels(difference.keptBy)}, broken by ${listLabels(difference.brokenBy.map((design) => design.label))})`,
  );
  return `Flows that differ between the designs: ${each.join('; ')}.`;
}

function listLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
