/**
 * What Reachability Analyzer charges: per analysis, whatever the path. The VPC pricing page (Network Analysis
 * tab) renders its figures by script, so the stored copies the search tools hold do not show it; the figure
 * was checked on 2026-12-05 against third-party write-ups of the same price
 * (https://www.vishnurachapudi.com/blogs/aws-reachability-blog/: "$0.10 per analysis"), and the unit against the
 * VPC billing codes, where `Analysis-Runs` counts "the number of network paths analyzed":
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-billing-usage-reports.html
 */
export const REACHABILITY_ANALYSIS_PRICE = {
  usd: 0.1,
  unit: 'analysis',
  source: 'https://aws.amazon.com/vpc/pricing/ (Network Analysis tab)',
  asOf: '2026-12-05',
} as const;

/** `$0.80` for 8 analyses: cents are enough, the price is per analysis. */
export function analysesPrice(count: number): { readonly usd: number; readonly text: string } {
  const usd = Math.round(count * REACHABILITY_ANALYSIS_PRICE.usd * 100) / 100;
  return {
    usd,
    text: `${count} Reachability Analyzer ${count === 1 ? 'analysis' : 'analyses'} × $${REACHABILITY_ANALYSIS_PRICE.usd.toFixed(2)} = $${usd.toFixed(2)} (price as of ${REACHABILITY_ANALYSIS_PRICE.asOf}, ${REACHABILITY_ANALYSIS_PRICE.source})`,
  };
}
