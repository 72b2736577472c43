/**
 * Every way a live check can contradict Moat's offline verdict: what each means and what to do about it. The
 * text table explains a row with its own message; SARIF (`moat confirm --format sarif`) turns each kind into a
 * rule with this title and help.
 */
export const DISAGREEMENT_KINDS = {
  'ra-not-reachable': {
    check: 'reachability-analyzer',
    title: 'Reachability Analyzer finds no path where Moat accepts the flow',
    help: "The live network blocks a flow the templates let through: RA's explanation names the component that stops it. Look for a change made outside the templates (drift), a resource the stack failed to create, or a rule Moat reads differently from AWS.",
  },
  'ra-reachable': {
    check: 'reachability-analyzer',
    title: 'Reachability Analyzer finds a path where Moat stops the flow',
    help: 'The live network lets through a flow the templates stop at the resource this result points at. Look for a route, rule or security group added outside the templates, and remove it or add it to the templates.',
  },
  'ra-different-hop': {
    check: 'reachability-analyzer',
    title: "Reachability Analyzer's path leaves Moat's at a hop",
    help: "Both find a path, but not through the same resources: the result names the first checkpoint where they part, Moat's side and RA's side. A route table edited outside the templates, or a route to the other AZ's NAT gateway or firewall endpoint, are the usual causes.",
  },
  'probe-got-through': {
    check: 'live-probe',
    title: 'The live probe got through where Moat stops the flow',
    help: 'A connection from inside the network (or to the public entry) succeeded although the templates stop it at the resource this result points at: a firewall or security group rule that is not the deployed one. Compare the deployed rule with the template.',
  },
  'probe-blocked': {
    check: 'live-probe',
    title: 'The live probe was stopped where Moat accepts the flow',
    help: 'A connection the templates let through did not get an answer: the result says what came back (a timeout, a load balancer error). Check the targets are healthy, the firewall rule order and the deployed routes.',
  },
  'probe-public-address': {
    check: 'live-probe',
    title: 'An AWS service name resolved to a public address where Moat expects its VPC endpoint',
    help: "Traffic to the service leaves through the NAT gateway instead of the interface endpoint: turn on the endpoint's private DNS (PrivateDnsEnabled) and check the VPC's enableDnsSupport and enableDnsHostnames.",
  },
  'entry-wrong-answer': {
    check: 'live-probe',
    title: 'The public entry answered, but not with 200 and a price',
    help: "The request reached something behind the entry that did not answer as the price service does (SPEC's price service contract): the result quotes what came back. A listener rule or a target group pointing elsewhere, or the service failing its own call to the exchange, are the usual causes.",
  },
  'alert-missing': {
    check: 'firewall-alert-log',
    title: "A drop the probe saw is not in the firewall's alert log",
    help: "Moat expects the firewall to drop this flow, and a DROP (or the aws:alert_established default) logs a 'blocked' alert when alert logging is on. The probe was stopped, but no alert came: something before the firewall stopped it (a route, a security group), or the firewall's ALERT logging is not delivered to the log group of the template.",
  },
} as const satisfies Record<string, { check: string; title: string; help: string }>;

export type DisagreementKind = keyof typeof DISAGREEMENT_KINDS;
