import {
  type CostDelta,
  type CostLine,
  type DrawnFlow,
  displayName,
  type Finding,
  type FlowResult,
  type Hop,
  type Resolved,
  type Source,
  sourceLocation,
  type Trace,
} from '@moat/analyzer';
import { formatUnitPrice, formatUsd, formatUsdChange } from '../format/money.js';
import { plural } from '../format/plural.js';
import { describeHopDecision, describeReturn, findingText } from '../format/trace.js';
import type { ResourceRef } from '../plan/resource-changes.js';
import type { AnalyzedStep } from '../plan/run-plan.js';
import type { Verification } from '../verification.js';
import { diagramFigure } from './diagram-view.js';
import { disruptionsSection } from './disruptions.js';
import { type Html, html, trusted } from './html.js';

/**
 * One step's panel: what it adds, the diagram with its flows as the legend under it (each opening on its hops),
 * findings, AZ loss, cost, changes. `fileHrefs` lead from the report to the step's diagram files; `confirmed` is
 * what `moat plan --confirm` found for the step's deployment.
 */
export function renderAnalyzedStep(
  result: AnalyzedStep,
  fileHrefs: readonly string[] = [],
  confirmed: Html | '' = '',
): Html {
  const { step, verification } = result;
  const broken = verification.flows.filter((flow) => !flow.holds).length;
  const errors = verification.findings.filter((finding) => finding.severity === 'error').length;
  const lostZones = verification.highlyAvailable
    ? verification.azLoss.filter((loss) => !loss.survives).length
    : 0;
  return html`<section class="step" id="step-${step.id}" role="tabpanel" aria-labelledby="step-${step.id}-title" data-panel="step-${step.id}" tabindex="-1">
  <header>
    <p class="back"><a href="#overview">← Overview</a></p>
    <h2 id="step-${step.id}-title">Step ${step.id} · ${step.slug}</h2>
    <p class="summary">${step.summary}</p>
    <p class="verdict ${verification.holds ? 'holds' : 'fails'}">${
      verification.holds ? '✓ Holds' : '✗ Not as expected'
    }: ${verification.flows.length - broken} of ${verification.flows.length} flows as expected, ${plural(errors, 'invariant error')}${
      lostZones === 0 ? '' : `, ${plural(lostZones, 'AZ loss', 'AZ losses')} not survived`
    } · <span class="monthly">${formatUsd(result.cost.totalUsd)}</span> a month${
      result.costChange === undefined
        ? ''
        : ` (${formatUsdChange(result.costChange.changeUsd)} from step ${result.previousStepId})`
    }</p>
  </header>
  ${diagramFigure(result, fileHrefs)}
  ${flowsSection(result)}
  ${findingsSection(step.id, verification.findings)}
  ${azLossSection(verification)}
  ${costSection(result)}
  ${changesSection(result)}
  ${disruptionsSection(result)}
  ${confirmed}
</section>
`;
}

/** A resource by its name, with where it is in the templates on hover (and for screen readers' title). */
function resourceName(source: Source): Html {
  // A long path may break after a slash, never inside a name.
  const parts = displayName(source).split('/');
  return html`<span class="resource" title="${sourceLocation(source)}">${parts.map((part, index) => (index === 0 ? part : html`/<wbr>${part}`))}</span>`;
}

/** The line a flow is drawn with, as a small picture beside its name: the diagram's legend. */
function lineSample(flow: DrawnFlow): Html {
  const dash = flow.line === 'dashed' ? '7 4' : flow.line === 'dotted' ? '2 3' : '';
  return html`<svg class="line-sample" width="36" height="12" viewBox="0 0 36 12" aria-hidden="true"><line x1="1" y1="6" x2="30" y2="6" stroke="${flow.colour}" stroke-width="3"${dash ? trusted(` stroke-dasharray="${dash}"`) : ''}/>${
    flow.line === 'dashed'
      ? html`<path d="M29 2 L35 10 M35 2 L29 10" stroke="${flow.colour}" stroke-width="2"/>`
      : html`<path d="M29 1 L36 6 L29 11 z" fill="${flow.colour}"/>`
  }</svg>`;
}

/**
 * The flows as the diagram's legend: each with its line, what it is and its outcome, opening on the hops of its
 * traces. The hops carry the id the diagram's lines link to (`#step-7-flow-ingress`): following a link opens
 * them, with the script or without it (a browser opens a closed `<details>` that holds the target).
 */
function flowsSection(result: AnalyzedStep): Html {
  const { step, verification, diagram } = result;
  return html`<section class="flows" id="step-${step.id}-flows" aria-labelledby="step-${step.id}-flows-title">
    <h3 id="step-${step.id}-flows-title">Flows</h3>
    <p class="hint">The legend of the diagram above: each flow's line, what it is and whether the step expects it. Open a flow for its hops.</p>
    ${verification.flows.map((flow, index) => flowEntry(step.id, flow, diagram.flows[index]))}
    ${verification.skippedFlows.map((flow) => html`<p class="skipped">Not checked here: <strong>${flow.name}</strong>, ${flow.reason}</p>`)}
    ${structureKey(diagram.lines)}
  </section>`;
}

