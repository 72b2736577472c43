import { describe, expect, it } from 'vitest';
import { hundredths, isoTime, requestLogLine } from '../src/request-log-line.js';

const hit = {
  requestId: 'req-1',
  method: 'GET',
  route: '/price',
  status: 200,
  latencyMs: 0.42,
  upstreamStatus: undefined,
  cache: 'hit',
  traceId: undefined,
} as const;

describe('requestLogLine', () => {
  it('writes one JSON line with pino’s level, time and service fields first and msg last, leaving out undefined fields', () => {
    const line = requestLogLine(hit);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.split('\n')).toHaveLength(2);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'level',
      'time',
      'service',
      'requestId',
      'method',
      'route',
      'status',
      'latencyMs',
      'cache',
      'msg',
    ]);
    expect(parsed).toEqual({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'price-service',
      requestId: 'req-1',
      method: 'GET',
      route: '/price',
      status: 200,
      latencyMs: 0.42,
      cache: 'hit',
      msg: 'request',
    });
  });

  it('escapes a trace id that holds quotes, backslashes and a newline, so it cannot break or forge the line', () => {
    const traceId = 'Root=1-a"b\\c\n{"level":60}';
    const line = requestLogLine({ ...hit, upstreamStatus: 503, cache: 'miss', traceId });
    expect(line.split('\n')).toHaveLength(2);
    expect(JSON.parse(line)).toMatchObject({ upstreamStatus: 503, cache: 'miss', traceId, msg: 'request' });
  });
});

describe('isoTime', () => {
  it('is the current time in ISO 8601 UTC', () => {
    const before = Date.now();
    const time = Date.parse(isoTime());
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});

describe('hundredths', () => {
  it('writes a latency rounded to hundredths exactly as the rounded number would be written', () => {
    expect([0, 0.004, 0.005, 0.42, 0.1, 1.5, 3, 12.345, 0.29, 2_500.999].map(hundredths)).toEqual([
      '0',
      '0',
      '0.01',
      '0.42',
      '0.1',
      '1.5',
      '3',
      '12.35',
      '0.29',
      '2501',
    ]);
    const differing: string[] = [];
    for (let value = 0; value < 5_000; value += 0.0137) {
      const expected = String(Math.round(value * 100) / 100);
      if (hundredths(value) !== expected) differing.push(`${value}: ${hundredths(value)} ≠ ${expected}`);
    }
    expect(differing).toEqual([]);
  });
});
