import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../src/index.js';
import { modelOf } from './read-hops.js';

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

  it('rejects unknown text and lists the choices', () => {
    expect(resolveEndpoint(model, 'databse')).toEqual({
      known: false,
      reason:
        "'databse' is not an endpoint Moat knows. Use task, internet, api, alb, a host name (api.binance.com), an IPv4 address, or one of: PriceService, Alb.",
    });
  });
});
