import { readFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import type { Confirmation } from '@moat/confirm';
import type { ComparisonSummary } from '../compare/summary.js';
import type { PlanResult, StepResult } from '../plan/run-plan.js';
import type { PlanSummary } from '../plan/summary.js';
import { confirmedSection } from './confirmed.js';
import { renderDesigns } from './designs.js';
import { html, jsonForScript, trusted } from './html.js';
import { renderOverview } from './overview.js';
import { renderAnalyzedStep } from './sections.js';
import { renderLocalStep } from './step-one.js';

// Read once at import: the report inlines them so that the file works offline, from anywhere.
const STYLES = readFileSync(new URL('./report.css', import.meta.url), 'utf8');
const SCRIPT = readFileSync(new URL('./report-client.js', import.meta.url), 'utf8');

/**
 * One self-contained HTML file: inline CSS, inline SVG diagrams, a small script, and no URL to fetch (the
 * diagram files it links to sit beside it). It opens on the overview. Without the script every section shows
 * one after the other and the overview's links scroll to them, so the file also reads (and prints) on its own;
 * with it, tabs show one step at a time (and, with `--compare`, the Designs side by side), the chosen view lives in the URL hash, and diagrams pan and zoom.
 */
export function renderReport(
  plan: PlanResult,
  summary: PlanSummary,
  confirmations: ReadonlyMap<number, Confirmation> = new Map(),
): string {
  const reportDir = dirname(summary.report);
  const hrefOf = (file: string): string => relative(reportDir, file).split(sep).join('/');
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moat plan: ${plan.steps.length} steps in ${plan.region}</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
<header class="page-header">
  <h1>Moat plan</h1>
  <p>${verdict(summary)} Region ${plan.region}. Every figure below comes from the synthesized templates, before anything is deployed.</p>
</header>
<nav aria-label="Report" class="report-nav" hidden>
  <div role="tablist" aria-label="View" class="step-tabs">
    <button type="button" role="tab" id="tab-overview" aria-controls="overview" aria-selected="false" data-panel="overview" class="holds">Overview</button>
    ${plan.steps.map((result) => stepTab(result))}
    ${summary.designs === undefined ? '' : designsTab(summary.designs)}
  </div>
</nav>
<main>
  ${renderOverview(plan, summary)}
  ${plan.steps.map((result) =>
    result.kind === 'local'
      ? renderLocalStep(result)
      : renderAnalyzedStep(
          result,
          result.diagram.files.map(hrefOf),
          confirmedSection(result.step.id, confirmations.get(result.step.id)),
        ),
  )}
  ${summary.designs === undefined ? '' : renderDesigns(summary.designs)}
</main>
<script type="application/json" id="moat-plan">${jsonForScript(summary)}</script>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`;
  return page.markup;
}

function verdict(summary: PlanSummary): string {
  const failing = summary.steps.filter((step) => !step.holds);
  if (failing.length === 0) return 'Every step holds: all flows as expected, no invariant errors.';
  return `Not as expected in ${failing.map((step) => `step ${step.id}`).join(', ')}.`;
}

function designsTab(comparison: ComparisonSummary) {
  const holds = comparison.flowsAgree;
  return html`<button type="button" role="tab" id="tab-designs" aria-controls="designs" aria-selected="false" data-panel="designs" class="${holds ? 'holds' : 'fails'}">
      Designs${holds ? '' : html` <span class="tab-mark" aria-hidden="true">✗</span><span class="visually-hidden">, flows differ</span>`}
    </button>`;
}

function stepTab(result: StepResult) {
  const { id, slug } = result.step;
  const holds = result.kind === 'local' || result.verification.holds;
  return html`<button type="button" role="tab" id="tab-${id}" aria-controls="step-${id}" aria-selected="false" data-panel="step-${id}" class="${holds ? 'holds' : 'fails'}">
      <span class="tab-id">${id}</span>${holds ? '' : html` <span class="tab-mark" aria-hidden="true">✗</span>`} <span class="tab-slug">${slug}</span>${holds ? '' : html`<span class="visually-hidden">, not as expected</span>`}
    </button>`;
}
