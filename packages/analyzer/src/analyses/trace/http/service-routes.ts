import type { HttpRequest, Step } from '../../types.js';
import { describeRequest, splitTarget } from './request.js';

/**
 * What the service does with the request that reaches it: with its routes known (Moat's config
 * `service.routes`, exact paths as the price service's router matches them), a path none of them serves gets a
 * 404 from the service; without them, the path is reported and not judged.
 */
export function serveRequest(
  request: HttpRequest,
  routes: readonly string[] | undefined,
): { readonly step: Step; readonly notServed?: string } {
  const { path } = splitTarget(request.path);
  if (routes === undefined) {
    return {
      step: { action: 'http', detail: `receives ${describeRequest(request)} (its routes are not given)` },
    };
  }
  if (routes.includes(path)) {
    return {
      step: { action: 'http', detail: `receives ${describeRequest(request)}: a route of the service` },
    };
  }
  return {
    step: { action: 'http', detail: `receives ${describeRequest(request)}: no route of the service` },
    notServed: `the service receives ${path}, which is not one of its routes ${routes.join(', ')}`,
  };
}
