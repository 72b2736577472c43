import { describe, expect, it } from 'vitest';
import { type NetworkModel, resolveEndpoint } from '../../src/index.js';
import { modelOf } from './read-hops.js';

const FORMS =
  'Use internet, task (the first ECS service or instance), alb (the internet-facing ALB), api (the public API stage), a domain name (api.binance.com), an IPv4 address, a subnet by its CIDR, or a subnet, EC2 instance, ECS service, load balancer, API stage or VPC endpoint by logical ID or construct path.';

/** The nat-egress fixture as CDK would have written it: each subnet under `Network/Vpc/<name>/Subnet`. */
const withConstructPaths = (model: NetworkModel): NetworkModel => ({
  ...model,
  subnets: model.subnets.map((subnet) => ({
    ...subnet,
    source: { ...subnet.source, constructPath: `Network/Vpc/${subnet.source.logicalId}/Subnet` },
  })),
});

describe('resolveEndpoint', () => {
  const model = modelOf('api-vpc-link');

  it('resolves the words of the command line to endpoints of the model', () => {
    expect(resolveEndpoint(model, 'task')).toEqual({
      known: true,
      value: { kind: 'workload', id: 'Network/PriceService' },
    });
    expect(resolveEndpoint(model, 'internet')).toEqual({ known: true, value: { kind: 'internet' } });
    expect(resolveEndpoint(model, 'api')).toEqual({
      known: true,
      value: { kind: 'entry', id: 'Network/ApiStage' },
    });
    expect(resolveEndpoint(model, 'alb')).toEqual({
      known: true,
      value: { kind: 'entry', id: 'Network/Alb' },
    });
    expect(resolveEndpoint(model, 'API.Binance.com')).toEqual({
      known: true,
      value: { kind: 'host', hostname: 'api.binance.com' },
    });
    expect(resolveEndpoint(model, '10.0.2.10')).toEqual({
      known: true,
      value: { kind: 'address', address: '10.0.2.10' },
    });
    expect(resolveEndpoint(model, 'PriceService')).toEqual({
      known: true,
      value: { kind: 'workload', id: 'Network/PriceService' },
    });
  });

  it('rejects unknown text and says what it accepts', () => {
    expect(resolveEndpoint(model, 'databse')).toEqual({
      known: false,
      reason: `'databse' is not an endpoint Moat knows. ${FORMS}`,
    });
  });

  it('says why a keyword names nothing in a model without it', () => {
    expect(resolveEndpoint(modelOf('interface-endpoint'), 'alb')).toEqual({
      known: false,
      reason: `'alb' names the first application load balancer, and the model has none. ${FORMS}`,
    });
  });
});

describe('resolveEndpoint: subnets, VPC endpoints and construct paths', () => {
  const model = withConstructPaths(modelOf('nat-egress'));
  const subnet = (id: string) => ({ known: true, value: { kind: 'subnet', id } });

  it('names a subnet by logical ID, model id, CIDR, or construct path (whole, below the stack, or its L2)', () => {
    expect(resolveEndpoint(model, 'PrivateA')).toEqual(subnet('Network/PrivateA'));
    expect(resolveEndpoint(model, 'Network/PrivateA')).toEqual(subnet('Network/PrivateA'));
    expect(resolveEndpoint(model, '10.0.3.0/24')).toEqual(subnet('Network/PrivateB'));
    expect(resolveEndpoint(model, 'Network/Vpc/PrivateB/Subnet')).toEqual(subnet('Network/PrivateB'));
    expect(resolveEndpoint(model, 'Vpc/PrivateB/Subnet')).toEqual(subnet('Network/PrivateB'));
    expect(resolveEndpoint(model, 'Vpc/PrivateB')).toEqual(subnet('Network/PrivateB'));
    expect(resolveEndpoint(model, 'privateb')).toEqual(subnet('Network/PrivateB'));
  });

  it('refuses a name that several elements share, naming each', () => {
    expect(resolveEndpoint(model, 'Vpc')).toEqual({
      known: false,
      reason:
        "'Vpc' names 4 elements: Vpc/PublicA (Network/PublicA), Vpc/PublicB (Network/PublicB), Vpc/PrivateA (Network/PrivateA), Vpc/PrivateB (Network/PrivateB). Give one of their ids.",
    });
  });

  it('refuses a CIDR no subnet has', () => {
    expect(resolveEndpoint(model, '10.0.9.0/24')).toEqual({
      known: false,
      reason: `no subnet of the model has the CIDR 10.0.9.0/24. ${FORMS}`,
    });
  });

  it("names an interface endpoint's ENI, and a gateway endpoint's service", () => {
    const isolated = modelOf('interface-endpoint');
    expect(resolveEndpoint(isolated, 'EcrApiEndpoint')).toEqual({
      known: true,
      value: { kind: 'vpc-endpoint', id: 'Isolated/EcrApiEndpoint' },
    });
    expect(resolveEndpoint(isolated, 'S3Endpoint')).toEqual({
      known: true,
      value: { kind: 'aws-service', service: 's3' },
    });
  });
});
