import type { ElementId, NetworkModel } from '../../model/types.js';
import { byId, locationOf, nameOf } from './scene-context.js';
import { type AccountBox, type Placement, type ShareLink, topNodeOf } from './scene-types.js';

/** Web ACL → the REST API it protects, when both are drawn as boxes: traffic meets the ACL first. */
export const protectedApis = (
  model: NetworkModel,
  placements: ReadonlyMap<ElementId, Placement>,
): { readonly webAcl: string; readonly api: string }[] =>
  model.webAcls.flatMap((acl) => {
    const webAcl = placements.get(acl.id);
    return acl.associatedIds.flatMap((id) => {
      const api = placements.get(id);
      const isApi = model.restApis.some((a) => a.id === id || a.stages.some((s) => s.id === id));
      return webAcl?.kind === 'box' && api?.kind === 'box' && isApi
        ? [{ webAcl: webAcl.ref, api: api.ref }]
        : [];
    });
  });

/**
 * AWS RAM shares, from the shared resource's box to the box of the principal's account. A share is drawn when
 * both its resource and the principal's account are: the line says who may use what.
 */
export const shareLinks = (
  model: NetworkModel,
  placements: ReadonlyMap<ElementId, Placement>,
  accountBoxes: ReadonlyMap<string, AccountBox>,
): ShareLink[] =>
  byId(model.resourceShares).flatMap((share) =>
    share.sharedIds.flatMap((shared) => {
      const placed = shared.known ? placements.get(shared.value) : undefined;
      if (placed?.kind !== 'box') return [];
      return share.principals.flatMap((principal): ShareLink[] => {
        const target = principal.known ? accountBoxes.get(principal.value) : undefined;
        const firstSubnet = target?.vpcs[0]?.columns[0]?.subnets[0];
        const toNode = (firstSubnet && topNodeOf(firstSubnet)) ?? target?.regional[0]?.node;
        if (
          target === undefined ||
          toNode === undefined ||
          target.regional.some((b) => b.node === placed.ref)
        )
          return [];
        return [
          {
            from: placed.ref,
            toCluster: target.cluster,
            toNode,
            label: `shared with AWS RAM (${nameOf(share)})`,
            location: locationOf(share),
          },
        ];
      });
    }),
  );
