/**
 * The one way moat shows money (cost table, cost diff, plan summary, HTML report). USD amounts arrive as
 * exact decimal strings (the analyzer never rounds through floats); they are shown to the cent, rounded
 * half away from zero with BigInt, thousands grouped, the minus before the dollar: `$1,160.66`, `-$75.92`.
 */
export function formatUsd(amount: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (match === null) return amount;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = `${fraction}000`;
  let cents = BigInt(whole) * 100n + BigInt(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1n;
  const dollars = groupThousands((cents / 100n).toString());
  const remainder = (cents % 100n).toString().padStart(2, '0');
  return `${sign === '-' && cents !== 0n ? '-' : ''}$${dollars}.${remainder}`;
}

export function formatUsdChange(amount: string): string {
  const formatted = formatUsd(amount);
  return formatted.startsWith('-') ? formatted : `+${formatted}`;
}

/** A unit price keeps every published digit (Fargate's $0.04656 per vCPU-hour): only amounts are rounded. */
export function formatUnitPrice(usd: string): string {
  return `$${groupThousands(usd)}`;
}

/** `1000000.5` → `1,000,000.5`, on the exact text so that no digit is rounded away. */
export function groupThousands(amount: string): string {
  const [whole = '', fraction] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * A step's or a design's monthly total; an incomplete one is a lower bound, never a price (moat cost names what
 * is missing).
 */
export function formatMonthly(total: {
  readonly monthlyUsd: string;
  readonly monthlyComplete: boolean;
}): string {
  return `${total.monthlyComplete ? '' : '≥'}${formatUsd(total.monthlyUsd)}`;
}
