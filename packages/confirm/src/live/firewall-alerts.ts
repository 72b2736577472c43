import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type Assembly, isJsonObject, type Json } from '@moat/analyzer';
import type { AccountClients } from '../aws/clients.js';
import type { Deployment } from '../deployment/map-deployment.js';
import { callAws } from '../errors.js';
import type { FlowRow } from '../flow-rows.js';
import type { LiveVerdict } from '../result/confirmation.js';

/** One alert of the firewall's alert log, in the fields Moat matches a probe by. */
export interface FirewallAlert {
  readonly action: string;
  readonly destIp?: string;
  readonly destPort?: number;
  readonly sni?: string;
  readonly signature?: string;
  readonly timestamp: string;
}

export interface AlertLog {
  readonly group: string;
  readonly clients: AccountClients;
}

/** The alerts read from a log group. */
export interface AlertRead {
  readonly group: string;
  readonly alerts: readonly FirewallAlert[];
}

/** For a row whose drop the probe saw: the firewall's alert for it, or that none came. */
export interface AlertCheck {
  readonly logged: boolean;
  readonly text: string;
}

/**
 * The log group of the firewall's ALERT logs, from the template's `AWS::NetworkFirewall::LoggingConfiguration`
 * (a `logGroup` that refers to an `AWS::Logs::LogGroup`, whose physical ID is its name).
 */
export function alertLogOf(assembly: Assembly, deployment: Deployment): AlertLog | undefined {
  for (const stack of assembly.stacks) {
    for (const resource of Object.values(stack.template.Resources)) {
      if (resource.Type !== 'AWS::NetworkFirewall::LoggingConfiguration') continue;
      const configuration = resource.Properties?.LoggingConfiguration;
      const destinations = isJsonObject(configuration) ? configuration.LogDestinationConfigs : undefined;
      for (const destination of Array.isArray(destinations) ? (destinations as readonly Json[]) : []) {
        if (!isJsonObject(destination) || destination.LogType !== 'ALERT') continue;
        const target = isJsonObject(destination.LogDestination)
          ? destination.LogDestination.logGroup
          : undefined;
        const ref = isJsonObject(target) ? target.Ref : target;
        const group =
          typeof ref === 'string'
            ? (deployment.physicalId(`${stack.name}/${ref}`) ?? (isJsonObject(target) ? undefined : ref))
            : undefined;
        if (group !== undefined) return { group, clients: deployment.clientsOf(stack.name) };
      }
    }
  }
  return undefined;
}

/**
 * The alert events logged since `since`. Each message is the firewall's JSON record, its `event` in
 * Suricata's EVE format (`alert.action` is `blocked` for a drop):
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging-contents.html
 */
export async function readAlerts(log: AlertLog, since: Date): Promise<FirewallAlert[]> {
  const alerts: FirewallAlert[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10; page++) {
    const answer = await callAws('logs:FilterLogEvents', log.clients.context, () =>
      log.clients.logs.send(
        new FilterLogEventsCommand({
          logGroupName: log.group,
          startTime: since.getTime(),
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      ),
    );
    for (const event of answer.events ?? []) {
      const alert = parseAlert(event.message ?? '');
      if (alert !== undefined) alerts.push(alert);
    }
    token = answer.nextToken;
    if (token === undefined) break;
  }
  return alerts;
}

export function parseAlert(message: string): FirewallAlert | undefined {
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch {
    return undefined;
  }
  const event = (record as { event?: Record<string, unknown> } | null)?.event;
  const alert = event?.alert as { action?: unknown; signature?: unknown } | undefined;
  if (event === undefined || event.event_type !== 'alert' || typeof alert?.action !== 'string')
    return undefined;
  const port = Number(event.dest_port);
  const tls = event.tls as { sni?: unknown } | undefined;
  return {
    action: alert.action,
    timestamp: String(event.timestamp ?? ''),
    ...(typeof event.dest_ip === 'string' ? { destIp: event.dest_ip } : {}),
    ...(Number.isInteger(port) ? { destPort: port } : {}),
    ...(typeof tls?.sni === 'string' ? { sni: tls.sni } : {}),
    ...(typeof alert.signature === 'string' && alert.signature !== '' ? { signature: alert.signature } : {}),
  };
}

/** The rows whose alert Moat looks for: the firewall drops them offline and the probe was stopped. */
export const expectsAlert = (row: FlowRow, live: LiveVerdict): boolean =>
  row.trace.disposition === 'DROPPED_BY_FIREWALL' && live.kind === 'blocked';

/** The `blocked` alert of the row's flow: same destination port, and the SNI or destination address. */
export function findAlert(row: FlowRow, alerts: readonly FirewallAlert[]): FirewallAlert | undefined {
  const to = row.flow.to;
  return alerts.find(
    (alert) =>
      alert.action === 'blocked' &&
      alert.destPort === row.flow.port &&
      ((to.kind === 'host' && alert.sni === to.hostname) ||
        (to.kind === 'address' && alert.destIp === to.address)),
  );
}

export interface AlertWait {
  readonly since: Date;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly progress: (message: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Reads the alert log until every row has its alert or the time is up: Network Firewall delivers its logs
 * to CloudWatch Logs in batches, minutes after the packet.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html
 */
export async function awaitAlerts(
  log: AlertLog,
  rows: readonly FlowRow[],
  wait: AlertWait,
): Promise<AlertRead> {
  const begin = Date.now();
  for (;;) {
    const alerts = await readAlerts(log, wait.since);
    const found = rows.filter((row) => findAlert(row, alerts) !== undefined).length;
    wait.progress(
      `firewall alert log ${log.group}: ${found} of ${rows.length} drops logged (${Math.round((Date.now() - begin) / 1000)} s)`,
    );
    if (found === rows.length || Date.now() - begin >= wait.timeoutMs) return { group: log.group, alerts };
    await wait.sleep(wait.pollIntervalMs);
  }
}

/**
 * The firewall's record of a drop the probe saw. A stateful DROP rule, and the `aws:alert_established` default
 * with `aws:drop_established`, log an alert when alert logging is configured:
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_StatefulRule.html
 */
export function alertCheck(row: FlowRow, read: AlertRead, waitedMs: number): AlertCheck {
  const match = findAlert(row, read.alerts);
  return match === undefined
    ? {
        logged: false,
        text: `the probe was stopped, but no "blocked" alert for it reached ${read.group} within ${Math.round(waitedMs / 1000)} s: something before the firewall may have stopped it`,
      }
    : {
        logged: true,
        text: `the firewall logged it: blocked${match.signature ? ` by "${match.signature}"` : ''} at ${match.timestamp}`,
      };
}
