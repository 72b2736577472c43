import { describe, expect, it } from 'vitest';
import { buildModel, type NetworkModel } from '../../src/index.js';

const modelOfResources = (
  resources: Record<string, unknown>,
  parameters: Record<string, unknown> = {},
): NetworkModel =>
  buildModel({
    directory: '.',
    stacks: [
      {
        name: 'Net',
        stackName: 'Net',
        account: { known: true, value: '111111111111' },
        region: { known: true, value: 'eu-central-1' },
        file: 'Net.template.json',
        template: { Parameters: parameters, Resources: resources } as never,
      },
    ],
  });

const ruleGroupResource = (type: 'STATEFUL' | 'STATELESS', ruleGroup: unknown) => ({
  Type: 'AWS::NetworkFirewall::RuleGroup',
  Properties: { Type: type, Capacity: 10, RuleGroup: ruleGroup },
});

const group = (model: NetworkModel, logicalId: string) =>
  model.firewallRuleGroups.find((candidate) => candidate.source.logicalId === logicalId);

describe('firewall rule groups and policies', () => {
  it('reads a Suricata rule group with its IP sets, port sets and IP set references', () => {
    // The guide's "rule variables" and "IP set reference" examples, with a prefix list of the template.
    const model = modelOfResources({
      Servers: {
        Type: 'AWS::EC2::PrefixList',
        Properties: {
          PrefixListName: 'beta',
          MaxEntries: 2,
          AddressFamily: 'IPv4',
          Entries: [{ Cidr: '10.9.0.0/16' }],
        },
      },
      Rules: ruleGroupResource('STATEFUL', {
        RuleVariables: {
          IPSets: { HTTP_SERVERS: { Definition: ['10.0.2.0/24', '10.0.1.19'] } },
          PortSets: { HTTP_PORTS: { Definition: ['80', '8080'] } },
        },
        ReferenceSets: {
          IPSetReferences: { BETA: { ReferenceArn: { 'Fn::GetAtt': ['Servers', 'Arn'] } } },
        },
        RulesSource: {
          RulesString:
            'alert tcp $EXTERNAL_NET any -> $HTTP_SERVERS $HTTP_PORTS (msg:".htpasswd access attempt"; flow:to_server,established; content:".htpasswd"; nocase; sid:210503; rev:1;)\ndrop tcp @BETA any -> any any (sid:1;)',
        },
      }),
    });
    expect(group(model, 'Rules')).toMatchObject({
      kind: 'STATEFUL',
      ipSets: {
        HTTP_SERVERS: [
          { known: true, value: '10.0.2.0/24' },
          { known: true, value: '10.0.1.19' },
        ],
      },
      portSets: {
        HTTP_PORTS: [
          { known: true, value: '80' },
          { known: true, value: '8080' },
        ],
      },
      ipSetReferences: { BETA: { known: true, value: 'Net/Servers' } },
    });
    const rules = group(model, 'Rules');
    expect(
      rules?.kind === 'STATEFUL' && rules.rules.map((rule) => rule.rule.known && rule.rule.value.sid),
    ).toEqual([210503, 1]);
  });

  it('turns a domain list and standard 5-tuple rules into the Suricata rules AWS generates', () => {
    const model = modelOfResources({
      Domains: ruleGroupResource('STATEFUL', {
        RulesSource: {
          RulesSourceList: {
            GeneratedRulesType: 'DENYLIST',
            TargetTypes: ['HTTP_HOST'],
            Targets: ['evil.com'],
          },
        },
      }),
      FiveTuple: ruleGroupResource('STATEFUL', {
        RulesSource: {
          StatefulRules: [
            {
              Action: 'PASS',
              Header: {
                Protocol: 'UDP',
                Source: '$HOME_NET',
                SourcePort: 'ANY',
                Direction: 'FORWARD',
                Destination: '1.1.1.1/32',
                DestinationPort: '53',
              },
              RuleOptions: [
                { Keyword: 'msg', Settings: ['"public DNS"'] },
                { Keyword: 'sid', Settings: ['100001'] },
              ],
            },
          ],
        },
      }),
    });
    const texts = (logicalId: string) => {
      const found = group(model, logicalId);
      return found?.kind === 'STATEFUL' ? found.rules.map((rule) => rule.text) : [];
    };
    expect(group(model, 'Domains')).toMatchObject({ generatedRulesType: 'DENYLIST' });
    expect(texts('Domains')).toEqual([
      'drop http $HOME_NET any -> $EXTERNAL_NET any (http.host; content:"evil.com"; startswith; endswith; msg:"matching HTTP denylisted FQDNs"; priority:1; flow:to_server, established; sid:1; rev:1;)',
    ]);
    expect(texts('FiveTuple')).toEqual([
      'pass udp $HOME_NET ANY -> 1.1.1.1/32 53 (msg:"public DNS"; sid:100001;)',
    ]);
  });

  it('keeps a rule string the template does not determine as one rule Moat cannot read, with the reason', () => {
    const model = modelOfResources(
      {
        Rules: ruleGroupResource('STATEFUL', { RulesSource: { RulesString: { Ref: 'Rules' } } }),
      },
      { Rules: { Type: 'String' } },
    );
    const rules = group(model, 'Rules');
    expect(rules?.kind === 'STATEFUL' && rules.rules).toEqual([
      {
        text: '(RulesString)',
        rule: { known: false, reason: expect.stringMatching(/^RulesString is not known: .*Rules/) },
      },
    ]);
  });

  it('reads stateless rules by priority with their match attributes and custom actions', () => {
    const model = modelOfResources({
      Stateless: ruleGroupResource('STATELESS', {
        RulesSource: {
          StatelessRulesAndCustomActions: {
            StatelessRules: [
              {
                Priority: 20,
                RuleDefinition: { Actions: ['aws:drop'], MatchAttributes: { Protocols: [17] } },
              },
              {
                Priority: 10,
                RuleDefinition: {
                  Actions: ['aws:pass', 'Counted'],
                  MatchAttributes: {
                    Sources: [{ AddressDefinition: '10.0.0.0/16' }],
                    DestinationPorts: [{ FromPort: 443, ToPort: 443 }],
                    Protocols: [6],
                    TCPFlags: [{ Flags: ['SYN'], Masks: ['SYN', 'ACK'] }],
                  },
                },
              },
            ],
            CustomActions: [
              {
                ActionName: 'Counted',
                ActionDefinition: { PublishMetricAction: { Dimensions: [{ Value: 'https' }] } },
              },
            ],
          },
        },
      }),
    });
    expect(group(model, 'Stateless')).toEqual(
      expect.objectContaining({
        kind: 'STATELESS',
        customActions: [{ name: 'Counted', dimensions: ['https'] }],
        rules: [
          {
            priority: 10,
            actions: ['aws:pass', 'Counted'],
            match: {
              known: true,
              value: {
                sources: [{ known: true, value: '10.0.0.0/16' }],
                destinations: [],
                sourcePorts: [],
                destinationPorts: [{ first: 443, last: 443 }],
                protocols: [6],
                tcpFlags: [{ flags: ['SYN'], masks: ['SYN', 'ACK'] }],
              },
            },
          },
          {
            priority: 20,
            actions: ['aws:drop'],
            match: {
              known: true,
              value: {
                sources: [],
                destinations: [],
                sourcePorts: [],
                destinationPorts: [],
                protocols: [17],
                tcpFlags: [],
              },
            },
          },
        ],
      }),
    );
  });

  it('reads the policy: stateless groups and custom actions, stateful groups with overrides, defaults, HOME_NET', () => {
    const model = modelOfResources({
      Stateless: ruleGroupResource('STATELESS', { RulesSource: { StatelessRulesAndCustomActions: {} } }),
      Managed: ruleGroupResource('STATEFUL', { RulesSource: { RulesString: '' } }),
      Policy: {
        Type: 'AWS::NetworkFirewall::FirewallPolicy',
        Properties: {
          FirewallPolicyName: 'p',
          FirewallPolicy: {
            StatelessDefaultActions: ['aws:forward_to_sfe', 'Seen'],
            StatelessFragmentDefaultActions: ['aws:drop'],
            StatelessCustomActions: [
              {
                ActionName: 'Seen',
                ActionDefinition: { PublishMetricAction: { Dimensions: [{ Value: 'all' }] } },
              },
            ],
            StatelessRuleGroupReferences: [{ ResourceArn: { Ref: 'Stateless' }, Priority: 5 }],
            StatefulRuleGroupReferences: [
              { ResourceArn: { Ref: 'Managed' }, Priority: 1, Override: { Action: 'DROP_TO_ALERT' } },
              {
                ResourceArn:
                  'arn:aws:network-firewall:eu-central-1:aws-managed:stateful-rulegroup/ThreatSignaturesBotnetStrictOrder',
                Priority: 2,
              },
            ],
            StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' },
            StatefulDefaultActions: ['aws:drop_established'],
            PolicyVariables: {
              RuleVariables: {
                HOME_NET: { Definition: ['10.0.0.0/8'] },
                WEB: { Definition: ['10.1.0.0/16'] },
              },
            },
          },
        },
      },
    });
    expect(model.firewallPolicies[0]).toMatchObject({
      ruleOrder: 'STRICT_ORDER',
      statelessDefaultActions: ['aws:forward_to_sfe', 'Seen'],
      statelessFragmentDefaultActions: ['aws:drop'],
      statelessCustomActions: [{ name: 'Seen', dimensions: ['all'] }],
      statelessRuleGroups: [{ ruleGroupId: { known: true, value: 'Net/Stateless' }, priority: 5 }],
      statefulRuleGroups: [
        { ruleGroupId: { known: true, value: 'Net/Managed' }, priority: 1, dropToAlert: true },
        {
          ruleGroupId: {
            known: false,
            reason:
              "'arn:aws:network-firewall:eu-central-1:aws-managed:stateful-rulegroup/ThreatSignaturesBotnetStrictOrder' names a resource outside the assembly",
          },
          priority: 2,
        },
      ],
      statefulDefaultActions: ['aws:drop_established'],
      homeNet: [{ known: true, value: '10.0.0.0/8' }],
    });
    expect(model.diagnostics.map((diagnostic) => diagnostic.message)).toContain(
      'Policy sets the policy variable WEB, which Moat ignores: Network Firewall documents HOME_NET as the policy variable; define WEB in the rule groups that use it',
    );
  });
});
