/**
 * Acknowledging a finding, as cdk-nag users expect: the rule, the resource, and a reason a reviewer can
 * read. An acknowledged finding is still reported, marked with its reason, but no longer counts against
 * the verdict.
 */

/** cdk-nag's minimum for a suppression reason (NagPackSuppression: "minimum 10 characters"). */
export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 10;

/** The template `Metadata` key a resource carries its acknowledgements under: `{ "acknowledge": [...] }`. */
export const ACKNOWLEDGE_METADATA_KEY = 'moat';

/** Which findings an acknowledgement covers. */
export type AcknowledgedResource =
  /** The resource that carries the acknowledgement in its template metadata. */
  | { readonly kind: 'resource'; readonly stack: string; readonly logicalId: string }
  /**
   * A name from the config: a logical ID, `stack/logicalId`, or a construct path, which also covers the
   * resources under it (`MoatWorkload/TaskSecurityGroup` covers `MoatWorkload/TaskSecurityGroup/Resource`).
   */
  | { readonly kind: 'name'; readonly name: string };

export interface Acknowledgement {
  /** The invariant, such as `NET006`. */
  readonly rule: string;
  readonly resource: AcknowledgedResource;
  readonly reason: string;
  /** Where it was written, for messages: `acknowledge[0] in moat.config.yaml`, a resource's metadata. */
  readonly origin: string;
}

/** What a finding carries once acknowledged. */
export interface FindingAcknowledgement {
  readonly reason: string;
  readonly origin: string;
}

/** An acknowledgement that matched no finding: the problem was fixed or the name is wrong. */
export interface StaleAcknowledgement {
  readonly acknowledgement: Acknowledgement;
  readonly message: string;
}
