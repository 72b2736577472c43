import { describe, expect, it } from 'vitest';
import { net020 } from '../../../src/analyses/invariants/rules/net020-fargate-endpoints-without-internet.js';
import { hubModel } from '../support/hub-model.js';
import { gatewayEndpoint } from '../support/model-builder.js';

describe('NET020 Fargate endpoints without internet', () => {
  it('accepts ecr.api, ecr.dkr, logs and an S3 gateway endpoint on every task route table', () => {
    expect(net020.check(hubModel())).toEqual([]);
  });

  it('fails a container VPC whose S3 gateway endpoint was removed', () => {
    const hub = hubModel();
    const model = {
      ...hub,
      vpcEndpoints: hub.vpcEndpoints.filter((endpoint) => endpoint.id !== 'Net/S3Endpoint'),
    };
    expect(net020.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET020',
        message:
          "Net/ContainerVpc: Fargate tasks run here without an internet path of the VPC's own, and it lacks: S3 gateway endpoint. Add them.",
      }),
    ]);
  });

  it('fails a missing logs endpoint and an S3 endpoint that misses one task route table', () => {
    const model = hubModel((p) => ({
      endpoints: p.endpoints.slice(0, 2),
      s3Endpoint: gatewayEndpoint('S3Endpoint', p.containerVpc, 's3', [p.taskRtA]),
    }));
    expect(net020.check(model).map((finding) => finding.message)).toEqual([
      "Net/ContainerVpc: Fargate tasks run here without an internet path of the VPC's own, and it lacks: interface endpoint logs; S3 gateway endpoint route in Net/TaskRtB. Add them.",
    ]);
  });
});
