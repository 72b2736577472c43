import { describe, expect, it } from 'vitest';
import type { UpstreamAttempt } from '../src/upstream/binance-client.js';
import { UpstreamBudget } from '../src/upstream-budget.js';

/** 12:00:00 UTC: a minute starts. */
const START = Date.UTC(2026, 11, 4, 12, 0, 0);

function budgetAt(time: { now: number }, weightPerMinute = 600, clientSharePercent = 50): UpstreamBudget {
  return new UpstreamBudget({ weightPerMinute, clientSharePercent, now: () => time.now });
}

const ticker = (fields: Partial<UpstreamAttempt> = {}): UpstreamAttempt => ({
  endpoint: 'ticker',
  outcome: 'price',
  weight: 2,
  retry: false,
  ...fields,
});

describe('UpstreamBudget', () => {
  it('grants a sixth of the minute at once, then refills at the configured rate', () => {
    const time = { now: START };
    const budget = budgetAt(time, 600, 100);
    // 600 a minute: the bucket holds 100, i.e. 50 ticker calls, and refills 10 a second.
    const granted = Array.from({ length: 60 }, () => budget.request('10.0.0.1', 2).granted);
    expect(granted.filter(Boolean)).toHaveLength(50);
    expect(budget.request('10.0.0.1', 2)).toEqual({
      granted: false,
      reason: 'budget',
      retryAfterSeconds: 1,
      detail:
        'This service has spent its budget for calls to Binance (UPSTREAM_WEIGHT_PER_MINUTE=600); the next call is possible in 1 s. Cached prices are still served.',
    });
    time.now += 1_000;
    expect(Array.from({ length: 6 }, () => budget.request('10.0.0.1', 2).granted)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(budget.refusals('budget')).toBe(12);
  });

  it('lets one client address spend only its share, while another still gets the rest', () => {
    const time = { now: START };
    const budget = budgetAt(time, 600, 25);
    const first = Array.from({ length: 20 }, () => budget.request('203.0.113.7', 2));
    // 25 % of the 100 in the bucket: 12 calls of weight 2 (24), the 13th refused.
    expect(first.filter((decision) => decision.granted)).toHaveLength(12);
    expect(first[12]).toEqual({
      granted: false,
      reason: 'client-share',
      retryAfterSeconds: 1,
      detail:
        "Your address has used its share (25 %, UPSTREAM_CLIENT_SHARE_PERCENT) of this service's budget for calls to Binance; prices not in the cache can be fetched for you again in 1 s. Cached prices are still served.",
    });
    expect(budget.request('198.51.100.9', 2).granted).toBe(true);
  });

  it("stops every call until Retry-After has passed after a 429, the service's own included", () => {
    const time = { now: START };
    const budget = budgetAt(time);
    budget.observe(ticker({ outcome: 'rate-limited', retryAfterSeconds: 30 }));
    expect(budget.request('10.0.0.1', 2)).toMatchObject({
      granted: false,
      reason: 'cool-down',
      retryAfterSeconds: 30,
    });
    expect(budget.requestOwn(20)).toMatchObject({ granted: false, reason: 'cool-down' });
    time.now += 29_500;
    expect(budget.request('10.0.0.1', 2)).toMatchObject({ granted: false, retryAfterSeconds: 1 });
    time.now += 500;
    expect(budget.request('10.0.0.1', 2).granted).toBe(true);
  });

  it("stops calling at 80 % of the IP's weight, as Binance reports it, until the minute ends", () => {
    const time = { now: START + 45_000 };
    const budget = budgetAt(time);
    budget.observe(ticker({ usedWeight: 4_799 }));
    expect(budget.request('10.0.0.1', 2).granted).toBe(true);
    budget.observe(ticker({ usedWeight: 4_800 }));
    expect(budget.request('10.0.0.1', 2)).toEqual({
      granted: false,
      reason: 'ip-weight',
      retryAfterSeconds: 15,
      detail:
        "Binance reports 4800 of this IP address's 6000 request weight used this minute, shared by every task behind the NAT gateway; the service makes no upstream call until the minute ends, in 15 s. Cached prices are still served.",
    });
    expect(budget.ipWeightUsed()).toBe(4_800);
    time.now = START + 60_000;
    expect(budget.ipWeightUsed()).toBe(0);
    expect(budget.request('10.0.0.1', 2).granted).toBe(true);
  });

  it('keeps the largest count of the minute when answers arrive out of order, and uses the limit exchangeInfo states', () => {
    const time = { now: START };
    const budget = budgetAt(time);
    budget.setIpWeightLimit(1_000);
    budget.observe(ticker({ usedWeight: 820 }));
    budget.observe(ticker({ usedWeight: 700 }));
    expect(budget.ipWeightUsed()).toBe(820);
    expect(budget.request('10.0.0.1', 2)).toMatchObject({ granted: false, reason: 'ip-weight' });
  });

  it("charges retries and the service's own refresh to the process bucket, below zero if need be", () => {
    const time = { now: START };
    const budget = budgetAt(time, 600, 100);
    expect(budget.available()).toBe(100);
    expect(budget.requestOwn(20).granted).toBe(true);
    budget.observe(ticker({ retry: true }));
    budget.observe(ticker({ retry: false }));
    expect(budget.available()).toBe(78);
    for (let call = 0; call < 39; call += 1) budget.request('10.0.0.1', 2);
    expect(budget.requestOwn(20).granted).toBe(true);
    expect(budget.available()).toBe(-20);
    expect(budget.request('10.0.0.1', 2)).toMatchObject({
      granted: false,
      reason: 'budget',
      retryAfterSeconds: 3,
    });
  });
});
