import { describe, expect, it } from 'vitest';
import { formatUnitPrice, formatUsd, formatUsdChange } from '../../src/format/money.js';

describe('formatUsd', () => {
  it('shows decimal strings to the cent with thousands separators', () => {
    expect(formatUsd('568.8')).toBe('$568.80');
    expect(formatUsd('1234567.891')).toBe('$1,234,567.89');
    expect(formatUsd('0')).toBe('$0.00');
  });

  it('rounds half away from zero without floats', () => {
    expect(formatUsd('0.005')).toBe('$0.01');
    expect(formatUsd('-64.805')).toBe('-$64.81');
    expect(formatUsd('-0.001')).toBe('$0.00');
  });
});

describe('formatUsdChange', () => {
  it('signs increases and keeps the minus of decreases', () => {
    expect(formatUsdChange('108')).toBe('+$108.00');
    expect(formatUsdChange('-64.8')).toBe('-$64.80');
  });
});

describe('formatUnitPrice', () => {
  it('keeps every published digit of a unit price and groups thousands', () => {
    expect(formatUnitPrice('0.04656')).toBe('$0.04656');
    expect(formatUnitPrice('1250.5')).toBe('$1,250.5');
  });
});
