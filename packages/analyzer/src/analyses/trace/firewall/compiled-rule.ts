import type { RuleOption, SuricataRule } from '../../../model/suricata/syntax.js';
import type { StatefulRuleGroup } from '../../../model/types.js';
import { bufferApplication } from './buffers.js';
import { APPLICATION_PROTOCOLS } from './protocols.js';
import type { RuleVariables } from './rule-variables.js';

/** A stateful rule ready to evaluate: what it does when it matches, and on which packets it is evaluated. */
export interface CompiledRule {
  readonly rule: SuricataRule;
  readonly text: string;
  readonly group: StatefulRuleGroup;
  readonly variables: RuleVariables;
  /** `rejectsrc`, `rejectdst`, `rejectboth` are rejects; DROP_TO_ALERT makes drops and rejects alerts. */
  readonly action: 'pass' | 'drop' | 'reject' | 'alert';
  /** A pass or drop of the whole flow, or of the packet it matched only. */
  readonly scope: 'packet' | 'flow';
  /** Suricata evaluates IP-only rules on the first packet in each direction only. */
  readonly firstPacketsOnly: boolean;
  /** The flowbits it sets, unsets or toggles when it matches. */
  readonly flowbitEffects: readonly Extract<RuleOption, { kind: 'flowbits' }>[];
}

/** Keywords Suricata's IP-only engine accepts besides metadata: `flowbits:set` (and thresholds, tags). */
const isIpOnlyCompatible = (option: RuleOption): boolean =>
  option.kind === 'meta' ||
  (option.kind === 'flowbits' && (option.command === 'set' || option.command === 'noalert'));

const usesApplicationBuffer = (option: RuleOption): boolean =>
  (option.kind === 'buffer' && bufferApplication(option.name) !== undefined) || option.kind === 'ssl-state';

export function compileRule(
  rule: SuricataRule,
  text: string,
  group: StatefulRuleGroup,
  variables: RuleVariables,
  dropToAlert: boolean,
): CompiledRule {
  const action =
    rule.action === 'pass' || rule.action === 'alert'
      ? rule.action
      : dropToAlert
        ? 'alert'
        : rule.action === 'drop'
          ? 'drop'
          : 'reject';
  const kind = signatureKind(rule);
  return {
    rule,
    text,
    group,
    variables,
    action,
    scope: rule.scope ?? (kind === 'packet' ? 'packet' : 'flow'),
    firstPacketsOnly:
      kind === 'ip-only' && !variables.negates(rule.source) && !variables.negates(rule.destination),
    flowbitEffects: rule.options.flatMap((option) =>
      option.kind === 'flowbits' &&
      (option.command === 'set' || option.command === 'unset' || option.command === 'toggle')
        ? [option]
        : [],
    ),
  };
}

/**
 * How Suricata 7 classifies a signature, which decides whether its pass or drop applies to the flow: IP-only
 * rules (no application protocol, no payload, only IP-only keywords), protocol-detection-only rules
 * (`app-layer-protocol` with at most a flow direction) and application-layer rules (a sticky buffer of the
 * application, or an application protocol and nothing to match but metadata) act on the flow; any other rule
 * (for example one with `flow:not_established`) on the packet it matched. A rule that passes only the TCP
 * handshake therefore does not pass the connection.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-limitations-caveats.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 * (Suricata 7.0 `SignatureSetType` and `signature_properties`: src/detect-engine-build.c, src/detect-engine.c)
 */
function signatureKind(rule: SuricataRule): 'ip-only' | 'flow' | 'packet' {
  const applicationHeader = rule.protocol in APPLICATION_PROTOCOLS;
  if (rule.options.some(usesApplicationBuffer)) return 'flow';
  const matching = rule.options.filter((option) => !isIpOnlyCompatible(option));
  if (!applicationHeader && matching.length === 0) return 'ip-only';
  const protocolDetectionOnly =
    !applicationHeader &&
    matching.some((option) => option.kind === 'app-layer-protocol') &&
    matching.every(
      (option) =>
        option.kind === 'app-layer-protocol' ||
        (option.kind === 'flow' &&
          option.settings.every((setting) => setting === 'to_server' || setting === 'to_client')),
    );
  if (protocolDetectionOnly) return 'flow';
  if (applicationHeader && matching.length === 0) return 'flow';
  return 'packet';
}

/** How a step or a reason names the rule: its sid and message, else its text. */
export function ruleLabel(rule: CompiledRule): string {
  const text = rule.text.length > 90 ? `${rule.text.slice(0, 87)}...` : rule.text;
  return `rule sid ${rule.rule.sid} ${rule.rule.msg !== undefined ? `'${rule.rule.msg}'` : `(${text})`} (${rule.group.source.logicalId})`;
}
