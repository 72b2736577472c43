import {
  type CostDelta,
  type CostLine,
  describeFlow,
  type Finding,
  type Hop,
  type LineChange,
  type Resolved,
  type Trace,
} from '@moat/analyzer';
import { formatUnitPrice, formatUsd, formatUsdChange } from '../format/money.js';
import { plural } from '../format/plural.js';
import { describeHopDecision, describeNode } from '../format/trace.js';
import type { ResourceRef } from '../plan/resource-changes.js';
import type { AnalyzedStep } from '../plan/run-plan.js';
import type { Verification } from '../verification.js';
import { disruptionsSection } from './disruptions.js';
import { type Html, html, trusted } from './html.js';

/** One step's panel: what it adds, the diagram, the flows with their hops, findings, cost, changes. */
export function renderAnalyzedStep(result: AnalyzedStep): Html {
  const { step, verification } = result;
  const broken = verification.flows.filter((flow) => !flow.holds).length;
  const errors = verification.findings.filter((finding) => finding.severity === 'error').length;
  const lostZones = verification.highlyAvailable
    ? verification.azLoss.filter((loss) => !loss.survives).length
    : 0;
  return html`<section class="step" id="step-${step.id}" role="tabpanel" aria-labelledby="tab-${step.id}" data-step="${step.id}">
  <header>
    <h2>Step ${step.id} · ${step.slug}</h2>
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
  <figure class="diagram">
    ${inlineSvg(result.diagram.svg, `step-${step.id}`)}
    <figcaption>Step ${step.id}: the network with the traced flows drawn on it.</figcaption>
  </figure>
  ${flowsSection(verification)}
  ${findingsSection(verification.findings)}
  ${azLossSection(verification)}
  ${costSection(result)}
  ${changesSection(result)}
  ${disruptionsSection(result)}
</section>
`;
}

function flowsSection({ flows, skippedFlows }: Verification): Html {
  return html`<section class="flows" aria-label="Flows">
    <h3>Flows</h3>
    ${flows.map(
      (
        flow,
      ) => html`<details class="flow ${flow.holds ? 'holds' : 'fails'}"${flow.holds ? '' : trusted(' open')}>
      <summary><span class="mark" aria-hidden="true">${flow.holds ? '✓' : '✗'}</span><span class="visually-hidden">${flow.holds ? 'as expected:' : 'not as expected:'}</span>
        <strong>${flow.expectation.name}</strong> <code>${describeFlow(flow.expectation.flow)}</code>
        <span class="disposition">${flow.trace.disposition}</span>${
          flow.holds ? '' : html` <span class="expected">expected ${flow.expectation.expected}</span>`
        }</summary>
      ${flow.traces.map(traceBlock)}
    </details>`,
    )}
    ${skippedFlows.map((flow) => html`<p class="skipped">Not checked here: <strong>${flow.name}</strong>, ${flow.reason}</p>`)}
  </section>`;
}

function traceBlock(trace: Trace): Html {
  const where = trace.availabilityZone === undefined ? '' : ` from ${trace.availabilityZone}`;
  return html`<div class="trace">
      <p class="trace-title">${trace.disposition}${where}, ${plural(trace.hops.length, 'hop')}</p>
      ${hopTable(trace.hops)}
      ${trace.returnHops === undefined || trace.returnHops.length === 0 ? '' : html`<p class="return">Return: ${trace.returnHops.map((hop) => `${hop.kind} ${describeNode(hop.node)}`).join(' → ')}</p>`}
      ${trace.reason === undefined ? '' : html`<p class="reason">${trace.reason}</p>`}
      ${trace.unknownReason === undefined ? '' : html`<p class="reason">Unknown: ${trace.unknownReason}</p>`}
      ${(trace.assumptions ?? []).map((assumption) => html`<p class="assumption">Assumes: ${assumption}</p>`)}
    </div>`;
}

function hopTable(hops: readonly Hop[]): Html {
  return html`<table class="hops">
        <thead><tr><th scope="col">#</th><th scope="col">hop</th><th scope="col">resource</th><th scope="col">decision</th></tr></thead>
        <tbody>${hops.map(
          (hop, index) =>
            html`<tr><td>${index + 1}</td><td>${hop.kind}</td><td><code>${describeNode(hop.node)}</code></td><td>${describeHopDecision(hop)}</td></tr>`,
        )}</tbody>
      </table>`;
}

function findingsSection(findings: readonly Finding[]): Html {
  if (findings.length === 0) {
    return html`<section class="findings" aria-label="Findings"><h3>Findings</h3><p>No invariant reports anything.</p></section>`;
  }
  return html`<section class="findings" aria-label="Findings">
    <h3>Findings</h3>
    <table>
      <thead><tr><th scope="col">rule</th><th scope="col">severity</th><th scope="col">finding</th><th scope="col">resource</th></tr></thead>
      <tbody>${findings.map(
        (finding) =>
          html`<tr class="${finding.acknowledgement === undefined ? finding.severity : 'acknowledged'}"><td>${finding.ruleId}</td><td>${finding.severity}${finding.undetermined === true ? ' (undetermined)' : ''}${finding.acknowledgement === undefined ? '' : ', acknowledged'}</td><td>${finding.message}${finding.acknowledgement === undefined ? '' : html`<br><em>Acknowledged: ${finding.acknowledgement.reason}</em>`}</td><td>${
            finding.source === undefined ? '' : html`<code>${describeNode(finding.source)}</code>`
          }</td></tr>`,
      )}</tbody>
    </table>
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
  const { cost, costChange } = result;
  return html`<section class="cost" aria-label="Cost">
    <h3>Monthly cost</h3>
    <table>
      <thead><tr><th scope="col">charge</th><th scope="col">quantity</th><th scope="col" class="num">unit price</th><th scope="col" class="num">per month</th></tr></thead>
      <tbody>${cost.lines.map(costRow)}</tbody>
      <tfoot><tr><th scope="row" colspan="3">Total (${cost.region}, ${cost.hoursPerMonth} h a month, prices as of ${cost.pricesAsOf})</th><td class="num total">${formatUsd(cost.totalUsd)}</td></tr></tfoot>
    </table>
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
        : html`<table class="cost-change">
      <thead><tr><th scope="col">charge</th><th scope="col" class="num">before</th><th scope="col" class="num">now</th><th scope="col" class="num">change</th></tr></thead>
      <tbody>${lines.map(
        (line: LineChange) =>
          html`<tr><td>${line.what}</td><td class="num">${usd(line.previousUsd)}</td><td class="num">${usd(line.currentUsd)}</td><td class="num">${formatUsdChange(line.changeUsd)}</td></tr>`,
      )}</tbody>
    </table>`
    }`;
}

function costRow(line: CostLine): Html {
  return html`<tr class="${line.category}"><td>${line.what}</td><td>${resolved(line.quantity)} ${line.unit}</td><td class="num">${
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

/** Resources grouped by type, as a reader scans a `cdk diff`. */
/** What a step adds or removes is its point, so those lists start open; modifications start closed. */
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

/**
 * The analyzer's diagram inlined: without its XML prolog, and with its element ids prefixed, because
 * every step's SVG uses the same Graphviz ids (`graph0`, `node1`...) and ids must be unique in a page.
 */
function inlineSvg(svg: string, scope: string): Html {
  const start = svg.indexOf('<svg');
  const body = start === -1 ? svg : svg.slice(start);
  return trusted(
    body
      .replace(/\bid="([^"]+)"/g, `id="${scope}-$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${scope}-$1)`)
      .replace(/href="#([^"]+)"/g, `href="#${scope}-$1"`),
  );
}
