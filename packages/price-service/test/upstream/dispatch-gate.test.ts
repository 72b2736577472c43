import { describe, expect, it } from 'vitest';
import { DispatchGate } from '../../src/upstream/dispatch-gate.js';

const never = (): AbortSignal => new AbortController().signal;

describe('DispatchGate', () => {
  it('admits up to its limit at once and hands each freed slot to the longest waiting request', async () => {
    const gate = new DispatchGate(2);
    const first = await gate.admit(never());
    const second = await gate.admit(never());
    const order: string[] = [];
    const third = gate.admit(never()).then((admission) => {
      order.push('third');
      return admission;
    });
    const fourth = gate.admit(never()).then((admission) => {
      order.push('fourth');
      return admission;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    if (first.kind !== 'admitted' || second.kind !== 'admitted') throw new Error('not admitted');
    first.release();
    expect((await third).kind).toBe('admitted');
    second.release();
    expect((await fourth).kind).toBe('admitted');
    expect(order).toEqual(['third', 'fourth']);
  });

  it('refuses a waiting request when a back-off arrives before its slot frees up, and every later one until it passes', async () => {
    const time = { now: 0 };
    const gate = new DispatchGate(1, () => time.now);
    const busy = await gate.admit(never());
    const waiting = gate.admit(never());
    gate.backOff(30);
    if (busy.kind !== 'admitted') throw new Error('not admitted');
    busy.release();
    expect(await waiting).toEqual({ kind: 'backing-off', retryAfterSeconds: 30 });
    time.now = 29_001;
    expect(await gate.admit(never())).toEqual({ kind: 'backing-off', retryAfterSeconds: 1 });
    time.now = 30_000;
    expect((await gate.admit(never())).kind).toBe('admitted');
  });

  it('gives up on a request whose deadline passes while it waits, without taking a slot', async () => {
    const gate = new DispatchGate(1);
    const busy = await gate.admit(never());
    const deadline = new AbortController();
    const waiting = gate.admit(deadline.signal);
    deadline.abort();
    expect(await waiting).toEqual({ kind: 'expired' });
    if (busy.kind !== 'admitted') throw new Error('not admitted');
    busy.release();
    expect((await gate.admit(never())).kind).toBe('admitted');
  });
});
