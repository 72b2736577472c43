import { comparisonVerdict } from '../format/compare.js';
import { formatMonthly, formatUsd, formatUsdChange } from '../format/money.js';
import { formatFindingCounts } from '../format/verification.js';
import type { PlanResult } from '../plan/run-plan.js';
import type { PlanSummary, StepSummary } from '../plan/summary.js';
import { type Html, html } from './html.js';

/**
 * The report's first view: every step in one table (what it adds, flows as expected, findings, monthly cost and
 * change, as `moat plan` prints it), each row leading to its step. The links are plain anchors: they work
 * without the script, and with it they open the step's tab.
 */
export function renderOverview(plan: PlanResult, summary: PlanSummary): Html {
  return html`<section class="overview" id="overview" role="tabpanel" aria-labelledby="overview-title" data-panel="overview" tabindex="-1">
  <h2 id="overview-title">Overview</h2>
  <p class="summary">Every step of the guide, from the container on a laptop to the split accounts. Follow a step, or one of its figures, to its diagram, flows, findings and cost.</p>
  <div class="table-scroll">
  <table class="overview-table">
    <caption class="visually-hidden">The steps with what each adds, its flows and findings, and its monthly cost</caption>
    <thead><tr><th scope="col">step</th><th scope="col">what it adds</th><th scope="col" class="num">flows as expected</th><th scope="col">findings</th><th scope="col" class="num">monthly</th><th scope="col" class="num">change</th></tr></thead>
    <tbody>${summary.steps.map((step, index) => overviewRow(step, plan.steps[index]?.step.summary ?? ''))}</tbody>
  </table>
  </div>
  ${
    summary.designs === undefined
      ? ''
      : html`<p class="designs-link"><a href="#designs">Designs at step ${summary.designs.step.id} · ${summary.designs.step.slug}</a>: ${summary.designs.designs.length} configs side by side. ${comparisonVerdict(summary.designs.flowDifferences)}</p>`
  }
</section>
`;
}

function overviewRow(step: StepSummary, adds: string): Html {
  const id = `step-${step.id}`;
  const name = html`<a href="#${id}">${step.id} · ${step.slug}</a>${
    step.holds
      ? ''
      : html` <span class="tab-mark" aria-hidden="true">✗</span><span class="visually-hidden"> (not as expected)</span>`
  }`;
  if (step.kind === 'local') {
    return html`<tr class="holds"><th scope="row">${name}</th><td class="adds">${adds}</td><td class="num" data-label="flows">—</td><td data-label="findings">the container alone, no AWS</td><td class="num" data-label="monthly">${formatUsd('0')}</td><td class="num" data-label="change"></td></tr>`;
  }
  const asExpected = step.flows.filter((flow) => flow.holds).length;
  const findings = formatFindingCounts(step.findings);
  return html`<tr class="${step.holds ? 'holds' : 'fails'}"><th scope="row">${name}</th><td class="adds">${adds}</td><td class="num" data-label="flows"><a href="#${id}-flows">${asExpected}/${step.flows.length}</a></td><td data-label="findings"><a href="#${id}-findings">${findings}</a></td><td class="num" data-label="monthly"><a href="#${id}-cost">${formatMonthly(step)}</a></td><td class="num" data-label="change">${
    step.monthlyChangeUsd === undefined ? '' : formatUsdChange(step.monthlyChangeUsd)
  }</td></tr>`;
}
