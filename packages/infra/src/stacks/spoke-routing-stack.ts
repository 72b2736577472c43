import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { routeAttachment } from '../constructs/transit-gateway-hub.js';
import { type ParameterOwner, readParameter, SHARED_PARAMETER } from './shared-parameters.js';

export interface SpokeRoutingStackProps extends StackProps {
  /** The workload account's env when the container attachment lives in another account (step 10). */
  readonly workloadOwner?: ParameterOwner | undefined;
}

/**
 * The hub's side of the container VPC's attachment (step 6 on), in the networking account: associates it
 * with the spoke route table and propagates its routes into the spoke table (ingress ↔ container) and the
 * egress table (return traffic). Only the TGW's owner can do this, and only once the workload stack has
 * created the attachment, hence its own stack, deployed last.
 */
export class SpokeRoutingStack extends Stack {
  constructor(scope: Construct, id: string, props: SpokeRoutingStackProps) {
    super(scope, id, props);
    const attachmentId = readParameter(
      this,
      'ContainerAttachmentId',
      SHARED_PARAMETER.containerAttachmentId,
      props.workloadOwner,
    );
    const spokeRouteTableId = readParameter(this, 'SpokeRouteTableId', SHARED_PARAMETER.spokeRouteTableId);
    const egressRouteTableId = readParameter(this, 'EgressRouteTableId', SHARED_PARAMETER.egressRouteTableId);
    routeAttachment(this, 'ContainerRouting', attachmentId, spokeRouteTableId, {
      PropagationToSpokes: spokeRouteTableId,
      PropagationToEgress: egressRouteTableId,
    });
  }
}
