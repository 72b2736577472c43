import type { ElementId, NetworkModel, Resolved, Source } from '../../model/types.js';
import { displayName, sourceLocation } from '../names.js';
import type { Placement } from './scene-types.js';

/** What every part of the scene shares while it is built. */
export interface SceneContext {
  readonly model: NetworkModel;
  /** A fresh node name, counted: the scene is deterministic as long as the parts are built in the same order. */
  readonly nodeName: (prefix: string) => string;
  /** Where each element is drawn, filled in by the part that draws it. */
  readonly placements: Map<ElementId, Placement>;
  /** Each transit gateway's node, named before anything else: attachments in any account are joined to it. */
  readonly tgwNodes: ReadonlyMap<ElementId, string>;
  /** Each transit gateway attachment's gateway node. */
  readonly attachmentGateways: ReadonlyMap<ElementId, string>;
}

export const resolvedOr = (value: Resolved<string>, fallback: string): string =>
  value.known ? value.value : fallback;

/** Every list is walked in id order: the node names, and so the drawing, do not depend on the templates' order. */
export const byId = <T extends { readonly id: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const unresolvedAz = 'AZ not resolved';

export const nameOf = (element: { readonly source: Source }): string => displayName(element.source);

/** Where the element is in the templates (`stack/logicalId · type`): a node's tooltip. */
export const locationOf = (element: { readonly source: Source }): string => sourceLocation(element.source);
