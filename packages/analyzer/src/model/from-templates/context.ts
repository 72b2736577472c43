import type { Assembly } from '../../assembly/load-assembly.js';
import { NESTED_STACK } from '../../cfn/nested-stack-values.js';
import { createResolver, type Resolver } from '../../cfn/resolver.js';
import { isJsonObject, type Json } from '../../cfn/template.js';
import { describeNonLiteral, isValueObject, ResourceRef, Unresolved, type Value } from '../../cfn/values.js';
import { type Diagnostic, type ElementId, known, type Resolved, type Source, unknown } from '../types.js';
import { AvailabilityZoneKeys } from './zones.js';

/** A template resource whose properties are evaluated on demand. */
export interface CfnElement {
  readonly id: ElementId;
  readonly source: Source;
  /** The evaluated property, or undefined when absent. */
  prop(name: string): Value | undefined;
  /** The property as written, for the rare reader that needs the expression itself. */
  raw(name: string): Json | undefined;
  /** An entry of the resource's `Metadata` as written (`AWS::CloudFormation::Init`, say). */
  metadata(key: string): Json | undefined;
}

/** What every area builder reads: the resources by type, the resolver, and the diagnostics sink. */
export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly byType = new Map<string, CfnElement[]>();
  private readonly byId = new Map<ElementId, CfnElement>();
  private readonly accounts: ReadonlyMap<string, Resolved<string>>;
  private zoneKeys: AvailabilityZoneKeys | undefined;

  constructor(
    assembly: Assembly,
    readonly resolver: Resolver = createResolver(assembly),
  ) {
    this.accounts = new Map(assembly.stacks.map((stack) => [stack.name, stack.account]));
    const stackNames = new Set(assembly.stacks.map((stack) => stack.name));
    for (const stack of assembly.stacks) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
        const deployed = resolver.deployed(stack.name, logicalId);
        if (deployed === false) continue;
        const path = resource.Metadata?.['aws:cdk:path'];
        const existence =
          deployed instanceof Unresolved
            ? `${logicalId} (${stack.name}) exists only if its condition holds, which is unknown: ${deployed.reason}`
            : undefined;
        const nameTag = typeof path === 'string' ? undefined : literalNameTag(resource.Properties?.Tags);
        const source: Source = {
          stack: stack.name,
          logicalId,
          type: resource.Type,
          ...(typeof path === 'string' ? { constructPath: path } : {}),
          ...(existence ? { existenceUnknown: existence } : {}),
          ...(nameTag === undefined ? {} : { nameTag }),
        };
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
        if (existence !== undefined) this.warn(`${existence}; a trace through it is UNKNOWN`, source);
        if (resource.Type === NESTED_STACK && !stackNames.has(`${stack.name}/${logicalId}`)) {
          this.warn(
            `the template of nested stack ${logicalId} (TemplateURL ${JSON.stringify(resource.Properties?.TemplateURL)}) is not in the input folder, so its resources are not in the model: put it there under the last segments of its URL`,
            source,
          );
        }
        const properties = resource.Properties ?? {};
        const element: CfnElement = {
          id: `${stack.name}/${logicalId}`,
          source,
          prop: (name) => resolver.resolve(stack.name, properties[name]),
          raw: (name) => properties[name],
          metadata: (key) => resource.Metadata?.[key],
        };
        this.byId.set(element.id, element);
        const list = this.byType.get(resource.Type);
        if (list === undefined) this.byType.set(resource.Type, [element]);
        else list.push(element);
      }
    }
  }

  ofType(...types: readonly string[]): readonly CfnElement[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }

  element(id: ElementId): CfnElement | undefined {
    return this.byId.get(id);
  }

  /** The account a stack deploys to, when the input says. */
  accountOf(stack: string): string | undefined {
    const account = this.accounts.get(stack);
    return account?.known ? account.value : undefined;
  }

  /** The AZ of each subnet as the analyses compare it. */
  get zones(): AvailabilityZoneKeys {
    this.zoneKeys ??= new AvailabilityZoneKeys(this);
    return this.zoneKeys;
  }

  warn(message: string, source?: Source): void {
    this.diagnostics.push({ severity: 'warning', message, ...(source ? { source } : {}) });
  }

  /**
   * The element a property points at (`Ref`, `GetAtt ...Id/Arn`, ImportValue, SSM), if it is a resource of
   * one of `types`. A literal id (`vpc-0abc...`) names something outside the assembly: unknown, with why.
   */
  reference(value: Value | undefined, ...types: readonly string[]): Resolved<ElementId> {
    if (value instanceof ResourceRef) {
      const target = this.byId.get(value.elementId);
      if (target === undefined) return unknown(`${value.logicalId} is not deployed (its condition is false)`);
      if (types.length > 0 && !types.includes(target.source.type)) {
        return unknown(`${value.logicalId} is a ${target.source.type}, not a ${types.join(' or ')}`);
      }
      return known(value.elementId);
    }
    if (typeof value === 'string') return unknown(`'${value}' names a resource outside the assembly`);
    return unknown(describeNonLiteral(value));
  }

  refersTo(value: Value | undefined, id: ElementId): boolean {
    const resolved = this.reference(value);
    return resolved.known && resolved.value === id;
  }

  /** Like `reference`, for links the model cannot do without: absent ones become a diagnostic. */
  link(element: CfnElement, property: string, ...types: readonly string[]): ElementId | undefined {
    const resolved = this.reference(element.prop(property), ...types);
    if (resolved.known) return resolved.value;
    this.warn(
      `${element.source.logicalId}.${property} is left out of the model: ${resolved.reason}`,
      element.source,
    );
    return undefined;
  }
}

export function str(value: Value | undefined, what: string): Resolved<string> {
  if (typeof value === 'string') return known(value);
  if (typeof value === 'number') return known(String(value));
  return unknown(`${what}: ${describeNonLiteral(value)}`);
}

export function num(value: Value | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** CloudFormation accepts `true`, `"true"`, and for some options `"enable"`. */
export function bool(value: Value | undefined, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'enable') return true;
  if (value === 'false' || value === 'disable') return false;
  return fallback;
}

export function list(value: Value | undefined): readonly Value[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export const field = (value: Value | undefined, name: string): Value | undefined =>
  isValueObject(value) ? value[name] : undefined;

/**
 * The `Name` tag when the template writes it as a string (`Tags: [{ Key: Name, Value: egress-vpc }]`). CDK
 * resources are named by their construct path instead, so their tags are not read.
 */
function literalNameTag(tags: Json | undefined): string | undefined {
  if (!Array.isArray(tags)) return undefined;
  for (const tag of tags) {
    if (isJsonObject(tag) && tag.Key === 'Name' && typeof tag.Value === 'string' && tag.Value !== '') {
      return tag.Value;
    }
  }
  return undefined;
}
