import {
  type Endpoint,
  endpointNamer,
  endpointNames,
  type Flow,
  type NetworkModel,
  resolveEndpoint,
  traceFlowInEachAz,
} from '@moat/analyzer';
import { closestMatch } from '@moat/infra/closest-match';
import { defineCommand, UsageError } from '../command.js';
import { assemblyArg, jsonArg, templateInputArgs } from '../common-args.js';
import { formatTrace } from '../format/trace.js';
import { loadMoatConfig, loadModel, parsePort, requireAssembly, requireFlag } from '../inputs.js';
import { jsonDocument } from '../json/document.js';

const ENDPOINT_HINT =
  '"internet", "task", "alb", "api", a domain such as api.binance.com, an IPv4 address, a subnet CIDR, or a subnet, instance, ECS service, load balancer, API stage or VPC endpoint by logical ID or construct path';
/** How many near matches an unknown endpoint lists. */
const MAX_NEAR_MATCHES = 5;

export const traceCommand = defineCommand({
  usage: [
    'trace --assembly DIR --from X --to Y [--port P] [--path /P] [--config F] [--region R] [--parameters PARAM]... [--json]',
  ],
  examples: [
    'moat trace --assembly out/steps/7 --from task --to api.binance.com --port 443',
    'moat trace --assembly out/steps/9 --from internet --to api --port 443',
    'moat trace --assembly out/steps/9 --from internet --to api --path /prod/healthz --config moat.config.yaml',
  ],
  exitCodes: [
    '0  the flow is ACCEPTED from every AZ its source spans',
    '1  it is not accepted from at least one AZ: the trace names the hop and the setting that stopped it',
    '2  bad usage or unreadable input: one line on stderr naming the value received and the fix',
  ],
  args: {
    assembly: assemblyArg,
    from: { type: 'string', valueName: 'X', description: `where the flow starts: ${ENDPOINT_HINT}` },
    to: { type: 'string', valueName: 'Y', description: 'where it goes, in the same terms' },
    port: { type: 'string', valueName: 'P', description: 'destination TCP port (default 443)' },
    path: {
      type: 'string',
      valueName: '/P',
      description:
        'the HTTP path a client GETs through an API stage or a load balancer (default: the API method the stage integrates)',
    },
    config: {
      type: 'string',
      valueName: 'F',
      description: "judge the path the service receives by this configuration's service.routes",
    },
    ...templateInputArgs,
    json: jsonArg('the trace'),
  },
  parse: (values) => ({
    assembly: requireAssembly(values.assembly),
    inputs: { region: values.region, parameters: values.parameters },
    from: requireFlag(values.from, '--from', `give where the flow starts: ${ENDPOINT_HINT}`),
    to: requireFlag(values.to, '--to', `give where the flow goes: ${ENDPOINT_HINT}`),
    port: values.port === undefined ? 443 : parsePort(values.port),
    path: values.path === undefined ? undefined : parsePath(values.path),
    config: values.config,
    json: values.json,
  }),
  /**
   * A flow from a service spanning several AZs is traced from each of them, since each AZ has its own
   * route tables, NAT gateway and firewall endpoint. Exit 0 when every trace is accepted and 1 when one
   * is not, like ping: scripts can assert either way.
   */
  async run({ assembly, inputs, from, to, port, path, config, json }, io) {
    const model = loadModel(assembly, io, inputs);
    const serviceRoutes = config === undefined ? undefined : loadMoatConfig(config, io).service.routes;
    const flow: Flow = {
      from: endpoint(model, from, '--from'),
      to: endpoint(model, to, '--to'),
      protocol: 'tcp',
      port,
      ...(path === undefined ? {} : { http: { method: 'GET', path } }),
      ...(serviceRoutes === undefined ? {} : { serviceRoutes }),
    };
    const traces = traceFlowInEachAz(model, flow);
    io.stdout.write(
      json
        ? jsonDocument('trace', { flow, traces })
        : traces.map((trace) => formatTrace(trace, undefined, endpointNamer(model))).join('\n'),
    );
    return traces.every((trace) => trace.disposition === 'ACCEPTED') ? 0 : 1;
  },
});

function parsePath(text: string): string {
  if (!text.startsWith('/'))
    throw new UsageError(`--path must start with "/", such as /prod/price; received "${text}"`);
  return text;
}

function endpoint(model: NetworkModel, text: string, flag: string): Endpoint {
  const resolved = resolveEndpoint(model, text);
  if (resolved.known) return resolved.value;
  const near = nearMatches(endpointNames(model), text.trim());
  throw new UsageError(
    `${flag} ${resolved.reason}${near.length > 0 ? ` Near matches: ${near.join(', ')}.` : ''}`,
  );
}

/** Names that contain the text (case ignored), else the one a typo away from it. */
function nearMatches(names: readonly string[], text: string): string[] {
  const lower = text.toLowerCase();
  const containing = names.filter((name) => name.toLowerCase().includes(lower));
  if (containing.length > 0) return containing.slice(0, MAX_NEAR_MATCHES);
  const typo = closestMatch(text, names);
  return typo === undefined ? [] : [typo];
}
