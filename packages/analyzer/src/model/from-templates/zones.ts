import { describeNonLiteral, ResourceRef, type Value } from '../../cfn/values.js';
import { AVAILABILITY_ZONE_ID, nameKey } from '../availability-zones.js';
import { type AvailabilityZonePin, type ElementId, known, type Resolved, unknown } from '../types.js';
import type { BuildContext, CfnElement } from './context.js';

const SUBNET = 'AWS::EC2::Subnet';
/** A chain of subnets placed in each other's AZ longer than this is a cycle. */
const MAX_FOLLOWED = 16;

/**
 * The AZ of every subnet of the input as the analyses compare it (see `model/availability-zones.ts`): what each
 * template pins (`AvailabilityZoneId` or `AvailabilityZone`,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html), a subnet
 * placed in another's AZ followed to that one, and AZ names qualified by their account when the input places
 * subnets by the names of more than one account.
 */
export class AvailabilityZoneKeys {
  private readonly pins = new Map<ElementId, Resolved<AvailabilityZonePin>>();
  private readonly qualified: boolean;

  constructor(private readonly context: BuildContext) {
    for (const subnet of context.ofType(SUBNET)) this.pins.set(subnet.id, this.pinOfElement(subnet));
    const namingAccounts = new Set(
      [...this.pins.keys()].flatMap((id) => {
        const root = this.root(id);
        return root.known && root.value.kind === 'name' ? [root.value.account] : [];
      }),
    );
    this.qualified = namingAccounts.size > 1;
  }

  /** What the subnet's template says about its AZ, when it says it. */
  pinOf(subnetId: ElementId): AvailabilityZonePin | undefined {
    const pin = this.pins.get(subnetId);
    return pin?.known ? pin.value : undefined;
  }

  /** The subnet's zone key. */
  keyOf(subnetId: ElementId): Resolved<string> {
    const root = this.root(subnetId);
    if (!root.known) return root;
    const pin = root.value;
    if (pin.kind === 'id') return known(pin.id);
    if (pin.kind === 'name') return known(nameKey(pin.name, pin.account, this.qualified));
    return unknown(`the AZ of ${pin.subnetId} is not in the model`);
  }

  /**
   * An AZ a resource other than a subnet names (a firewall's `AvailabilityZoneMappings`): a literal AZ ID, a literal
   * AZ name of `element`'s account, or a subnet's AZ (`Fn::GetAtt [Subnet, AvailabilityZone(Id)]`).
   */
  keyOfValue(value: Value | undefined, element: CfnElement, what: string): Resolved<string> {
    if (value instanceof ResourceRef && this.pins.has(value.elementId)) return this.keyOf(value.elementId);
    if (typeof value === 'string') return known(this.keyOfLiteral(value, element.source.stack));
    return unknown(`${what}: ${describeNonLiteral(value)}`);
  }

  /** The key of an AZ ID, or of an AZ name as the account of `stack` maps it. */
  keyOfLiteral(zone: string, stack: string): string {
    return AVAILABILITY_ZONE_ID.test(zone)
      ? zone
      : nameKey(zone, this.context.accountOf(stack), this.qualified);
  }

  /** The pin a subnet's AZ comes down to, following subnets placed in another's AZ. */
  private root(subnetId: ElementId): Resolved<AvailabilityZonePin> {
    let current = this.pins.get(subnetId) ?? unknown<AvailabilityZonePin>(`${subnetId} is not a subnet`);
    for (let followed = 0; current.known && current.value.kind === 'subnet'; followed++) {
      if (followed === MAX_FOLLOWED)
        return unknown(`${subnetId} is placed in the AZ of a subnet placed in its own AZ: a cycle`);
      current = this.pins.get(current.value.subnetId) ?? unknown(`${current.value.subnetId} is not a subnet`);
    }
    return current;
  }

  private pinOfElement(subnet: CfnElement): Resolved<AvailabilityZonePin> {
    const { logicalId } = subnet.source;
    const id = subnet.prop('AvailabilityZoneId');
    if (typeof id === 'string') return known({ kind: 'id', id });
    if (id instanceof ResourceRef) {
      const other = this.context.element(id.elementId);
      return other?.source.type === SUBNET
        ? known({ kind: 'subnet', subnetId: id.elementId })
        : unknown(`${logicalId}.AvailabilityZoneId: ${describeNonLiteral(id)}`);
    }
    if (id !== undefined) return unknown(`${logicalId}.AvailabilityZoneId: ${describeNonLiteral(id)}`);
    const name = subnet.prop('AvailabilityZone');
    if (typeof name === 'string') {
      const account = this.context.accountOf(subnet.source.stack);
      return known({ kind: 'name', name, ...(account === undefined ? {} : { account }) });
    }
    return unknown(`${logicalId}.AvailabilityZone: ${describeNonLiteral(name)}`);
  }
}
