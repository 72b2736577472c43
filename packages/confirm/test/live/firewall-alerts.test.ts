import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { type Assembly, buildModel, loadAssembly } from '@moat/analyzer';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { accountClients } from '../../src/aws/clients.js';
import type { Deployment } from '../../src/deployment/map-deployment.js';
import { type FlowRow, flowRows } from '../../src/flow-rows.js';
import {
  type AlertLog,
  alertCheck,
  alertLogOf,
  awaitAlerts,
  parseAlert,
} from '../../src/live/firewall-alerts.js';
import { compareRow } from '../../src/result/compare-row.js';
import { clientConfig, synthStep, TEST_CREDENTIALS, TEST_REGION } from '../support/deploy-step.js';
import { MOTO_ACCOUNT } from '../support/moto.js';

/**
 * The firewall's alert log read through CloudWatch Logs, in moto (which implements CreateLogGroup,
 * PutLogEvents and FilterLogEvents). moto's CloudFormation has no Network Firewall, so step 7 is synthesized
 * but not deployed: the deployment maps the template's alert log group to a group this test creates in moto.
 * The log lines are written here as the Network Firewall guide documents them: a JSON record with
 * firewall_name, availability_zone, event_timestamp and an `event` in Suricata's EVE format (`event_type`
 * `alert`, `alert.action` `blocked` for a drop, `tls.sni` for TLS):
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging-contents.html
 */
const moto = () => inject('deployed')['6'].moto;

function alertRecord(options: {
  action: 'blocked' | 'allowed';
  destIp: string;
  sni?: string;
  signature?: string;
}): string {
  const now = new Date();
  return JSON.stringify({
    firewall_name: 'EgressFirewall',
    availability_zone: 'eu-central-1a',
    event_timestamp: String(Math.floor(now.getTime() / 1000)),
    event: {
      timestamp: now.toISOString().replace('Z', '+0000'),
      flow_id: 1234567890123456,
      event_type: 'alert',
      src_ip: '10.1.2.30',
      src_port: 49152,
      dest_ip: options.destIp,
      dest_port: 443,
      proto: 'TCP',
      app_proto: 'tls',
      alert: {
        action: options.action,
        signature_id: 2,
        rev: 0,
        signature: options.signature ?? '',
        category: '',
        severity: 3,
      },
      ...(options.sni === undefined ? {} : { tls: { sni: options.sni, version: 'UNDETERMINED' } }),
    },
  });
}

const netflowRecord = JSON.stringify({
  firewall_name: 'EgressFirewall',
  availability_zone: 'eu-central-1a',
  event_timestamp: '1764918000',
  event: {
    event_type: 'netflow',
    src_ip: '10.1.2.30',
    dest_ip: '93.184.215.14',
    dest_port: 443,
    proto: 'TCP',
  },
});

let groups = 0;

/** A log group in moto holding these lines, named as CloudFormation names a stack's log group. */
async function alertGroup(lines: readonly string[]): Promise<string> {
  groups += 1;
  const group = `MoatNetwork-EgressFirewallAlertLogs3E87CA0D-test${groups}`;
  const logs = new CloudWatchLogsClient(clientConfig(moto()));
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  if (lines.length > 0) await putLines(group, lines);
  return group;
}

async function putLines(group: string, lines: readonly string[]): Promise<void> {
  const logs = new CloudWatchLogsClient(clientConfig(moto()));
  const stream = `eu-central-1a-${Date.now()}`;
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: group,
      logStreamName: stream,
      logEvents: lines.map((message) => ({ message, timestamp: Date.now() })),
    }),
  );
}

/** Step 7's stacks as deployed, with the alert log group at `group`. */
function deploymentWith(logicalIdToGroup: Readonly<Record<string, string>>): Deployment {
  const clients = accountClients(
    { endpoint: moto(), credentials: TEST_CREDENTIALS },
    TEST_REGION,
    MOTO_ACCOUNT,
    undefined,
  );
  return {
    stacks: [],
    physicalId: (elementId) => logicalIdToGroup[elementId],
    elementIdOf: () => undefined,
    outputs: () => ({}),
    clientsOf: () => clients,
  };
}

