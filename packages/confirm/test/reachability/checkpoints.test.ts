import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../src/reachability/checkpoints.js';
import { compareCheckpoints } from '../../src/reachability/judge-analysis.js';

const at = (kind: Checkpoint['kind'], id?: string): Checkpoint => ({
  kind,
  text: `${kind} ${id ?? '(not deployed)'}`,
  ...(id === undefined ? {} : { id }),
});

describe('compareCheckpoints', () => {
  const moat = [
    at('route table', 'rtb-1'),
    at('transit gateway route table', 'tgw-rtb-1'),
    at('nat gateway', 'nat-1'),
  ];

  it('agrees on the same places in the same order', () => {
    expect(compareCheckpoints(moat, [...moat])).toBeUndefined();
  });

  it('names the first place that differs by resource, with both sides', () => {
    const analyzer = [moat[0], moat[1], at('nat gateway', 'nat-2')] as Checkpoint[];
    expect(compareCheckpoints(moat, analyzer)).toEqual({ position: 3, moat: moat[2], analyzer: analyzer[2] });
  });

  it('names the first place that differs by kind', () => {
    const analyzer = [moat[0], at('firewall', 'vpce-1'), moat[2]] as Checkpoint[];
    expect(compareCheckpoints(moat, analyzer)?.position).toBe(2);
  });

  it('reports where one path ends before the other, with that side missing', () => {
    expect(compareCheckpoints(moat, moat.slice(0, 2))).toEqual({ position: 3, moat: moat[2] });
    expect(compareCheckpoints(moat.slice(0, 1), moat)).toEqual({ position: 2, analyzer: moat[1] });
  });

  it('matches a Moat hop with no physical ID (not deployed) by kind only, and a firewall by its endpoint', () => {
    expect(compareCheckpoints([at('nat gateway')], [at('nat gateway', 'nat-9')])).toBeUndefined();
    expect(
      compareCheckpoints(
        [at('firewall', 'arn:aws:network-firewall:eu-central-1:111111111111:firewall/egress')],
        [at('firewall', 'vpce-0f1')],
      ),
    ).toBeUndefined();
  });
});
