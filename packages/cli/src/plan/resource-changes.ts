import type { Assembly, FlowResult, Hop } from '@moat/analyzer';
import { UPDATE_BEHAVIOURS } from './update-behaviours.js';

/** A resource of a synthesized template, named as `cdk diff` names it. */
export interface ResourceRef {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
}

/**
 * What CloudFormation does to a resource when a property changes, from the mildest to the harshest; `unknown`
 * when the property or the type is not in Moat's table (`update-behaviours.ts`).
 */
export type UpdateBehaviour = 'no-interruption' | 'some-interruption' | 'replacement' | 'unknown';

export interface ModifiedResource extends ResourceRef {
  /** The properties whose value differs, each with what changing it does. */
  readonly properties: readonly { readonly name: string; readonly update: UpdateBehaviour }[];
  /** The harshest of them: a changed type or one replacement-causing property replaces the resource. */
  readonly update: UpdateBehaviour;
}

/** What one step changes compared with the previous one, as `cdk deploy` would apply it. */
export interface ResourceChanges {
  readonly added: readonly ResourceRef[];
  readonly removed: readonly ResourceRef[];
  /** Same stack and logical id, different properties: updated in place or replaced. */
  readonly modified: readonly ModifiedResource[];
}

interface TemplateResource extends ResourceRef {
  /** The account the stack deploys to ('' when the input does not say). */
  readonly account: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** CDK's own bookkeeping resource changes with every synthesis and tells a reader nothing. */
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

export function listResources(assembly: Assembly): readonly TemplateResource[] {
  return assembly.stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources)
      .filter(([, resource]) => !IGNORED_TYPES.has(resource.Type))
      .map(([logicalId, resource]) => ({
        stack: stack.name,
        account: stack.account.known ? stack.account.value : '',
        logicalId,
        type: resource.Type,
        properties: resource.Properties ?? {},
      })),
  );
}

/**
 * Compares the resources of two consecutive steps by account, stack and logical id; stable construct ids make
 * this the same comparison `cdk diff` makes between two deployments. A stack that moves to another account
 * (step 10's `MoatWorkload`) is another CloudFormation stack: its resources are all added, and the old stack's
 * removed when it is deleted, none updated in place.
 */
export function diffResources(
  previous: readonly TemplateResource[],
  current: readonly TemplateResource[],
): ResourceChanges {
  const key = (resource: TemplateResource): string =>
    `${resource.account}|${resource.stack}/${resource.logicalId}`;
  const before = new Map(previous.map((resource) => [key(resource), resource]));
  const after = new Map(current.map((resource) => [key(resource), resource]));
  const strip = ({ stack, logicalId, type }: TemplateResource): ResourceRef => ({ stack, logicalId, type });
  return {
    added: current.filter((resource) => !before.has(key(resource))).map(strip),
    removed: previous.filter((resource) => !after.has(key(resource))).map(strip),
    modified: current.flatMap((resource) => {
      const old = before.get(key(resource));
      return old === undefined ? [] : modification(old, resource);
    }),
  };
}

const SEVERITY: readonly UpdateBehaviour[] = [
  'no-interruption',
  'unknown',
  'some-interruption',
  'replacement',
];

function modification(old: TemplateResource, resource: TemplateResource): ModifiedResource[] {
  const ref = { stack: resource.stack, logicalId: resource.logicalId, type: resource.type };
  if (old.type !== resource.type) {
    return [{ ...ref, properties: [{ name: 'Type', update: 'replacement' }], update: 'replacement' }];
  }
  const names = [...new Set([...Object.keys(old.properties), ...Object.keys(resource.properties)])].sort();
  const properties = names
    .filter((name) => JSON.stringify(old.properties[name]) !== JSON.stringify(resource.properties[name]))
    .map((name) => ({ name, update: updateOf(resource.type, name) }));
  if (properties.length === 0) return [];
  const update = properties
    .map((property) => property.update)
    .reduce((harshest, next) => (SEVERITY.indexOf(next) > SEVERITY.indexOf(harshest) ? next : harshest));
  return [{ ...ref, properties, update }];
}

function updateOf(type: string, property: string): UpdateBehaviour {
  const behaviours = UPDATE_BEHAVIOURS[type];
  if (behaviours === undefined) return 'unknown';
  if (behaviours.replacement.includes(property)) return 'replacement';
  if (behaviours.someInterruption.includes(property)) return 'some-interruption';
  return behaviours.noInterruption.includes(property) ? 'no-interruption' : 'unknown';
}

/** A resource that a transition replaces or interrupts, with the flows of the step before that cross it. */
export interface Disruption {
  readonly resource: ModifiedResource;
  /** Names of the accepted flows whose path (hops, or a route or rule decided on the way) names the resource. */
  readonly interrupts: readonly string[];
}

/**
 * The modifications of a transition that are not plain in-place updates, and the flows they cut while
 * CloudFormation applies them: a replaced resource's connections end when the old one is deleted; a security
 * group whose rule changes drops the matching traffic until the new rule exists.
 */
export function disruptions(
  changes: ResourceChanges,
  previousFlows: readonly FlowResult[],
): readonly Disruption[] {
  return changes.modified
    .filter((resource) => resource.update !== 'no-interruption')
    .map((resource) => ({
      resource,
      interrupts: [
        ...new Set(
          previousFlows
            .filter((flow) => flow.traces.every((trace) => trace.disposition === 'ACCEPTED'))
            .filter((flow) =>
              flow.traces.some((trace) => [...trace.hops, ...(trace.returnHops ?? [])].some(names(resource))),
            )
            .map((flow) => flow.expectation.name),
        ),
      ],
    }));
}

/** The hop is the resource, a decision on it came from the resource, or a decision names it (a target group). */
const names = (resource: ResourceRef) => {
  const named = new RegExp(`\\b${resource.logicalId}\\b`);
  return (hop: Hop): boolean =>
    [hop.node, ...hop.steps.flatMap((step) => (step.source === undefined ? [] : [step.source]))].some(
      (source) => source.stack === resource.stack && source.logicalId === resource.logicalId,
    ) || hop.steps.some((step) => named.test(step.detail));
};
