import { describe, expect, it } from 'vitest';
import { tracePoints } from '../../src/analyses/diagram/paths.js';
import { buildScene } from '../../src/analyses/diagram/scene.js';
import { buildModel, loadAssembly, traceFlow } from '../../src/index.js';
import { fixture } from '../trace/read-hops.js';

describe('an HTTP API in the diagram', () => {
  const model = buildModel(loadAssembly(fixture('http-api'), { region: 'us-east-1' }));
  const scene = buildScene(model);
  const regional = scene.accounts.flatMap((account) => account.regional);

  it('is a regional box naming its stages, and the start of the ingress path into the VPC link', () => {
    expect(regional.map((box) => [box.title, box.detail])).toEqual([
      ['API Gateway (HTTP API)', 'Api, stage $default, beta'],
    ]);
    const trace = traceFlow(model, {
      from: { kind: 'internet' },
      to: { kind: 'entry', id: 'api/Live' },
      protocol: 'tcp',
      port: 443,
    });
    const cells = scene.accounts.flatMap((account) =>
      account.vpcs.flatMap((vpc) => vpc.columns.flatMap((column) => column.subnets.flatMap((s) => s.cells))),
    );
    const named = (ref: string) => {
      const cell = cells.find((candidate) => candidate.ref === ref);
      return cell ? `${cell.title} ${cell.detail} ${cell.availabilityZone}` : ref;
    };
    expect(tracePoints(trace, scene).map(named)).toEqual([
      scene.internet.node,
      regional[0]?.node,
      'VPC link ENI Link us-east-1a',
      'ALB (internal) Alb us-east-1a',
      'Fargate tasks Service us-east-1a',
    ]);
  });
});
