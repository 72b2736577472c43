import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type Assembly, isJsonObject, type Json } from '@moat/analyzer';
import type { AccountClients } from '../aws/clients.js';
import type { Deployment } from '../deployment/map-deployment.js';
import { callAws } from '../errors.js';

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
