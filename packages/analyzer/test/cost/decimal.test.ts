import { describe, expect, it } from 'vitest';
import {
  add,
  decimal,
  divideByPowerOfTen,
  multiply,
  negate,
  subtract,
  sum,
  toCents,
  toDecimalString,
} from '../../src/analyses/cost/decimal.js';

describe('exact decimal money', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(toDecimalString(add(decimal(0.1), decimal(0.2)))).toBe('0.3');
  });

  it('multiplies 2 × 720 × 0.045 to exactly 64.80', () => {
    expect(toDecimalString(multiply(multiply(decimal(2), decimal(720)), decimal('0.045')), 2)).toBe('64.80');
  });

  it('keeps every digit of a product of small prices', () => {
    expect(toDecimalString(multiply(decimal(720), decimal(0.004445)))).toBe('3.2004');
  });

  it('shifts by powers of ten for prices per million requests', () => {
    expect(toDecimalString(divideByPowerOfTen(decimal(1_500_000), 6))).toBe('1.5');
  });

  it('reads numbers that JavaScript prints with an exponent', () => {
    expect(toDecimalString(decimal(1e-7))).toBe('0.0000001');
    expect(toDecimalString(decimal(1.5e21))).toBe('1500000000000000000000');
  });

  it('rounds to cents half away from zero', () => {
    expect(toCents(decimal('0.225'))).toBe('0.23');
    expect(toCents(decimal('-0.225'))).toBe('-0.23');
    expect(toCents(decimal('14.5728'))).toBe('14.57');
    expect(toCents(decimal('7'))).toBe('7.00');
  });

  it('subtracts, negates and sums', () => {
    expect(toDecimalString(subtract(decimal('10'), decimal('64.8')), 2)).toBe('-54.80');
    expect(toDecimalString(negate(decimal('0')))).toBe('0');
    expect(toDecimalString(sum([decimal('32.4'), decimal('32.40'), decimal('-64.8')]))).toBe('0');
  });

  it('rejects text that is not a plain decimal', () => {
    expect(() => decimal('12abc')).toThrow("Not a decimal number: '12abc'.");
    expect(() => decimal(Number.NaN)).toThrow('Not a finite number: NaN.');
  });
});
