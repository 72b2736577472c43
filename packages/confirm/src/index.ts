export type { ClientSettings } from './aws/clients.js';
export { type ProfileChoice, parseProfiles } from './aws/profiles.js';
export type { StackReport } from './deployment/map-deployment.js';
export { ConfirmError } from './errors.js';
export { EGRESS_RULE } from './flow-rows.js';
export { CALLED_ACTIONS, confirmPolicy, type PolicyDocument, SUPPORTING_ACTIONS } from './iam/policy.js';
export { PROBE_SCRIPT, probeCommand } from './live/probe-script.js';
export type { AnalyzerVerdict, Divergence } from './reachability/judge-analysis.js';
export { REACHABILITY_ANALYSIS_PRICE } from './reachability/price.js';
export type {
  Confirmation,
  ConfirmedRow,
  Disagreement,
  LiveVerdict,
  RowStatus,
} from './result/confirmation.js';
export { DISAGREEMENT_KINDS, type DisagreementKind } from './result/disagreement-kinds.js';
export { analyzerCell, formatConfirmation, liveCell } from './result/format-confirmation.js';
export {
  type ConfirmOptions,
  type ConfirmTiming,
  DEFAULT_TIMING,
  type RunPlan,
  runConfirm,
} from './run-confirm.js';
