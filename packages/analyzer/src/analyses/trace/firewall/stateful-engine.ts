import type { FirewallPolicy, Source } from '../../../model/types.js';
import type { Step } from '../../types.js';
import { type CompiledRule, ruleLabel } from './compiled-rule.js';
import type { Connection, ConnectionPacket } from './connection.js';
import { ruleMatches } from './packet-match.js';
import { isUnknown } from './truth.js';

/** A rule to evaluate, or one Moat cannot read: a flow that reaches it is UNKNOWN. */
export type RuleEntry =
  | { readonly kind: 'rule'; readonly rule: CompiledRule }
  | { readonly kind: 'unreadable'; readonly what: string; readonly reason: string; readonly source: Source };

export type Outcome =
  | { readonly verdict: 'PASS'; readonly steps: readonly Step[] }
  | { readonly verdict: 'DROP' | 'UNKNOWN'; readonly steps: readonly Step[]; readonly reason: string };

interface FlowState {
  readonly flowbits: ReadonlySet<string>;
  /** The rule whose flow-scope pass lets the rest of the connection through. */
  readonly passedBy?: string;
  /**
   * What this branch assumed of each rule Moat could not decide (by rule and doubt): the same doubt on a
   * later packet (the host's address, say) gets the same answer.
   */
  readonly assumed: ReadonlyMap<string, boolean>;
}

interface Engine {
  readonly policy: FirewallPolicy;
  readonly rules: readonly RuleEntry[];
  readonly connection: Connection;
  /** Branches left before Moat gives up on rules it cannot decide. */
  budget: number;
}

const MAX_BRANCHES = 256;

/**
 * Runs the stateful engine over the packets of a connection. Strict order evaluates the rule groups by
 * priority and each group's rules as written; action order evaluates every pass rule, then drop, reject
 * and alert rules (the caller orders `rules` so). On each packet the first matching pass, drop or reject
 * decides; an alert goes on (setting its flowbits). A pass with flow scope lets the rest of the connection
 * through; a packet-scope pass only that packet. A packet no rule decides gets the default action.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 *
 * A rule Moat cannot decide for a packet is tried both ways: when both give the same verdict, that is the
 * verdict; otherwise the connection is UNKNOWN, naming the rule and why.
 */
export function runStatefulEngine(
  policy: FirewallPolicy,
  rules: readonly RuleEntry[],
  connection: Connection,
): Outcome {
  const engine: Engine = { policy, rules, connection, budget: MAX_BRANCHES };
  return evaluate(engine, { flowbits: new Set(), assumed: new Map() }, 0, 0, []);
}

function evaluate(
  engine: Engine,
  state: FlowState,
  packetIndex: number,
  ruleIndex: number,
  steps: readonly Step[],
): Outcome {
  const packet = engine.connection.packets[packetIndex];
  if (packet === undefined) return { verdict: 'PASS', steps: finished(engine, state, steps) };
  if (state.passedBy !== undefined) return evaluate(engine, state, packetIndex + 1, 0, steps);
  const strictOrder = engine.policy.ruleOrder === 'STRICT_ORDER';
  for (let index = ruleIndex; index < engine.rules.length; index += 1) {
    const entry = engine.rules[index];
    if (entry === undefined) break;
    if (entry.kind === 'unreadable') {
      const reason = `${entry.what} (${entry.source.logicalId}) would see the ${packet.name}, but ${entry.reason}`;
      return {
        verdict: 'UNKNOWN',
        steps: [...steps, { action: 'UNKNOWN', detail: reason, source: entry.source }],
        reason,
      };
    }
    const rule = entry.rule;
    if (rule.firstPacketsOnly && !packet.firstInDirection) continue;
    const truth = ruleMatches(rule, {
      connection: engine.connection,
      packet,
      flowbits: state.flowbits,
      strictOrder,
    });
    const key = isUnknown(truth) ? `${rule.text}\n${truth.unknown}` : '';
    const decided = isUnknown(truth) ? state.assumed.get(key) : truth;
    if (decided === false) continue;
    if (decided === true) return apply(engine, rule, state, packet, packetIndex, index, steps);
    if (rule.action === 'alert' && rule.flowbitEffects.length === 0) continue;
    const assuming = (value: boolean): FlowState => ({
      ...state,
      assumed: new Map([...state.assumed, [key, value]]),
    });
    return undecided(engine, rule, isUnknown(truth) ? truth.unknown : '', packet, steps, () => ({
      matched: apply(engine, rule, assuming(true), packet, packetIndex, index, steps),
      missed: evaluate(engine, assuming(false), packetIndex, index + 1, steps),
    }));
  }
  return defaultAction(engine, state, packet, packetIndex, steps);
}