function flowEntry(stepId: number, flow: FlowResult, drawn: DrawnFlow | undefined): Html {
  const key = drawn?.key ?? flow.expectation.name;
  return html`<details class="flow ${flow.holds ? 'holds' : 'fails'}" data-flow="${key}"${flow.holds ? '' : trusted(' open')}>
      <summary>${drawn === undefined ? '' : lineSample(drawn)}<span class="mark" aria-hidden="true">${flow.holds ? '✓' : '✗'}</span><span class="visually-hidden">${flow.holds ? 'as expected:' : 'not as expected:'}</span>
        <strong>${flow.expectation.name}</strong> <span class="description">${drawn?.description ?? ''}</span>
        <span class="disposition">${flow.trace.disposition}</span>${
          flow.holds ? '' : html` <span class="expected">expected ${flow.expectation.expected}</span>`
        }${drawn?.drawn === false ? html` <span class="not-drawn">(not in the drawing: it stops before any resource)</span>` : ''}</summary>
      <div class="flow-hops" id="step-${stepId}-flow-${key}">${flow.traces.map(traceBlock)}</div>
    </details>`;
}

function structureKey(lines: AnalyzedStep['diagram']['lines']): Html | '' {
  if (!lines.attachments && !lines.shares) return '';
  return html`<ul class="structure-key">${
    lines.attachments
      ? html`<li><svg class="line-sample" width="36" height="12" aria-hidden="true"><line x1="1" y1="6" x2="35" y2="6" stroke="#9a9a9a" stroke-width="2"/></svg>a transit gateway attachment (its ENI in a subnet)</li>`
      : ''
  }${
    lines.shares
      ? html`<li><svg class="line-sample" width="36" height="12" aria-hidden="true"><line x1="1" y1="6" x2="35" y2="6" stroke="#c7106a" stroke-width="2" stroke-dasharray="2 3"/></svg>a resource shared with another account through AWS RAM</li>`
      : ''
  }</ul>`;
}

function traceBlock(trace: Trace): Html {
  const where = trace.availabilityZone === undefined ? '' : ` from ${trace.availabilityZone}`;
  return html`<div class="trace">
      <p class="trace-title">${trace.disposition}${where}, ${plural(trace.hops.length, 'hop')}</p>
      ${hopTable(trace.hops)}
      ${trace.returnHops === undefined || trace.returnHops.length === 0 ? '' : html`<p class="return">Return: ${describeReturn(trace.returnHops)}</p>`}
      ${trace.reason === undefined ? '' : html`<p class="reason">${trace.reason}</p>`}
      ${trace.unknownReason === undefined ? '' : html`<p class="reason">Unknown: ${trace.unknownReason}</p>`}
      ${(trace.assumptions ?? []).map((assumption) => html`<p class="assumption">Assumes: ${assumption}</p>`)}
    </div>`;
}

function hopTable(hops: readonly Hop[]): Html {
  return html`<div class="table-scroll"><table class="hops">
        <thead><tr><th scope="col">#</th><th scope="col">hop</th><th scope="col">resource</th><th scope="col">decision</th></tr></thead>
        <tbody>${hops.map(
          (hop, index) =>
            html`<tr><td>${index + 1}</td><td>${hop.kind}</td><td>${resourceName(hop.node)}</td><td>${describeHopDecision(hop)}</td></tr>`,
        )}</tbody>
      </table></div>`;
}

