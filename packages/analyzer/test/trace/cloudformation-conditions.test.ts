import { describe, expect, it } from 'vitest';
import { buildModel, loadAssembly, readParameterArguments, traceFlow } from '../../src/index.js';
import { fixture, readHops } from './read-hops.js';

/** The YAML fixture `yaml-conditions`: the default route exists only when WithInternet is 'true'. */
function egress(parameters: readonly string[]) {
  const directory = fixture('yaml-conditions');
  const model = buildModel(
    loadAssembly(directory, {
      region: 'eu-central-1',
      parameters: readParameterArguments(parameters, directory),
    }),
  );
  return {
    model,
    trace: traceFlow(model, {
      from: { kind: 'workload', id: 'web/Web' },
      to: { kind: 'host', hostname: 'checkip.amazonaws.com' },
      protocol: 'tcp',
      port: 443,
    }),
  };
}

describe('CloudFormation conditions on resources', () => {
  it('keeps a resource whose condition holds', () => {
    const { trace } = egress(['WithInternet=true']);
    expect(trace.disposition).toBe('ACCEPTED');
    expect(readHops(trace.hops)).toEqual([
      'instance ENI Web eu-central-1a: sg egress egress 0.0.0.0/0:all/all (WebSecurityGroup)',
      'subnet Public eu-central-1a: route 0.0.0.0/0 → igw Igw (PublicRouteTable)',
      'internet gateway Igw: forward → internet',
    ]);
  });

  it('removes a resource whose condition is false', () => {
    const { trace } = egress(['web:WithInternet=false']);
    expect(trace.disposition).toBe('NO_ROUTE');
    expect(trace.reason).toBe('route table PublicRouteTable of Public has no route to checkip.amazonaws.com');
  });

  it('makes a verdict that rests on a resource of unknown condition UNKNOWN, naming the parameter to give', () => {
    const { trace, model } = egress([]);
    const reason =
      "DefaultRoute (web) exists only if its condition holds, which is unknown: parameter 'WithInternet' of web has no value and no Default: give one with --parameters web:WithInternet=VALUE";
    expect(trace.disposition).toBe('UNKNOWN');
    expect(trace.unknownReason).toBe(reason);
    expect(model.diagnostics.map((diagnostic) => diagnostic.message)).toContain(
      `${reason}; a trace through it is UNKNOWN`,
    );
  });

  it('reads the subnet from Fn::Cidr and Fn::GetAZs of the region given', () => {
    const { model } = egress(['WithInternet=true']);
    expect(
      model.subnets.map((subnet) => [subnet.source.logicalId, subnet.cidr, subnet.availabilityZone]),
    ).toEqual([['Public', { known: true, value: '10.0.1.0/24' }, { known: true, value: 'eu-central-1a' }]]);
  });
});
