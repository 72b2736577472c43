import { describe, expect, it } from 'vitest';
import { net017 } from '../../../src/analyses/invariants/rules/net017-api-stage-throttled-and-logged.js';
import { hubModel } from '../support/hub-model.js';

describe('NET017 API stage throttled and access-logged', () => {
  it('accepts a throttled stage with access logs', () => {
    expect(net017.check(hubModel())).toEqual([]);
  });

  it('fails a stage without throttling or access logs', () => {
    const model = hubModel((p) => ({
      api: {
        ...p.api,
        stages: p.api.stages.map((stage) => ({
          ...stage,
          throttlingRateLimit: undefined,
          accessLogs: false,
        })),
      },
    }));
    expect(net017.check(model)).toEqual([
      expect.objectContaining({
        ruleId: 'NET017',
        message:
          "Net/ApiStage: stage 'prod' of REST API Net/Api has no stage-wide ThrottlingRateLimit and ThrottlingBurstLimit and no AccessLogSetting. Set the missing stage settings.",
      }),
    ]);
  });
});
