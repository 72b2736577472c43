/**
 * What Reachability Analyzer charges: per analysis, whatever the path. The VPC pricing page renders its
 * figures by script; the figure was checked against a third-party write-up of the same price
 * (https://www.vishnurachapudi.com/blogs/aws-reachability-blog/: "$0.10 per analysis").
 */
export const REACHABILITY_ANALYSIS_PRICE = {
  usd: 0.1,
  unit: 'analysis',
  source: 'https://aws.amazon.com/vpc/pricing/ (Network Analysis tab)',
  asOf: '2026-12-04',
} as const;

/** `$0.80` for 8 analyses: cents are enough, the price is per analysis. */
export function analysesPrice(count: number): { readonly usd: number; readonly text: string } {
  const usd = Math.round(count * REACHABILITY_ANALYSIS_PRICE.usd * 100) / 100;
  return {
    usd,
    text: `${count} Reachability Analyzer ${count === 1 ? 'analysis' : 'analyses'} × $${REACHABILITY_ANALYSIS_PRICE.usd.toFixed(2)} = $${usd.toFixed(2)} (price as of ${REACHABILITY_ANALYSIS_PRICE.asOf}, ${REACHABILITY_ANALYSIS_PRICE.source})`,
  };
}
