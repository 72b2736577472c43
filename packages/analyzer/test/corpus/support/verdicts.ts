import { basename, join } from 'node:path';
import { stackNameOfFile } from '../../../src/assembly/read-template.js';
import {
  buildModel,
  type Endpoint,
  type Hop,
  loadAssembly,
  type NetworkModel,
  type Resolved,
  readParameterArguments,
  resolveEndpoint,
  type Trace,
  traceFlow,
  traceFlowInEachAz,
} from '../../../src/index.js';
import type { CaseFlow, CorpusCase, ExpectedHop } from './case-file.js';

/** What Moat says about one flow, in the corpus vocabulary, or why it could not say anything. */
export interface Outcome {
  readonly disposition: string;
  readonly hops: readonly ExpectedHop[];
  readonly reason?: string;
}

/** What a flow or breakage expects, in the same shape. */
export interface Expectation {
  readonly disposition: string;
  readonly hops?: readonly ExpectedHop[];
  readonly unknownMentions?: string;
}

/**
 * Loads a folder of templates as `moat verify --assembly DIR --region R --parameters STACK:FILE` does, with the
 * case's region and parameter files; a folder Moat cannot read is an outcome, not a crash.
 */
export function loadModel(directory: string, corpusCase: CorpusCase): NetworkModel | Outcome {
  try {
    const parameters = Object.entries(corpusCase.parameters ?? {}).map(
      ([file, values]) => `${stackNameOfFile(basename(file))}:${join(corpusCase.directory, values)}`,
    );
    return buildModel(
      loadAssembly(directory, {
        region: corpusCase.region,
        parameters: readParameterArguments(parameters, corpusCase.directory),
      }),
    );
  } catch (error) {
    return {
      disposition: 'LOAD_ERROR',
      hops: [],
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

export const isOutcome = (value: NetworkModel | Outcome): value is Outcome => 'disposition' in value;

/**
 * Moat folds some AWS elements into the hop that decides for them: a subnet hop carries its route table's
 * decision, and the attachment a packet enters the transit gateway by carries the TGW route table's decision
 * and the attachment it is delivered to. The corpus names every element, so the comparison leaves those out
 * of the expected list: gateway route tables, the transit gateway, and the attachment right after it.
 */
export function comparableHops(hops: readonly ExpectedHop[]): ExpectedHop[] {
  return hops.filter(
    (hop, index) =>
      hop.kind !== 'route-table' &&
      hop.kind !== 'transit-gateway' &&
      !(hop.kind === 'tgw-attachment' && hops[index - 1]?.kind === 'transit-gateway'),
  );
}

const KIND_OF_MOAT_HOP: Readonly<Record<string, ExpectedHop['kind']>> = {
  'task ENI': 'task',
  'instance ENI': 'instance',
  'load balancer': 'load-balancer',
  'interface endpoint': 'vpc-endpoint',
  'gateway endpoint': 'vpc-endpoint',
  'vpc link': 'vpc-link',
  'api stage': 'api-stage',
  subnet: 'subnet',
  'nat gateway': 'nat-gateway',
  'tgw attachment': 'tgw-attachment',
  firewall: 'firewall-endpoint',
  'internet gateway': 'internet-gateway',
};

/**
 * Moat's hops in the corpus vocabulary; a kind the table does not know stays as Moat names it, so it shows. The
 * corpus names a nested stack's resource `<nested stack logical ID>/<logical ID>`; Moat's nested stack in a
 * template folder is `<root stack>/<nested stack logical ID>`.
 */
export const corpusHops = (hops: readonly Hop[]): ExpectedHop[] =>
  hops.map((hop) => ({
    kind: KIND_OF_MOAT_HOP[hop.kind] ?? (hop.kind as ExpectedHop['kind']),
    logicalId: [...hop.node.stack.split('/').slice(1), hop.node.logicalId].join('/'),
  }));

/** A case endpoint; `<nested stack logical ID>/<logical ID>` is looked up under each root stack. */
function caseEndpoint(model: NetworkModel, text: string): Resolved<Endpoint> {
  const direct = resolveEndpoint(model, text);
  if (direct.known || !text.includes('/')) return direct;
  const roots = model.stacks.filter((stack) => !stack.name.includes('/'));
  return (
    roots.map((root) => resolveEndpoint(model, `${root.name}/${text}`)).find((found) => found.known) ?? direct
  );
}

const outcomeOf = (trace: Trace): Outcome => ({
  disposition: trace.disposition,
  hops: corpusHops(trace.hops),
  ...(trace.unknownReason || trace.reason ? { reason: trace.unknownReason ?? trace.reason } : {}),
});

const pinned = (endpoint: Endpoint, availabilityZone: string | undefined): Endpoint =>
  availabilityZone !== undefined && (endpoint.kind === 'workload' || endpoint.kind === 'entry')
    ? { ...endpoint, availabilityZone }
    : endpoint;

/**
 * Traces a case flow: endpoints resolved as the CLI resolves `--from`/`--to`; pinned to the flow's AZ when it
 * names one (the source when it is a workload, else the entry it reaches), else traced from every AZ, where the
 * traces must agree.
 */
export function traceCaseFlow(model: NetworkModel, flow: CaseFlow): Outcome {
  const from = caseEndpoint(model, flow.from);
  const to = caseEndpoint(model, flow.to);
  if (!from.known) return { disposition: 'UNRESOLVED_ENDPOINT', hops: [], reason: from.reason };
  if (!to.known) return { disposition: 'UNRESOLVED_ENDPOINT', hops: [], reason: to.reason };
  const base = {
    protocol: flow.protocol,
    port: flow.port,
    ...(flow.http ? { http: { method: flow.http.method ?? 'GET', path: flow.http.path } } : {}),
  };
  if (flow.availabilityZone !== undefined) {
    const source = pinned(from.value, flow.availabilityZone);
    const target = source === from.value ? pinned(to.value, flow.availabilityZone) : to.value;
    return outcomeOf(traceFlow(model, { ...base, from: source, to: target }));
  }
  const traces = traceFlowInEachAz(model, { ...base, from: from.value, to: to.value });
  const dispositions = [...new Set(traces.map((trace) => trace.disposition))];
  const first = traces[0];
  if (first === undefined) return { disposition: 'NO_TRACE', hops: [] };
  return dispositions.length === 1
    ? outcomeOf(first)
    : { ...outcomeOf(first), disposition: `DIFFERS_BY_AZ(${dispositions.join('/')})` };
}

export function matches(outcome: Outcome, expectation: Expectation): boolean {
  if (outcome.disposition !== expectation.disposition) return false;
  if (expectation.unknownMentions !== undefined && !outcome.reason?.includes(expectation.unknownMentions))
    return false;
  if (expectation.hops === undefined) return true;
  const expected = comparableHops(expectation.hops);
  return (
    expected.length === outcome.hops.length &&
    expected.every(
      (hop, index) =>
        hop.kind === outcome.hops[index]?.kind && hop.logicalId === outcome.hops[index]?.logicalId,
    )
  );
}
