import { describe, expect, it } from 'vitest';
import {
  buildModel,
  checkFlows,
  type ExpectedFlow,
  loadAssembly,
  type NetworkModel,
  standardFlows,
  verifyModel,
} from '../../src/index.js';
import { fixture } from '../trace/read-hops.js';

/** A plain template without Moat's config (test/fixtures/derived-flows/shop.yaml). */
const shop = (): NetworkModel => buildModel(loadAssembly(fixture('derived-flows'), { region: 'eu-west-1' }));

const derived = (model: NetworkModel) => standardFlows(model, { design: 'derived' });

const describeFlow = ({ name, flow, expected, via }: ExpectedFlow): string => {
  const to = flow.to;
  const target =
    to.kind === 'host' ? to.hostname : to.kind === 'aws-service' ? to.service : 'id' in to ? to.id : to.kind;
  const from = 'id' in flow.from ? flow.from.id : flow.from.kind;
  return `${name} ${from} → ${target}:${flow.port} ${expected}${via ? ` via ${via}` : ''}`;
};

describe('flows derived from a template without Moat config', () => {
  it('checks each entry point, and each workload where its own settings ask for it', () => {
    expect(derived(shop()).map(describeFlow)).toEqual([
      // The HTTP listener only redirects: the HTTPS one is the way in.
      'ingress internet → shop/Alb:443 ACCEPTED',
      // The service's security group lets it out (the implicit egress rule), its image is in ECR, it logs with awslogs,
      // and its route tables carry the S3 gateway endpoint.
      'egress-allowed shop/Shop → checkip.amazonaws.com:443 ACCEPTED',
      'aws-services shop/Shop → ecr.api:443 ACCEPTED',
      'aws-services shop/Shop → ecr.dkr:443 ACCEPTED',
      'aws-services shop/Shop → s3:443 ACCEPTED via vpc-endpoint',
      'aws-services shop/Shop → logs:443 ACCEPTED',
      'direct-to-task internet → shop/Shop:8080 NOT_REACHABLE_FROM_INTERNET',
      // The bastion has a public IP and opens SSH to the internet; its route table has no S3 endpoint.
      'ingress internet → shop/Bastion:22 ACCEPTED',
      'egress-allowed shop/Bastion → checkip.amazonaws.com:443 ACCEPTED',
      // The batch instance's security group opens only PostgreSQL inside the VPC: no internet, no AWS service.
      'direct-to-task internet → shop/Batch:80 NOT_REACHABLE_FROM_INTERNET',
    ]);
  });

  it('passes verification on the intact design, from every AZ', () => {
    const model = shop();
    const verification = verifyModel(model, [], { design: 'derived' });
    expect(verification.flows.filter((result) => !result.holds).map((result) => result.trace.reason)).toEqual(
      [],
    );
  });

  it('fails the service egress from the AZ whose NAT route is deleted, naming the route table', () => {
    const model = shop();
    const broken: NetworkModel = {
      ...model,
      routeTables: model.routeTables.map((table) =>
        table.source.logicalId === 'PrivateBRoutes'
          ? { ...table, routes: table.routes.filter((route) => route.source.logicalId !== 'PrivateBDefault') }
          : table,
      ),
    };
    const failing = checkFlows(broken, derived(broken)).filter((result) => !result.holds);
    expect(
      failing.map((result) => [
        describeFlow(result.expectation),
        result.trace.disposition,
        result.trace.reason,
      ]),
    ).toEqual([
      [
        'egress-allowed shop/Shop → checkip.amazonaws.com:443 ACCEPTED',
        'NO_ROUTE',
        'route table PrivateBRoutes of PrivateB has no route to checkip.amazonaws.com',
      ],
      [
        'aws-services shop/Shop → ecr.api:443 ACCEPTED',
        'NO_ROUTE',
        'route table PrivateBRoutes of PrivateB has no route to ecr.api (public endpoint)',
      ],
      [
        'aws-services shop/Shop → ecr.dkr:443 ACCEPTED',
        'NO_ROUTE',
        'route table PrivateBRoutes of PrivateB has no route to ecr.dkr (public endpoint)',
      ],
      [
        'aws-services shop/Shop → logs:443 ACCEPTED',
        'NO_ROUTE',
        'route table PrivateBRoutes of PrivateB has no route to logs (public endpoint)',
      ],
    ]);
  });

  it('expects no egress from a workload when the network has no internet gateway', () => {
    const model = shop();
    const names = derived({ ...model, internetGateways: [] }).map(describeFlow);
    expect(names.filter((name) => name.startsWith('egress'))).toEqual([]);
  });

  it("keeps Moat's service flows (SPEC) for Moat's design", () => {
    expect(standardFlows(shop()).map(describeFlow)).toEqual([
      'ingress internet → shop/Alb:443 ACCEPTED',
      'egress-allowed shop/Shop → api.binance.com:443 ACCEPTED',
      'aws-services shop/Shop → ecr.api:443 ACCEPTED via vpc-endpoint',
      'aws-services shop/Shop → ecr.dkr:443 ACCEPTED via vpc-endpoint',
      'aws-services shop/Shop → s3:443 ACCEPTED via vpc-endpoint',
      'aws-services shop/Shop → logs:443 ACCEPTED via vpc-endpoint',
      'direct-to-task internet → shop/Shop:8080 NOT_REACHABLE_FROM_INTERNET',
    ]);
  });
});
