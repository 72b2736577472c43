/**
 * Exact decimal arithmetic for money: a value is `units / 10^scale` with `units` a bigint, so that
 * 720 × 2 × 0.045 is 64.80 and never 64.80000000000001. Only what pricing needs: sums, products and
 * shifts by powers of ten (per million requests); no division.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const PLAIN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses `'0.045'`, `720` or `1e-7`; numbers go through their shortest round-trip text, which is exact. */
export function decimal(value: string | number): Decimal {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = PLAIN.exec(text);
  if (!match) throw new RangeError(`Not a decimal number: '${text}'.`);
  const [, sign, whole = '', fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, negate(b));
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function negate(a: Decimal): Decimal {
  return { units: -a.units, scale: a.scale };
}

/** `a / 10^digits`, exact: used for prices quoted per million requests. */
export function divideByPowerOfTen(a: Decimal, digits: number): Decimal {
  return { units: a.units, scale: a.scale + digits };
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, ZERO);
}

/**
 * The exact value with at least `minFractionDigits` decimals and no other trailing zeros:
 * `64.8` → `'64.80'`, `14.5728` → `'14.5728'`, `720` → `'720'` with 0.
 */
export function toDecimalString(a: Decimal, minFractionDigits = 0): string {
  const negative = a.units < 0n;
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, '0');
  const whole = digits.slice(0, digits.length - a.scale);
  let fraction = digits.slice(digits.length - a.scale).replace(/0+$/, '');
  fraction = fraction.padEnd(minFractionDigits, '0');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** Money as people read it: rounded half away from zero to cents, `'64.80'`. */
export function toCents(a: Decimal): string {
  if (a.scale <= 2) return toDecimalString(a, 2);
  const divisor = 10n ** BigInt(a.scale - 2);
  const magnitude = a.units < 0n ? -a.units : a.units;
  const cents = (magnitude + divisor / 2n) / divisor;
  return toDecimalString({ units: a.units < 0n ? -cents : cents, scale: 2 }, 2);
}

function rescale(a: Decimal, scale: number): bigint {
  return a.units * 10n ** BigInt(scale - a.scale);
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}.`);
  const text = String(value);
  const exponent = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  // 1e-7 or 1e+21: move the point by hand so that the plain parser sees every digit.
  const [, sign = '', whole = '', fraction = '', power = '0'] = exponent;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