describe("the firewall's alert log (step 7, logs in moto)", () => {
  let assembly: Assembly;
  let denied: FlowRow[];
  const blocked = {
    kind: 'blocked',
    detail: 'TCP connected (93.184.215.14), then no TLS answer within 5000 ms',
  } as const;
  const notRun = { kind: 'not run', reason: 'a host-name rule decides this flow' } as const;

  beforeAll(() => {
    assembly = loadAssembly(synthStep(7, join(mkdtempSync(join(tmpdir(), 'moat-confirm-alerts-')), '7')));
    denied = flowRows(buildModel(assembly), ['egress-denied']);
  });

  const logOf = (group: string): AlertLog => {
    const log = alertLogOf(
      assembly,
      deploymentWith({
        'MoatNetwork/EgressFirewallAlertLogs3E87CA0D': group,
        'MoatNetwork/EgressFirewallFlowLogs92353878': 'the-flow-log-group',
      }),
    );
    if (log === undefined) throw new Error('step 7 has no alert log');
    return log;
  };

  it('finds the ALERT destination of the logging configuration, not the FLOW one', async () => {
    expect(logOf('MoatNetwork-EgressFirewallAlertLogs3E87CA0D-x').group).toBe(
      'MoatNetwork-EgressFirewallAlertLogs3E87CA0D-x',
    );
    expect(denied.map((row) => [row.id, row.trace.disposition])).toEqual([
      ['egress-denied PriceService0B9AD400 → example.com:443/tcp @eu-central-1a', 'DROPPED_BY_FIREWALL'],
      ['egress-denied PriceService0B9AD400 → example.com:443/tcp @eu-central-1b', 'DROPPED_BY_FIREWALL'],
    ]);
  });

  it('reads only alert events, with their action, address, port, SNI and signature', () => {
    expect(parseAlert(netflowRecord)).toBeUndefined();
    expect(parseAlert('not json')).toBeUndefined();
    expect(
      parseAlert(
        alertRecord({
          action: 'blocked',
          destIp: '93.184.215.14',
          sni: 'example.com',
          signature: 'deny example.com',
        }),
      ),
    ).toEqual({
      action: 'blocked',
      destIp: '93.184.215.14',
      destPort: 443,
      sni: 'example.com',
      signature: 'deny example.com',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("agrees when the probe's drop is in the alert log, and notes the firewall's record of it", async () => {
    const group = await alertGroup([
      netflowRecord,
      alertRecord({ action: 'allowed', destIp: '203.0.113.10', sni: 'api.binance.com' }),
      alertRecord({
        action: 'blocked',
        destIp: '93.184.215.14',
        sni: 'example.com',
        signature: 'deny example.com',
      }),
    ]);
    const progress: string[] = [];
    const read = await awaitAlerts(logOf(group), denied, {
      since: new Date(Date.now() - 60_000),
      timeoutMs: 0,
      pollIntervalMs: 10,
      progress: (message) => progress.push(message),
      sleep: async () => {},
    });
    expect(progress).toEqual([
      expect.stringMatching(new RegExp(`^firewall alert log ${group}: 2 of 2 drops logged \\(\\d+ s\\)$`)),
    ]);
    const [row] = denied;
    if (row === undefined) throw new Error('no row');
    const compared = compareRow(row, notRun, blocked, alertCheck(row, read, 0));
    expect(compared.status).toBe('agree');
    expect(compared.disagreements).toEqual([]);
    expect(compared.notes).toEqual([
      expect.stringMatching(/^the firewall logged it: blocked by "deny example\.com" at \d{4}-\d\d-\d\dT/),
    ]);
  });

  it('waits for an alert that arrives late, reading the log again after each pause', async () => {
    const group = await alertGroup([]);
    const progress: string[] = [];
    let pauses = 0;
    const read = await awaitAlerts(logOf(group), denied, {
      since: new Date(Date.now() - 60_000),
      timeoutMs: 60_000,
      pollIntervalMs: 10,
      progress: (message) => progress.push(message),
      sleep: async () => {
        pauses += 1;
        await putLines(group, [
          alertRecord({ action: 'blocked', destIp: '93.184.215.14', sni: 'example.com' }),
        ]);
      },
    });
    expect(pauses).toBe(1);
    expect(progress.map((line) => line.replace(/ \(\d+ s\)$/, ''))).toEqual([
      `firewall alert log ${group}: 0 of 2 drops logged`,
      `firewall alert log ${group}: 2 of 2 drops logged`,
    ]);
    expect(read.alerts.map((alert) => [alert.action, alert.sni])).toEqual([['blocked', 'example.com']]);
  });

  it('disagrees when the probe was stopped but the firewall logged no drop for it', async () => {
    const group = await alertGroup([
      alertRecord({ action: 'allowed', destIp: '203.0.113.10', sni: 'api.binance.com' }),
      alertRecord({ action: 'blocked', destIp: '198.51.100.7', sni: 'other.example.net' }),
    ]);
    const read = await awaitAlerts(logOf(group), denied, {
      since: new Date(Date.now() - 60_000),
      timeoutMs: 0,
      pollIntervalMs: 10,
      progress: () => {},
      sleep: async () => {},
    });
    const [row] = denied;
    if (row === undefined) throw new Error('no row');
    const compared = compareRow(row, notRun, blocked, alertCheck(row, read, 300_000));
    expect(compared.status).toBe('disagree');
    expect(compared.disagreements).toEqual([
      {
        check: 'firewall-alert-log',
        kind: 'alert-missing',
        message: `the probe was stopped, but no "blocked" alert for it reached ${group} within 300 s: something before the firewall may have stopped it`,
        source: expect.objectContaining({ stack: 'MoatNetwork', logicalId: 'EgressFirewallF3D343A0' }),
      },
    ]);
  });
});
