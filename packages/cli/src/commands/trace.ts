import {
  type Endpoint,
  endpointNamer,
  type NetworkModel,
  resolveEndpoint,
  traceFlowInEachAz,
} from '@moat/analyzer';
import { defineCommand, UsageError } from '../command.js';
import { assemblyArg, jsonArg } from '../common-args.js';
import { formatTrace } from '../format/trace.js';
import { loadModel, parsePort, requireAssembly, requireFlag } from '../inputs.js';

const ENDPOINT_HINT =
  '"task", "internet", "alb", "api", a host name such as api.binance.com, or an IPv4 address';

export const traceCommand = defineCommand({
  usage: ['trace --assembly DIR --from X --to Y [--port P] [--json]'],
  examples: [
    'moat trace --assembly out/steps/7 --from task --to api.binance.com --port 443',
    'moat trace --assembly out/steps/9 --from internet --to api --port 443',
  ],
  args: {
    assembly: assemblyArg,
    from: { type: 'string', valueName: 'X', description: `where the flow starts: ${ENDPOINT_HINT}` },
    to: { type: 'string', valueName: 'Y', description: 'where it goes, in the same terms' },
    port: { type: 'string', valueName: 'P', description: 'destination TCP port (default 443)' },
    json: jsonArg('the trace'),
  },
  parse: (values) => ({
    assembly: requireAssembly(values.assembly),
    from: requireFlag(values.from, '--from', `give where the flow starts: ${ENDPOINT_HINT}`),
    to: requireFlag(values.to, '--to', `give where the flow goes: ${ENDPOINT_HINT}`),
    port: values.port === undefined ? 443 : parsePort(values.port),
    json: values.json,
  }),
  /**
   * A flow from a service spanning several AZs is traced from each of them, since each AZ has its own
   * route tables, NAT gateway and firewall endpoint. Exit 0 when every trace is accepted and 1 when one
   * is not, like ping: scripts can assert either way.
   */
  async run({ assembly, from, to, port, json }, io) {
    const model = loadModel(assembly, io);
    const flow = {
      from: endpoint(model, from, '--from'),
      to: endpoint(model, to, '--to'),
      protocol: 'tcp',
      port,
    } as const;
    const traces = traceFlowInEachAz(model, flow);
    io.stdout.write(
      json
        ? `${JSON.stringify({ flow, traces }, null, 2)}\n`
        : traces.map((trace) => formatTrace(trace, undefined, endpointNamer(model))).join('\n'),
    );
    return traces.every((trace) => trace.disposition === 'ACCEPTED') ? 0 : 1;
  },
});

function endpoint(model: NetworkModel, text: string, flag: string): Endpoint {
  const resolved = resolveEndpoint(model, text);
  if (!resolved.known) throw new UsageError(`${flag} ${resolved.reason}`);
  return resolved.value;
}
