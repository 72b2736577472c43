import type { FlowResult } from '../../../src/analyses/types.js';
import type { NetworkModel } from '../../../src/model/types.js';
import { flowResult, ModelBuilder, trace } from './model-builder.js';

/**
 * Hand-built models shaped like the guide's steps, with traces shaped like the tracer's (SPEC "What a trace
 * should read like"), so the diagram is tested without depending on the model builder or the tracer.
 */

export interface DrawnStep {
  readonly model: NetworkModel;
  readonly flows: readonly FlowResult[];
}

const zones = ['eu-central-1a', 'eu-central-1b'] as const;

/** Step 7: ingress, egress and container VPCs on a transit gateway; a firewall endpoint per AZ in egress. */
export const guideStep7 = (
  options: { readonly splitAccounts?: boolean; readonly api?: boolean } = {},
): DrawnStep => {
  const b = new ModelBuilder().stack('Network', '111111111111');
  b.stack('Workload', options.splitAccounts ? '222222222222' : '111111111111');

  const ingress = b.vpc('Network', 'Ingress', '10.1.0.0/16');
  const ingressPublic = zones.map((az, i) => b.subnet(ingress, 'Public', `10.1.${i}.0/24`, az));
  const ingressTransit = zones.map((az, i) => b.subnet(ingress, 'Transit', `10.1.10.${i * 16}/28`, az));
  const ingressIgw = b.internetGateway(ingress);

  const egress = b.vpc('Network', 'Egress', '10.2.0.0/16');
  const egressPublic = zones.map((az, i) => b.subnet(egress, 'Public', `10.2.${i}.0/24`, az));
  const egressFirewall = zones.map((az, i) => b.subnet(egress, 'Firewall', `10.2.10.${i * 16}/28`, az));
  const egressTransit = zones.map((az, i) => b.subnet(egress, 'Transit', `10.2.20.${i * 16}/28`, az));
  const egressIgw = b.internetGateway(egress);
  const nats = egressPublic.map((subnet) => b.natGateway(subnet));
  const firewall = b.firewall(egress, egressFirewall, 'EgressFirewall');

  const container = b.vpc('Workload', 'Container', '10.0.0.0/16');
  const privates = zones.map((az, i) => b.subnet(container, 'Private', `10.0.${i + 1}.0/24`, az));
  const nlb = b.loadBalancer('ServiceNlb', 'network', 'internal', privates, ['10.0.1.10', '10.0.2.10']);
  const service = b.service('PriceService', privates);
  const ecrApi = b.endpoint(container, 'ecr.api', privates);
  b.endpoint(container, 'ecr.dkr', privates);
  b.endpoint(container, 'logs', privates);
  const s3 = b.endpoint(container, 's3', []);

  const tgw = b.transitGateway('Network', 'Hub');
  const ingressAttachment = b.attachment(tgw, ingress, ingressTransit, 'IngressAttachment');
  b.attachment(tgw, egress, egressTransit, 'EgressAttachment');
  const containerAttachment = b.attachment(tgw, container, privates, 'ContainerAttachment');
  // Split across accounts as in step 10: the networking account shares its transit gateway with the workload's.
  if (options.splitAccounts) b.resourceShare('Network', 'HubShare', [tgw], '222222222222');

  const alb = b.loadBalancer(
    'IngressAlb',
    'application',
    options.api ? 'internal' : 'internet-facing',
    options.api ? ingressTransit : ingressPublic,
  );
  const entry = options.api ? b.restApi('Network', 'PriceApi', 'prod') : undefined;
  if (entry) b.webAcl('Network', 'ApiWebAcl', [entry.stage]);

  const ingressFlow = {
    from: { kind: 'internet' },
    to: { kind: 'workload', id: service },
    protocol: 'tcp',
    port: 8080,
  } as const;
  const ingressTrace = trace(ingressFlow, 'ACCEPTED', [
    ...(entry ? [b.hop('api stage', entry.stage)] : [b.hop('internet gateway', ingressIgw)]),
    b.hop('load balancer', alb),
    b.hop('tgw attachment', ingressAttachment),
    b.hop('tgw attachment', containerAttachment),
    b.hop('load balancer', nlb),
    b.hop('task ENI', service),
  ]);

  const egressHops = (az: string, index: number) => [
    b.hop('task ENI', service, az),
    b.hop('subnet', privates[index] ?? ''),
    b.hop('tgw attachment', containerAttachment, az),
    b.hop('subnet', egressTransit[index] ?? ''),
    b.hop('firewall', firewall, az),
  ];
  const toInternet = (hostname: string) =>
    ({
      from: { kind: 'workload', id: service },
      to: { kind: 'host', hostname },
      protocol: 'tcp',
      port: 443,
    }) as const;
  const allowed = zones.map((az, i) =>
    trace(
      toInternet('api.binance.com'),
      'ACCEPTED',
      [
        ...egressHops(az, i),
        b.hop('subnet', egressFirewall[i] ?? ''),
        b.hop('nat gateway', nats[i] ?? ''),
        b.hop('subnet', egressPublic[i] ?? ''),
        b.hop('internet gateway', egressIgw),
      ],
      az,
    ),
  );
  const denied = zones.map((az, i) =>
    trace(toInternet('example.com'), 'DROPPED_BY_FIREWALL', egressHops(az, i), az),
  );
  const toService = (name: string, endpoint: string) =>
    zones.map((az) =>
      trace(
        {
          from: { kind: 'workload', id: service },
          to: { kind: 'aws-service', service: name },
          protocol: 'tcp',
          port: 443,
        },
        'ACCEPTED',
        [b.hop('task ENI', service, az), b.hop('vpc endpoint', endpoint, az)],
        az,
      ),
    );
  const directToTask = trace(
    {
      from: { kind: 'internet' },
      to: { kind: 'address', address: '10.0.1.25' },
      protocol: 'tcp',
      port: 8080,
    },
    'NOT_REACHABLE_FROM_INTERNET',
    [],
  );

  return {
    model: b.build(),
    flows: [
      flowResult('ingress', 'ACCEPTED', [ingressTrace]),
      flowResult('egress-allowed', 'ACCEPTED', allowed),
      flowResult('egress-denied', 'DROPPED_BY_FIREWALL', denied),
      flowResult('aws-services ecr.api', 'ACCEPTED', toService('ecr.api', ecrApi)),
      flowResult('aws-services s3', 'ACCEPTED', toService('s3', s3)),
      flowResult('direct-to-task', 'NOT_REACHABLE_FROM_INTERNET', [directToTask]),
    ],
  };
};

