import type { Finding } from '../analyses/types.js';
import type { Source } from '../model/types.js';
import type { AcknowledgedResource, Acknowledgement, StaleAcknowledgement } from './types.js';

export interface AcknowledgedFindings {
  /** Every finding, in order; those an acknowledgement covers carry its reason. */
  readonly findings: readonly Finding[];
  readonly stale: readonly StaleAcknowledgement[];
}

/**
 * Marks each finding that an acknowledgement covers (same rule, same resource; the first that matches
 * wins) and lists the acknowledgements that cover nothing, so a fixed finding does not leave a silent
 * exception behind.
 */
export function applyAcknowledgements(
  findings: readonly Finding[],
  acknowledgements: readonly Acknowledgement[],
): AcknowledgedFindings {
  const used = new Set<Acknowledgement>();
  const marked = findings.map((finding) => {
    const match = acknowledgements.find(
      (acknowledgement) =>
        acknowledgement.rule === finding.ruleId &&
        finding.source !== undefined &&
        covers(acknowledgement.resource, finding.source),
    );
    if (match === undefined) return finding;
    used.add(match);
    return { ...finding, acknowledgement: { reason: match.reason, origin: match.origin } };
  });
  const stale = acknowledgements
    .filter((acknowledgement) => !used.has(acknowledgement))
    .map((acknowledgement) => ({
      acknowledgement,
      message: `${acknowledgement.origin} acknowledges ${acknowledgement.rule} on ${describeResource(acknowledgement.resource)}, but no such finding remains: remove it, or check the rule and the resource name`,
    }));
  return { findings: marked, stale };
}

function covers(resource: AcknowledgedResource, source: Source): boolean {
  if (resource.kind === 'resource') {
    return resource.stack === source.stack && resource.logicalId === source.logicalId;
  }
  const { name } = resource;
  return (
    name === source.logicalId ||
    name === `${source.stack}/${source.logicalId}` ||
    (source.constructPath !== undefined &&
      (source.constructPath === name || source.constructPath.startsWith(`${name}/`)))
  );
}

function describeResource(resource: AcknowledgedResource): string {
  return resource.kind === 'resource' ? `${resource.stack}/${resource.logicalId}` : `"${resource.name}"`;
}
