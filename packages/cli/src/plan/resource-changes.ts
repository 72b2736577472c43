import type { Assembly } from '@moat/analyzer';

/** A resource of a synthesized template, named as `cdk diff` names it. */
export interface ResourceRef {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
}

/** What one step changes compared with the previous one, as `cdk deploy` would apply it. */
export interface ResourceChanges {
  readonly added: readonly ResourceRef[];
  readonly removed: readonly ResourceRef[];
  /** Same stack and logical id, different properties: updated in place or replaced. */
  readonly modified: readonly ResourceRef[];
}

interface TemplateResource extends ResourceRef {
  /** The properties as JSON, to compare two versions without walking them. */
  readonly fingerprint: string;
}

/** CDK's own bookkeeping resource changes with every synthesis and tells a reader nothing. */
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

export function listResources(assembly: Assembly): readonly TemplateResource[] {
  return assembly.stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources)
      .filter(([, resource]) => !IGNORED_TYPES.has(resource.Type))
      .map(([logicalId, resource]) => ({
        stack: stack.name,
        logicalId,
        type: resource.Type,
        fingerprint: JSON.stringify(resource.Properties ?? {}),
      })),
  );
}

/**
 * Compares the resources of two consecutive steps by stack and logical id; stable construct ids make
 * this the same comparison `cdk diff` makes between two deployments.
 */
export function diffResources(
  previous: readonly TemplateResource[],
  current: readonly TemplateResource[],
): ResourceChanges {
  const key = (resource: ResourceRef): string => `${resource.stack}/${resource.logicalId}`;
  const before = new Map(previous.map((resource) => [key(resource), resource]));
  const after = new Map(current.map((resource) => [key(resource), resource]));
  const strip = ({ stack, logicalId, type }: TemplateResource): ResourceRef => ({ stack, logicalId, type });
  return {
    added: current.filter((resource) => !before.has(key(resource))).map(strip),
    removed: previous.filter((resource) => !after.has(key(resource))).map(strip),
    modified: current
      .filter((resource) => {
        const old = before.get(key(resource));
        return old !== undefined && (old.type !== resource.type || old.fingerprint !== resource.fingerprint);
      })
      .map(strip),
  };
}
