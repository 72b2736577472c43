/**
 * USD amounts arrive as decimal strings (the analyzer never rounds through floats). They are shown to
 * the cent, rounded half away from zero, with BigInt so that no float creeps in here either.
 */
export function formatUsd(amount: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (match === null) return amount;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = `${fraction}000`;
  let cents = BigInt(whole) * 100n + BigInt(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1n;
  const dollars = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const remainder = (cents % 100n).toString().padStart(2, '0');
  return `${sign === '-' && cents !== 0n ? '-' : ''}$${dollars}.${remainder}`;
}

export function formatUsdChange(amount: string): string {
  const formatted = formatUsd(amount);
  return formatted.startsWith('-') ? formatted : `+${formatted}`;
}
