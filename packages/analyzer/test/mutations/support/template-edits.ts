/**
 * Editing synthesized templates the way a person breaks them by hand: find a resource by the readable start of
 * its logical ID (the CDK hash suffix left out), then change, add or delete it. Every edit works on a copy.
 */
import type { Assembly } from '../../../src/assembly/index.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EditableResource {
  Type: string;
  Properties: { [key: string]: Json };
  DependsOn?: string[];
}

/** The templates of one assembly, by stack name, open for editing. */
export class Templates {
  private readonly stacks: Map<string, Record<string, EditableResource>>;

  constructor(private readonly assembly: Assembly) {
    this.stacks = new Map(
      assembly.stacks.map((stack) => [
        stack.name,
        // A deep copy, typed for editing: the loader's readonly JSON types are the parsing boundary's.
        structuredClone(stack.template.Resources) as unknown as Record<string, EditableResource>,
      ]),
    );
  }

  /** The one resource whose logical ID starts with `prefix` (and of `type`, when given), in any stack. */
  find(
    prefix: string,
    type?: string,
  ): {
    readonly stack: string;
    readonly logicalId: string;
    readonly resource: EditableResource;
  } {
    const matches = [...this.stacks].flatMap(([stack, resources]) =>
      Object.entries(resources)
        .filter(
          ([logicalId, resource]) =>
            logicalId.startsWith(prefix) && (type === undefined || resource.Type === type),
        )
        .map(([logicalId, resource]) => ({ stack, logicalId, resource })),
    );
    const [match] = matches;
    if (match === undefined || matches.length > 1) {
      throw new Error(
        `expected one resource whose logical ID starts with '${prefix}', found ${matches.length}: ${matches.map((m) => m.logicalId).join(', ')}`,
      );
    }
    return match;
  }

  properties(prefix: string): { [key: string]: Json } {
    return this.find(prefix).resource.Properties;
  }

  /** Places each subnet (by logical ID prefix) by the AZ name given, instead of whatever it was placed by. */
  placeByName(zones: Readonly<Record<string, string>>): void {
    for (const [prefix, zone] of Object.entries(zones)) {
      const properties = this.properties(prefix);
      delete properties.AvailabilityZoneId;
      properties.AvailabilityZone = zone;
    }
  }

  /** A `{ "Ref": logicalId }` to the resource whose logical ID starts with `prefix`. */
  ref(prefix: string): Json {
    return { Ref: this.find(prefix).logicalId };
  }

  delete(prefix: string, type?: string): void {
    const { stack, logicalId } = this.find(prefix, type);
    delete this.stacks.get(stack)?.[logicalId];
  }

  add(stack: string, logicalId: string, resource: EditableResource): void {
    const resources = this.stacks.get(stack);
    if (resources === undefined) throw new Error(`no stack '${stack}' in the assembly`);
    resources[logicalId] = resource;
  }

  /** The edited assembly, for `buildModel`. */
  toAssembly(): Assembly {
    return {
      directory: this.assembly.directory,
      stacks: this.assembly.stacks.map((stack) => ({
        ...stack,
        template: { ...stack.template, Resources: this.stacks.get(stack.name) ?? {} },
      })),
    };
  }
}

/** The assembly with `edit` applied to a copy of its templates. */
export function mutate(assembly: Assembly, edit: (templates: Templates) => void): Assembly {
  const templates = new Templates(assembly);
  edit(templates);
  return templates.toAssembly();
}
