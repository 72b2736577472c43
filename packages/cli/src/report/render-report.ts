import { readFileSync } from 'node:fs';
import type { PlanResult, StepResult } from '../plan/run-plan.js';
import type { PlanSummary } from '../plan/summary.js';
import { html, jsonForScript, trusted } from './html.js';
import { renderAnalyzedStep } from './sections.js';
import { renderLocalStep } from './step-one.js';

// Read once at import: the report inlines them so that the file works offline, from anywhere.
const STYLES = readFileSync(new URL('./report.css', import.meta.url), 'utf8');
const SCRIPT = readFileSync(new URL('./report-client.js', import.meta.url), 'utf8');

/**
 * One self-contained HTML file: inline CSS, inline SVG diagrams, a small script for the step selector,
 * and no URL to fetch. Without the script every step shows one after the other, so the file also reads
 * (and prints) on its own; with it, the selector shows one step at a time and keeps it in the URL hash.
 */
export function renderReport(plan: PlanResult, summary: PlanSummary): string {
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
<nav aria-label="Steps">
  <div role="tablist" aria-label="Step" class="step-tabs">
    ${plan.steps.map((result) => stepTab(result))}
  </div>
</nav>
<main>
  ${plan.steps.map((result) => (result.kind === 'local' ? renderLocalStep(result) : renderAnalyzedStep(result)))}
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

function stepTab(result: StepResult) {
  const { id, slug } = result.step;
  const holds = result.kind === 'local' || result.verification.holds;
  return html`<button type="button" role="tab" id="tab-${id}" aria-controls="step-${id}" aria-selected="false" data-step="${id}" class="${holds ? 'holds' : 'fails'}">
      <span class="tab-id">${id}</span>${holds ? '' : html` <span class="tab-mark" aria-hidden="true">✗</span>`} <span class="tab-slug">${slug}</span>${holds ? '' : html`<span class="visually-hidden">, not as expected</span>`}
    </button>`;
}
