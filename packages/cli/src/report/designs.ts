import type { ComparisonSummary, DesignSummary } from '../compare/summary.js';
import { brokenFlowLines, comparisonVerdict, designCostColumns } from '../format/compare.js';
import { type CostChangeRow, costChangeRows } from '../format/cost-diff.js';
import { formatMonthly } from '../format/money.js';
import { formatFindingCounts } from '../format/verification.js';
import { type Html, html } from './html.js';

/**
 * The Designs tab of `moat plan --compare`: what `moat compare` prints, as a panel. The plan's config is design
 * A; the others are side by side with it at the plan's last step: flows, findings, AZ losses survived, monthly
 * cost, the flows each breaks, and the cost line by line against A.
 */
export function renderDesigns(comparison: ComparisonSummary): Html {
  const { step, designs, flowDifferences } = comparison;
  const broken = designs.flatMap((design) => brokenFlowLines(design, designs));
  const [base, others] = designCostColumns(comparison);
  const cost = costChangeRows(base, others, { nameLinesAsFirst: true });
  return html`<section class="designs" id="designs" role="tabpanel" aria-labelledby="designs-title" data-panel="designs" tabindex="-1">
  <header>
    <p class="back"><a href="#overview">← Overview</a></p>
    <h2 id="designs-title">Designs at step ${step.id} · ${step.slug}</h2>
    <p class="summary">This plan's config is design A. Each other config was synthesized, verified and priced at the same step, each in its own region, as <code>moat compare</code> does.</p>
    <p class="verdict ${comparison.flowsAgree ? 'holds' : 'fails'}">${comparison.flowsAgree ? '✓' : '✗'} ${comparisonVerdict(flowDifferences)}</p>
  </header>
  <div class="table-scroll"><table class="designs-table">
    <caption class="visually-hidden">Each design with its flows, findings, AZ losses survived and monthly cost</caption>
    <thead><tr><th scope="col">design</th><th scope="col">config</th><th scope="col">region</th><th scope="col" class="num">flows as expected</th><th scope="col">findings</th><th scope="col" class="num">AZ losses survived</th><th scope="col" class="num">monthly</th></tr></thead>
    <tbody>${designs.map(designRow)}</tbody>
  </table></div>
  <section class="design-flows" id="designs-flows" aria-labelledby="designs-flows-title">
    <h3 id="designs-flows-title">Flows not as expected</h3>
    ${
      broken.length === 0
        ? html`<p>Every flow of every design is as expected.</p>`
        : html`<ul>${broken.map((line) => html`<li class="fails">${line}</li>`)}</ul>`
    }
  </section>
  <section class="design-cost" id="designs-cost" aria-labelledby="designs-cost-title">
    <h3 id="designs-cost-title">Monthly cost against ${base.heading}, line by line</h3>
    <p class="hint">Each line named as in ${base.heading}. + not in ${base.heading}, - in ${base.heading} but missing from a design, ~ in every design at another amount; = as in ${base.heading}; a blank amount: no such line; UNKNOWN: not priced.</p>
    <div class="table-scroll"><table class="cost-compare">
      <thead><tr><th scope="col">resource / charge</th>${cost.headings.map((heading) => html`<th scope="col" class="num">${heading}</th>`)}</tr></thead>
      <tbody>${cost.rows.filter((row) => row.kind !== 'total').map(costRow)}</tbody>
      <tfoot>${cost.rows.filter((row) => row.kind === 'total').map(costRow)}</tfoot>
    </table></div>
    ${cost.summaries.map((summary, index) => html`<p>${others[index]?.heading} against ${base.heading}: ${summary}</p>`)}
  </section>
</section>
`;
}

function designRow(design: DesignSummary): Html {
  const { flows, azLoss } = design;
  return html`<tr class="${design.holds ? 'holds' : 'fails'}"><th scope="row">${design.label}</th><td>${design.config}</td><td>${design.region}</td><td class="num">${flows.filter((flow) => flow.holds).length}/${flows.length}</td><td>${formatFindingCounts(design.findings)}</td><td class="num">${azLoss.survived}/${azLoss.total}${azLoss.required ? '' : ' (workload in one AZ)'}</td><td class="num">${formatMonthly(design)}</td></tr>`;
}

function costRow(row: CostChangeRow): Html {
  const label =
    row.kind === 'line'
      ? html`<td class="line">${row.mark} ${row.label}</td>`
      : html`<th scope="row">${row.kind === 'resource' ? `${row.mark} ` : ''}${row.label}</th>`;
  return html`<tr class="cost-${row.kind}">${label}${row.amounts.map((amount) => html`<td class="num">${amount}</td>`)}</tr>`;
}