/** Step 3: one VPC, an internet-facing ALB and a NAT gateway per AZ in public subnets, instances in private ones. */
export const guideStep3 = (): DrawnStep => {
  const b = new ModelBuilder().stack('App');
  const vpc = b.vpc('App', 'Service', '10.0.0.0/16');
  const publics = zones.map((az, i) => b.subnet(vpc, 'Public', `10.0.${i}.0/24`, az));
  const privates = zones.map((az, i) => b.subnet(vpc, 'Private', `10.0.${i + 10}.0/24`, az));
  const igw = b.internetGateway(vpc);
  const nats = publics.map((subnet) => b.natGateway(subnet));
  const alb = b.loadBalancer('PublicAlb', 'application', 'internet-facing', publics);
  const instances = privates.map((subnet, i) => b.instance(`Server${i + 1}`, subnet, false));

  const ingress = trace(
    { from: { kind: 'internet' }, to: { kind: 'entry', id: alb }, protocol: 'tcp', port: 80 },
    'ACCEPTED',
    [b.hop('internet gateway', igw), b.hop('load balancer', alb), b.hop('instance', instances[0] ?? '')],
  );
  const egress = zones.map((az, i) =>
    trace(
      {
        from: { kind: 'workload', id: instances[i] ?? '' },
        to: { kind: 'host', hostname: 'api.binance.com' },
        protocol: 'tcp',
        port: 443,
      },
      'ACCEPTED',
      [
        b.hop('instance', instances[i] ?? ''),
        b.hop('nat gateway', nats[i] ?? ''),
        b.hop('internet gateway', igw),
      ],
      az,
    ),
  );
  return {
    model: b.build(),
    flows: [flowResult('ingress', 'ACCEPTED', [ingress]), flowResult('egress-allowed', 'ACCEPTED', egress)],
  };
};