function findingsSection(stepId: number, findings: readonly Finding[]): Html {
  const heading = html`<h3 id="step-${stepId}-findings-title">Findings</h3>`;
  if (findings.length === 0) {
    return html`<section class="findings" id="step-${stepId}-findings" aria-labelledby="step-${stepId}-findings-title">${heading}<p>No invariant reports anything.</p></section>`;
  }
  return html`<section class="findings" id="step-${stepId}-findings" aria-labelledby="step-${stepId}-findings-title">
    ${heading}
    <div class="table-scroll"><table>
      <thead><tr><th scope="col">rule</th><th scope="col">severity</th><th scope="col">finding</th><th scope="col">resource</th></tr></thead>
      <tbody>${findings.map(
        (finding) =>
          html`<tr class="${finding.acknowledgement === undefined ? finding.severity : 'acknowledged'}"><td>${finding.ruleId}</td><td>${finding.severity}${finding.undetermined === true ? ' (undetermined)' : ''}${finding.acknowledgement === undefined ? '' : ', acknowledged'}</td><td>${findingText(finding)}${finding.acknowledgement === undefined ? '' : html`<br><em>Acknowledged: ${finding.acknowledgement.reason}</em>`}</td><td>${
            finding.source === undefined ? '' : resourceName(finding.source)
          }</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

function azLossSection({ azLoss, highlyAvailable }: Verification): Html | '' {
  if (azLoss.length === 0) return '';
  return html`<section class="az-loss" aria-label="Loss of an Availability Zone">
    <h3>Loss of an Availability Zone</h3>
    <p>${
      highlyAvailable
        ? 'The workload runs in several AZs, so every accepted flow must survive the loss of any one of them.'
        : 'The workload runs in one AZ: shown for information, not required.'
    }</p>
    <ul>${azLoss.map((loss) => {
      const stopped = loss.flows.filter((flow) => !flow.holds);
      return html`<li class="${loss.survives ? 'holds' : 'fails'}">Without ${loss.availabilityZone}: ${
        stopped.length === 0
          ? 'every accepted flow is still accepted.'
          : `stops ${stopped.map((flow) => `${flow.expectation.name} (${flow.trace.disposition}${flow.trace.reason === undefined ? '' : `: ${flow.trace.reason}`})`).join('; ')}.`
      }</li>`;
    })}</ul>
  </section>`;
}

function costSection(result: AnalyzedStep): Html {
  const { cost, costChange, step } = result;
  return html`<section class="cost" id="step-${step.id}-cost" aria-labelledby="step-${step.id}-cost-title">
    <h3 id="step-${step.id}-cost-title">Monthly cost</h3>
    <div class="table-scroll"><table>
      <thead><tr><th scope="col">charge</th><th scope="col">resource</th><th scope="col">quantity</th><th scope="col" class="num">unit price</th><th scope="col" class="num">per month</th></tr></thead>
      <tbody>${cost.lines.map(costRow)}</tbody>
      <tfoot><tr><th scope="row" colspan="4">Total (${cost.region}, ${cost.hoursPerMonth} h a month, prices as of ${cost.pricesAsOf})</th><td class="num total">${formatUsd(cost.totalUsd)}</td></tr></tfoot>
    </table></div>
    ${cost.complete ? '' : html`<p class="reason">Incomplete: ${cost.incompleteReasons.join('; ')}</p>`}
    ${
      costChange === undefined
        ? html`<p>The first priced step: nothing to compare with.</p>`
        : costChangeTable(costChange, result.previousStepId)
    }
  </section>`;
}

function costChangeTable(delta: CostDelta, previousStepId: number | undefined): Html {
  const lines = [...delta.added, ...delta.changed, ...delta.removed];
  const usd = (amount: string | undefined) => (amount === undefined ? '' : formatUsd(amount));
  return html`<p class="change">Change from step ${previousStepId}: <strong>${formatUsdChange(delta.changeUsd)}</strong> a month${
    delta.complete ? '' : ' (known lines only)'
  }.</p>
    ${
      lines.length === 0
        ? ''
        : html`<div class="table-scroll"><table class="cost-change">
      <thead><tr><th scope="col">charge</th><th scope="col" class="num">before</th><th scope="col" class="num">now</th><th scope="col" class="num">change</th></tr></thead>
      <tbody>${lines.map(
        (line) =>
          html`<tr><td>${line.what}</td><td class="num">${usd(line.previousUsd)}</td><td class="num">${usd(line.currentUsd)}</td><td class="num">${formatUsdChange(line.changeUsd)}</td></tr>`,
      )}</tbody>
    </table></div>`
    }`;
}

function costRow(line: CostLine): Html {
  return html`<tr class="${line.category}"><td>${line.what}</td><td>${
    line.resource === undefined
      ? html`<span class="muted">the account (data transfer out)</span>`
      : resourceName(line.resource)
  }</td><td>${resolved(line.quantity)} ${line.unit}</td><td class="num">${
    // Unit prices keep every published digit (Fargate's $0.04656 per vCPU-hour); amounts show cents.
    line.unitPriceUsd === undefined ? '' : formatUnitPrice(line.unitPriceUsd)
  }</td><td class="num">${line.monthlyUsd.known ? formatUsd(line.monthlyUsd.value) : `unknown: ${line.monthlyUsd.reason}`}</td></tr>`;
}

function resolved(value: Resolved<string>): string {
  return value.known ? value.value : `unknown (${value.reason})`;
}

function changesSection(result: AnalyzedStep): Html {
  const { added, removed, modified } = result.changes;
  const from = result.previousStepId === undefined ? 'nothing' : `step ${result.previousStepId}`;
  return html`<section class="changes" aria-label="Changes">
    <h3>What changed from ${from}</h3>
    <p>${added.length} resources added, ${removed.length} removed, ${modified.length} modified.</p>
    ${resourceList('Added', added, { open: true })}
    ${resourceList('Removed', removed, { open: true })}
    ${resourceList('Modified', modified, { open: false })}
  </section>`;
}

/**
 * Resources grouped by type, as a reader scans a `cdk diff`. What a step adds or removes is its point, so those
 * lists start open; modifications start closed.
 */
function resourceList(
  title: string,
  resources: readonly ResourceRef[],
  { open }: { open: boolean },
): Html | '' {
  if (resources.length === 0) return '';
  const byType = new Map<string, ResourceRef[]>();
  for (const resource of resources)
    byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource]);
  return html`<details class="resources"${open ? trusted(' open') : ''}>
      <summary>${title} (${resources.length})</summary>
      <dl>${[...byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([type, list]) =>
            html`<dt>${type} (${list.length})</dt>${list.map((resource) => html`<dd><code>${resource.stack}/${resource.logicalId}</code></dd>`)}`,
        )}</dl>
    </details>`;
}
