import { isPrivateRange, parseIpv4 } from '@moat/analyzer';
import { awsServiceHost } from '../aws/service-hosts.js';
import type { FlowRow } from '../flow-rows.js';
import type { LiveVerdict } from '../result/confirmation.js';
import type { ProbeLine, ProbeTarget } from './probe-script.js';
import type { ZoneProbe } from './run-probe-tasks.js';

/** The probes for the rows that start at the task, and which probe answers which row. */
export interface ProbePlan {
  readonly targets: readonly ProbeTarget[];
  readonly targetOf: ReadonlyMap<string, string>;
}

/**
 * One probe per distinct destination of the rows that start at the task: each host name on 443 (TLS with
 * SNI, what the firewall's domain rules see), each AWS service by the name the SDKs use, each address of an
 * IP rule with its port and protocol. Rows of other AZs share the probe; it runs once per AZ.
 */
export function planProbes(rows: readonly FlowRow[], region: string, account: string): ProbePlan {
  const targets = new Map<string, ProbeTarget>();
  const targetOf = new Map<string, string>();
  for (const row of rows) {
    const { flow } = row;
    if (flow.from.kind !== 'workload') continue;
    const to = flow.to;
    let target: Omit<ProbeTarget, 'id'> | undefined;
    if (to.kind === 'host' && flow.port === 443) {
      target = { host: to.hostname, port: 443, protocol: 'tcp', tls: true };
    } else if (to.kind === 'aws-service') {
      const host = awsServiceHost(to.service, region, account);
      if (host !== undefined) target = { host, port: flow.port, protocol: 'tcp', tls: flow.port === 443 };
    } else if (to.kind === 'address') {
      target = { address: to.address, port: flow.port, protocol: flow.protocol, tls: false };
    }
    if (target === undefined) continue;
    const key = `${target.host ?? target.address}:${target.port}/${target.protocol}`;
    const existing = targets.get(key);
    const id = existing?.id ?? `p${targets.size + 1}`;
    if (existing === undefined) targets.set(key, { id, ...target });
    targetOf.set(row.id, id);
  }
  return { targets: [...targets.values()], targetOf };
}

/** The probe's line for a row, read as a verdict on whether the flow gets through. */
export function probeVerdict(row: FlowRow, plan: ProbePlan, zones: readonly ZoneProbe[]): LiveVerdict {
  const id = plan.targetOf.get(row.id);
  if (id === undefined) {
    return {
      kind: 'not run',
      reason:
        row.flow.from.kind === 'workload'
          ? 'no probe for this destination (host names are probed on 443 only)'
          : row.name === 'ingress'
            ? 'the HTTP check did not run'
            : 'Moat probes from inside the VPC and through the public entry only',
    };
  }
  const zone =
    zones.find((candidate) => candidate.availabilityZone === row.trace.availabilityZone) ??
    (row.trace.availabilityZone === undefined ? zones[0] : undefined);
  if (zone === undefined)
    return { kind: 'not run', reason: `no probe task ran in ${row.trace.availabilityZone ?? 'any AZ'}` };
  const line = zone.lines.get(id);
  if (line === undefined)
    return { kind: 'failed', reason: zone.failure ?? 'the probe printed no line for it' };
  return readLine(line, row);
}

function readLine(line: ProbeLine, row: FlowRow): LiveVerdict {
  const target = line.address === undefined ? '' : ` (${line.address})`;
  switch (line.outcome) {
    case 'tls-handshake':
    case 'tcp-connected': {
      const detail = `${line.outcome === 'tls-handshake' ? 'TLS handshake done' : 'TCP connected'}${target} in ${line.ms} ms`;
      const ip = line.address === undefined ? undefined : parseIpv4(line.address);
      const isPublic = ip !== undefined && !isPrivateRange({ first: ip, last: ip });
      return isPublic && row.via === 'vpc-endpoint' && row.trace.hops.at(-1)?.kind === 'interface endpoint'
        ? { kind: 'got through', detail, publicAddress: line.address as string }
        : { kind: 'got through', detail };
    }
    case 'timeout':
      return { kind: 'blocked', detail: `no TCP connection${target} within ${line.ms} ms` };
    case 'tls-timeout':
      return { kind: 'blocked', detail: `TCP connected${target}, then no TLS answer within ${line.ms} ms` };
    case 'refused':
    case 'reset':
    case 'tls-error':
      return {
        kind: 'undecided',
        reason: `${line.outcome}${target}${line.error ? `: ${line.error}` : ''}; a firewall REJECT and the server's own refusal look the same`,
      };
    case 'not-probed':
      return {
        kind: 'not run',
        reason: `${row.flow.protocol.toUpperCase()} gives no sign of delivery without a reply`,
      };
    default:
      return { kind: 'failed', reason: `${line.outcome}${line.error ? `: ${line.error}` : ''}` };
  }
}