function apply(
  engine: Engine,
  rule: CompiledRule,
  state: FlowState,
  packet: ConnectionPacket,
  packetIndex: number,
  ruleIndex: number,
  steps: readonly Step[],
): Outcome {
  const flowbits = new Set(state.flowbits);
  for (const effect of rule.flowbitEffects) {
    for (const name of effect.names) {
      if (effect.command === 'set' || (effect.command === 'toggle' && !flowbits.has(name)))
        flowbits.add(name);
      else flowbits.delete(name);
    }
  }
  const label = ruleLabel(rule);
  if (rule.action === 'alert')
    return evaluate(engine, { ...state, flowbits }, packetIndex, ruleIndex + 1, steps);
  if (rule.action === 'pass') {
    const whole = rule.scope === 'flow';
    const step: Step = {
      action: 'PASS',
      detail: `${packet.name}: ${label} passes ${whole ? 'the connection' : 'this packet only'}`,
      source: rule.group.source,
    };
    return evaluate(
      engine,
      { ...state, flowbits, ...(whole ? { passedBy: label } : {}) },
      packetIndex + 1,
      0,
      [...steps, step],
    );
  }
  const verb = rule.action === 'drop' ? 'drops' : 'rejects';
  return {
    verdict: 'DROP',
    steps: [
      ...steps,
      {
        action: rule.action.toUpperCase(),
        detail: `${packet.name}: ${label} ${verb} it`,
        source: rule.group.source,
      },
    ],
    reason: `${label} ${verb} the ${packet.name}`,
  };
}

function undecided(
  engine: Engine,
  rule: CompiledRule,
  why: string,
  packet: ConnectionPacket,
  steps: readonly Step[],
  branches: () => { matched: Outcome; missed: Outcome },
): Outcome {
  const label = ruleLabel(rule);
  const doubt = `${label} may match the ${packet.name}: ${why}`;
  engine.budget -= 1;
  if (engine.budget < 0) {
    const reason = `too many rules Moat cannot decide; the last: ${doubt}`;
    return {
      verdict: 'UNKNOWN',
      steps: [...steps, { action: 'UNKNOWN', detail: reason, source: rule.group.source }],
      reason,
    };
  }
  const { matched, missed } = branches();
  if (matched.verdict === missed.verdict && matched.verdict !== 'UNKNOWN') {
    const note: Step = {
      action: 'UNDECIDED',
      detail: `${doubt}; either way the firewall ${matched.verdict === 'PASS' ? 'passes' : 'drops'} the connection`,
      source: rule.group.source,
    };
    return { ...missed, steps: [...steps, note, ...missed.steps.slice(steps.length)] };
  }
  const reason = `${doubt}; if it does, ${consequence(matched)}, otherwise ${consequence(missed)}`;
  return {
    verdict: 'UNKNOWN',
    steps: [...steps, { action: 'UNKNOWN', detail: reason, source: rule.group.source }],
    reason,
  };
}

const consequence = (outcome: Outcome): string =>
  outcome.verdict === 'PASS'
    ? 'the connection passes'
    : outcome.verdict === 'DROP'
      ? 'the connection is dropped'
      : 'the verdict still depends on rules Moat cannot decide';

/**
 * The stateful default actions (strict order only; action order passes what no rule drops). Drop all drops
 * every packet no rule decided, the TCP handshake included; drop established only established packets from
 * the client, so application-layer pass rules can see the TLS ClientHello or HTTP request, and passes the
 * server's established packets; for connectionless protocols such as UDP it drops all packets. The
 * application-layer variant also drops the server's packets once established. Alert actions only log.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html#suricata-strict-rule-evaluation-order
 */
function defaultAction(
  engine: Engine,
  state: FlowState,
  packet: ConnectionPacket,
  packetIndex: number,
  steps: readonly Step[],
): Outcome {
  const { policy, connection } = engine;
  const drop =
    policy.ruleOrder === 'STRICT_ORDER'
      ? policy.statefulDefaultActions.find((action) => action.startsWith('aws:drop'))
      : undefined;
  const next = (): Outcome => evaluate(engine, state, packetIndex + 1, 0, steps);
  if (drop === undefined) return next();
  const dropped =
    drop === 'aws:drop_strict'
      ? true
      : drop === 'aws:drop_established'
        ? connection.transport === 'udp' || (packet.established && packet.toServer)
        : drop === 'aws:drop_established_app_layer'
          ? connection.transport === 'udp' || packet.established
          : undefined;
  if (dropped === undefined) {
    const reason = `no rule decides the ${packet.name}, and Moat does not model the default action ${drop}`;
    return {
      verdict: 'UNKNOWN',
      steps: [...steps, { action: 'UNKNOWN', detail: reason, source: policy.source }],
      reason,
    };
  }
  if (!dropped) return next();
  const why =
    drop === 'aws:drop_strict'
      ? 'drops every packet no rule passes'
      : connection.transport === 'udp'
        ? 'drops UDP packets no rule passes'
        : 'drops established packets no rule passes';
  return {
    verdict: 'DROP',
    steps: [
      ...steps,
      {
        action: 'DROP',
        detail: `${packet.name}: no rule passes it; default action ${drop} ${why}`,
        source: policy.source,
      },
    ],
    reason: `no rule of ${policy.source.logicalId} passes the ${packet.name}, and its default action ${drop} ${why}`,
  };
}

/** The closing step of a connection the stateful engine lets through. */
function finished(engine: Engine, state: FlowState, steps: readonly Step[]): Step[] {
  if (state.passedBy !== undefined) return [...steps];
  const { policy } = engine;
  const defaults =
    policy.ruleOrder !== 'STRICT_ORDER'
      ? 'action order passes what no rule drops'
      : policy.statefulDefaultActions.length === 0
        ? 'the policy has no stateful default action'
        : `its default actions (${policy.statefulDefaultActions.join(', ')}) drop none of its packets`;
  return [
    ...steps,
    {
      action: 'PASS',
      detail: `no rule drops a packet of the connection; ${defaults}`,
      source: policy.source,
    },
  ];
}
